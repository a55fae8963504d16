import type { HostView } from '../../lib/fleet';
import { describeCoverage, describeSpan, describeWhen, type MaintenanceWindow, recurrenceLabel, type WindowState } from '../../lib/maintenance';
import { previewNames } from '../../lib/alert-rule-form';
import { useWindowCoverage } from '../../hooks/use-window-coverage';
import { Button, cx } from '../../components/ui';

const STATE: Record<WindowState, { word: string; tone: string; icon: string }> = {
  active: {
    word: 'running',
    tone: 'border-warn/35 bg-warn/10 text-warn',
    // A wrench.
    icon: 'M10.6 2.2a3.2 3.2 0 0 0-3 4.3L2.5 11.6a1.3 1.3 0 0 0 1.9 1.9l5.1-5.1a3.2 3.2 0 0 0 4.3-3l-1.9 1.4-1.8-.4-.4-1.8Z',
  },
  upcoming: {
    word: 'upcoming',
    tone: 'border-accent/30 bg-accent/10 text-accent',
    // A clock.
    icon: 'M8 2a6 6 0 1 0 0 12A6 6 0 0 0 8 2Zm0 2.8V8l2.2 1.4',
  },
  past: {
    word: 'ended',
    tone: 'border-line-strong bg-sunken text-muted',
    // A tick in a circle.
    icon: 'M8 2a6 6 0 1 0 0 12A6 6 0 0 0 8 2ZM5.4 8.2l1.8 1.7 3.4-3.6',
  },
};

/** Where a window stands, as a word with its mark and colour (never colour alone). */
function StateMark({ state }: { state: WindowState }) {
  const { word, tone, icon } = STATE[state];
  return (
    <span className={cx('inline-flex h-6 shrink-0 items-center gap-1 rounded-full border px-2 text-[11px] font-semibold', tone)} data-testid="window-state">
      <svg
        viewBox="0 0 16 16"
        className="h-3.5 w-3.5"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.5"
        strokeLinecap="round"
        strokeLinejoin="round"
        aria-hidden
      >
        <path d={icon} />
      </svg>
      {word}
    </span>
  );
}

/** The hosts a running or coming window covers now, by name. */
function Covered({ window, hosts }: { window: MaintenanceWindow; hosts: HostView[] | null }) {
  const coverage = useWindowCoverage(window.host, window.scope_tags, hosts);
  if (coverage.status !== 'ok') return null;
  const { names, more } = previewNames({ hosts: coverage.hosts }, 8);
  return (
    <>
      <span className="text-faint" aria-hidden>
        →
      </span>
      {names.length === 0 ? (
        <span>no registered host</span>
      ) : (
        <ul className="contents" aria-label="Covered hosts">
          {names.map((name) => (
            <li key={name} className="rounded-md bg-sunken px-1.5 py-0.5 font-mono text-[11px] text-fg" data-testid="covered-host">
              {name}
            </li>
          ))}
          {more > 0 && <li>and {more} more</li>}
        </ul>
      )}
    </>
  );
}

/** One window: where it stands, its reason, the occurrence it is about and how it repeats, and which hosts. */
export function WindowRow({
  window,
  state,
  nowMs,
  hosts,
  onEdit,
}: {
  window: MaintenanceWindow;
  state: WindowState;
  nowMs: number;
  hosts: HostView[] | null;
  onEdit: () => void;
}) {
  const name = window.reason || `window ${window.id}`;
  return (
    <li className="px-4 py-3 sm:px-5" data-testid="maintenance-window" data-state={state} data-reason={window.reason}>
      <div className="flex items-start gap-3">
        <div className="flex min-w-0 flex-1 flex-col gap-1.5 sm:flex-row sm:gap-4">
          <div className="sm:w-24 sm:shrink-0 sm:pt-0.5">
            <StateMark state={state} />
          </div>
          <div className="min-w-0 flex-1">
            <div className="flex flex-wrap items-baseline gap-x-2 gap-y-0.5">
              <span className={cx('font-medium', window.reason ? 'text-fg' : 'text-muted italic')}>{window.reason || 'No reason given'}</span>
              {window.recurrence === 'weekly' && (
                <span className="inline-flex items-center gap-1 text-xs text-muted">
                  <svg viewBox="0 0 16 16" className="h-3 w-3" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" aria-hidden>
                    <path d="M13 8a5 5 0 1 1-1.5-3.6M13 2.5v2.5h-2.5" />
                  </svg>
                  {recurrenceLabel(window)}
                </span>
              )}
            </div>
            <p className="mt-0.5 text-sm text-muted tabular">
              {describeSpan(window, nowMs)}
              <span className="text-faint max-sm:block">
                <span className="max-sm:hidden"> · </span>
                {describeWhen(window, nowMs)}
              </span>
            </p>
            <div className="mt-1.5 flex flex-wrap items-center gap-1 text-xs text-muted">
              <span>
                <span className="text-faint">Hosts: </span>
                {describeCoverage(window)}
              </span>
              {state !== 'past' && <Covered window={window} hosts={hosts} />}
            </div>
          </div>
        </div>
        <Button variant="ghost" className="px-2.5" onClick={onEdit} aria-label={`Edit ${name}`}>
          Edit
        </Button>
      </div>
    </li>
  );
}
