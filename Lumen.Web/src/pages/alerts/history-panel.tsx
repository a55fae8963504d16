import { useCallback, useEffect, useState } from 'react';
import type { AlertEvent } from '../../lib/alerts';
import { applyToHistory, type HistoryMode } from '../../lib/alert-history';
import { api, errorMessage } from '../../lib/api';
import { firingAlerts } from '../../hooks/use-firing-alerts';
import { Link } from '../../components/link';
import { Button, ErrorNote, Panel, PanelHeader, Segmented, Skeleton } from '../../components/ui';
import { EventRow } from './event-row';

const PAGE = 100;
/** The most the hub answers in one request. */
const MOST = 2000;

/** Past alerts, newest first: resolved ones, or all of them; alert frames put new ones in place as they come. */
export function HistoryPanel({ nowMs }: { nowMs: number }) {
  const [mode, setMode] = useState<HistoryMode>('resolved');
  const [limit, setLimit] = useState(PAGE);
  const [events, setEvents] = useState<AlertEvent[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setEvents(await api.alertEvents(mode, limit));
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setLoading(false);
    }
  }, [mode, limit]);

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => firingAlerts.onFrame((frame) => setEvents((list) => (list ? applyToHistory(list, frame, mode) : list))), [mode]);

  const changeMode = (next: HistoryMode) => {
    setMode(next);
    setLimit(PAGE);
    setEvents(null);
  };

  return (
    <Panel data-testid="history-panel">
      <PanelHeader
        title="History"
        subtitle="Newest first. Suppressed alerts were recorded while nobody was to be told: a silenced host, maintenance or a rule cooling down."
        actions={
          <>
            <Link
              href="/alerts/deliveries"
              className="inline-flex min-h-8 items-center rounded-md px-2 text-xs font-medium text-accent hover:bg-sunken"
              title="What was sent to whom, and what failed"
            >
              Delivery log
            </Link>
            <Segmented
              label="Which alerts"
              size="sm"
              value={mode}
              onChange={changeMode}
              options={[
                { value: 'resolved', label: 'Resolved' },
                { value: 'all', label: 'All' },
              ]}
            />
          </>
        }
      />
      {error && (
        <div className="px-4 pt-3 sm:px-5">
          <ErrorNote message={error} onRetry={() => void load()} />
        </div>
      )}
      {events === null ? (
        <div className="space-y-3 p-5" aria-busy="true">
          <Skeleton className="h-10 w-full" />
          <Skeleton className="h-10 w-full" />
        </div>
      ) : events.length === 0 ? (
        <p className="px-5 py-8 text-center text-sm text-muted">{mode === 'resolved' ? 'No alert has resolved yet.' : 'No alert has fired yet.'}</p>
      ) : (
        <>
          <ul className="divide-y divide-line">
            {events.map((event) => (
              <EventRow key={event.id} event={event} nowMs={nowMs} history />
            ))}
          </ul>
          {events.length >= limit && limit < MOST && (
            <div className="border-t border-line px-4 py-3 text-center sm:px-5">
              <Button variant="ghost" busy={loading} onClick={() => setLimit(Math.min(MOST, limit + PAGE * 4))}>
                Show older alerts
              </Button>
            </div>
          )}
        </>
      )}
    </Panel>
  );
}
