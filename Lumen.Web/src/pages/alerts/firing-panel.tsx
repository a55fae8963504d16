import type { FiringSnapshot } from '../../lib/firing';
import { ErrorNote, Panel, PanelHeader, Skeleton } from '../../components/ui';
import { EventRow } from './event-row';

/** What is firing now, worst first: the shared firing store, live from the stream's alert frames. */
export function FiringPanel({ firing, nowMs, onRetry }: { firing: FiringSnapshot; nowMs: number; onRetry: () => void }) {
  const { events, loaded, error } = firing;
  const hosts = new Set(events.map((e) => e.host_id)).size;
  return (
    <Panel aria-labelledby="firing-title" data-testid="firing-panel">
      <PanelHeader
        title={<span id="firing-title">Firing now</span>}
        subtitle={
          !loaded
            ? 'Loading…'
            : events.length === 0
              ? 'Updates live as alerts fire and resolve.'
              : `${events.length} ${events.length === 1 ? 'alert' : 'alerts'} on ${hosts} ${hosts === 1 ? 'host' : 'hosts'}, worst first. Updates live.`
        }
      />
      {error && (
        <div className="px-4 pt-3 sm:px-5">
          <ErrorNote message={error} onRetry={onRetry} />
        </div>
      )}
      {!loaded ? (
        <div className="space-y-3 p-5" aria-busy="true">
          <Skeleton className="h-10 w-full" />
          <Skeleton className="h-10 w-full" />
        </div>
      ) : events.length === 0 ? (
        <div className="flex items-center gap-3 px-4 py-6 sm:px-5" data-testid="nothing-firing">
          <span className="grid h-9 w-9 shrink-0 place-items-center rounded-full bg-ok/10 text-ok">
            <svg
              viewBox="0 0 20 20"
              className="h-4.5 w-4.5"
              fill="none"
              stroke="currentColor"
              strokeWidth="2"
              strokeLinecap="round"
              strokeLinejoin="round"
              aria-hidden
            >
              <path d="M5 10.5l3.2 3L15 6.5" />
            </svg>
          </span>
          <div>
            <p className="font-medium text-fg">Nothing is firing</p>
            <p className="text-sm text-muted">Every rule is quiet on every host it watches.</p>
          </div>
        </div>
      ) : (
        <ul className="divide-y divide-line">
          {events.map((event) => (
            <EventRow key={event.id} event={event} nowMs={nowMs} />
          ))}
        </ul>
      )}
    </Panel>
  );
}
