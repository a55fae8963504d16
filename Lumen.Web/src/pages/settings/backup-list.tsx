import { useState } from 'react';
import { type BackupEntry, backupApi, downloadUrl } from '../../lib/backups';
import { formatBytes } from '../../lib/units';
import { Button, EmptyState, ErrorNote, Skeleton } from '../../components/ui';
import { PassphraseDialog, RestoreWarning } from './backup-dialogs';

/** Waits until the hub has gone down (or 5 s passed) and answers again, then reloads the page on the restored database. */
async function reloadWhenBack(): Promise<void> {
  const answers = async () => {
    try {
      return (await fetch('/healthz', { cache: 'no-store' })).ok;
    } catch {
      return false;
    }
  };
  const pause = () => new Promise((r) => setTimeout(r, 500));
  const wentDown = Date.now() + 5000;
  while (Date.now() < wentDown && (await answers())) await pause();
  while (!(await answers())) await pause();
  window.location.reload();
}

/** The backups in the target, newest first: each can be downloaded or restored. */
export function BackupList({ entries, error, onRetry }: { entries: BackupEntry[] | null; error: string | null; onRetry: () => void }) {
  const [restoring, setRestoring] = useState<string | null>(null);
  const [restarting, setRestarting] = useState<string | null>(null);

  if (restarting)
    return (
      <p role="status" className="rounded-lg border border-accent/30 bg-accent/8 px-3 py-2 text-sm text-fg">
        {restarting} is restored. The hub is restarting on it; this page reloads when the hub answers again.
      </p>
    );

  return (
    <div>
      <ErrorNote message={error} onRetry={onRetry} />
      {!entries ? (
        !error && <Skeleton className="h-16 w-full" />
      ) : entries.length === 0 ? (
        <EmptyState title="No backups yet">Run one now, or switch the schedule on.</EmptyState>
      ) : (
        <ul className="divide-y divide-line rounded-lg border border-line" aria-label="Backups">
          {entries.map((entry) => (
            <li key={entry.name} className="flex flex-wrap items-center gap-3 px-3 py-2">
              <span className="min-w-0 flex-1">
                <span className="block truncate font-mono text-xs text-fg">{entry.name}</span>
                <span className="block text-xs text-faint">
                  {formatBytes(entry.size_bytes)} · {new Date(entry.created_at).toLocaleString()}
                </span>
              </span>
              <a
                href={downloadUrl(entry.name)}
                download={entry.name}
                className="inline-flex min-h-9 items-center rounded-lg px-3 text-sm font-medium text-muted hover:bg-sunken hover:text-fg"
              >
                Download
              </a>
              <Button variant="ghost" onClick={() => setRestoring(entry.name)}>
                Restore
              </Button>
            </li>
          ))}
        </ul>
      )}
      <PassphraseDialog
        open={restoring !== null}
        title={`Restore ${restoring ?? ''}?`}
        action="Restore and restart"
        danger
        onClose={() => setRestoring(null)}
        onSubmit={async (passphrase) => {
          if (!restoring) return;
          const answer = await backupApi.restore(restoring, passphrase);
          setRestoring(null);
          setRestarting(answer.name);
          void reloadWhenBack();
        }}
      >
        {restoring && <RestoreWarning name={restoring} />}
      </PassphraseDialog>
    </div>
  );
}
