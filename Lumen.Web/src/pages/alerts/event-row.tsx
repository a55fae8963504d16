import type { AlertEvent } from '../../lib/alerts';
import { ago, eventDuration, localTime } from '../../lib/alert-history';
import { BellOffIcon, severityTone, SeverityBadge } from '../../components/alert-badges';
import { Link } from '../../components/link';
import { cx } from '../../components/ui';

/** Said in words, not only by a paler row: nobody was notified of this one. */
function SuppressedMark() {
  return (
    <span
      className="inline-flex h-5 items-center gap-1 rounded-md border border-dashed border-line-strong px-1.5 text-[11px] font-medium text-muted"
      title="Recorded while the host was silenced, in maintenance or the rule cooling down: nobody was notified."
    >
      <BellOffIcon />
      suppressed
    </span>
  );
}

/**
 * One alert event: its severity in a word and a colour, the rule, the host (a link to it), the
 * hub's sentence, and when it started; in the history also when and how it ended.
 */
export function EventRow({ event, nowMs, history }: { event: AlertEvent; nowMs: number; history?: boolean }) {
  const resolved = event.state === 'resolved';
  return (
    <li
      className={cx('relative flex flex-col gap-2 px-4 py-3 sm:flex-row sm:items-start sm:gap-4 sm:px-5', event.suppressed && 'bg-sunken/40')}
      data-testid={history ? 'history-event' : 'firing-event'}
      data-rule={event.rule_name}
      data-host={event.host}
      data-state={event.state}
    >
      {!history && <span className={cx('absolute inset-y-2 left-0 w-[3px] rounded-r', severityTone[event.severity].dot)} aria-hidden />}
      <div className="flex items-center gap-2 sm:w-24 sm:shrink-0 sm:pt-0.5">
        <SeverityBadge severity={event.severity} />
      </div>
      <div className="min-w-0 flex-1">
        <div className="flex flex-wrap items-baseline gap-x-2 gap-y-1">
          <span className="font-medium text-fg">{event.rule_name}</span>
          <span className="text-faint" aria-hidden>
            ·
          </span>
          <Link href={`/hosts/${event.host_id}`} className="font-medium text-muted hover:text-accent">
            {event.host}
          </Link>
          {event.subject && <span className="rounded-md bg-sunken px-1.5 py-0.5 font-mono text-[11px] text-muted">{event.subject}</span>}
          {event.suppressed && <SuppressedMark />}
        </div>
        <p className="mt-0.5 text-sm break-words text-muted">{event.message}</p>
        {resolved && event.resolved_message && <p className="text-sm break-words text-faint">{event.resolved_message}</p>}
      </div>
      <div className="tabular text-xs text-muted sm:w-44 sm:shrink-0 sm:pt-1 sm:text-right">
        {resolved && event.resolved_at ? (
          <span title={`Started ${localTime(event.started_at)}, resolved ${localTime(event.resolved_at)}`}>
            resolved {ago(event.resolved_at, nowMs)}
            <span className="text-faint sm:block">
              <span className="sm:hidden"> · </span>lasted {eventDuration(event, nowMs)}
            </span>
          </span>
        ) : (
          <span title={`Started ${localTime(event.started_at)}`}>
            firing for {eventDuration(event, nowMs)}
            <span className="text-faint sm:block">
              <span className="sm:hidden"> · </span>started {ago(event.started_at, nowMs)}
            </span>
          </span>
        )}
      </div>
    </li>
  );
}
