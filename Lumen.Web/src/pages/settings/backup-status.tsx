import type { BackupSettings } from '../../lib/backups';
import { formatBytes } from '../../lib/units';

/** The last result since the hub started, the next scheduled run, and what stops the schedule. */
export function BackupStatusLine({ settings }: { settings: BackupSettings }) {
  const { status } = settings;
  const success = status.last_success;
  const failure = status.last_error;
  // The newer of the two is what happened last.
  const failedLast = !!failure && (!success || Date.parse(failure.at) >= Date.parse(success.at));
  return (
    <dl className="grid grid-cols-1 gap-x-4 gap-y-1 text-sm sm:grid-cols-[auto_1fr]" data-testid="backup-status">
      <dt className="text-muted">Last backup</dt>
      <dd data-testid="backup-last">
        {status.running ? (
          'Running now…'
        ) : failedLast && failure ? (
          <span className="text-crit">
            Failed {new Date(failure.at).toLocaleString()}
            {failure.scheduled ? ' (scheduled)' : ''}: {failure.message}
          </span>
        ) : success ? (
          `${success.name}, ${formatBytes(success.size_bytes)}, ${new Date(success.at).toLocaleString()}`
        ) : (
          'None since the hub started.'
        )}
      </dd>
      <dt className="text-muted">Next scheduled</dt>
      <dd>
        {status.schedule_problem ? (
          <span className="text-warn">{status.schedule_problem}</span>
        ) : status.next_run_at ? (
          new Date(status.next_run_at).toLocaleString()
        ) : settings.enabled ? (
          '—'
        ) : (
          'Scheduled backups are off.'
        )}
      </dd>
    </dl>
  );
}
