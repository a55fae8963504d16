import { useCallback, useEffect, useState } from 'react';
import { api, errorMessage, hubNow } from '../../lib/api';
import { type Channel, DELIVERY_STATUSES, type Delivery, type DeliveryStatus } from '../../lib/channels';
import { DELIVERY_REFRESH_MS, filterFromSearch, STATUS_WORDS, searchFromFilter } from '../../lib/deliveries';
import { useNow } from '../../hooks/use-now';
import { Select } from '../../components/controls';
import { Link } from '../../components/link';
import { Button, ErrorNote, Field, Panel, PanelHeader, Skeleton } from '../../components/ui';
import { DeliveryRow } from './delivery-row';

const PAGE = 100;
/** The most the hub answers in one request. */
const MOST = 2000;

/**
 * The delivery log: every notification sent or being tried, newest first, filtered by status
 * and channel (kept in the address, so the channel list links here filtered), asked again every
 * few seconds while the tab is visible; Retry on a failed or dropped row.
 */
export default function Deliveries() {
  const [filter, setFilter] = useState(() => filterFromSearch(window.location.search));
  const [limit, setLimit] = useState(PAGE);
  const [rows, setRows] = useState<Delivery[] | null>(null);
  const [channels, setChannels] = useState<Channel[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [loadedAt, setLoadedAt] = useState<number | null>(null);
  const nowMs = useNow(1000);

  const load = useCallback(async () => {
    try {
      setRows(await api.deliveries({ status: filter.status, channelId: filter.channelId, limit }));
      setLoadedAt(Date.now());
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    }
  }, [filter, limit]);

  useEffect(() => {
    void load();
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') void load();
    }, DELIVERY_REFRESH_MS);
    return () => clearInterval(timer);
  }, [load]);

  useEffect(() => {
    api
      .channels()
      .then(setChannels)
      .catch(() => undefined);
  }, []);

  const change = (next: typeof filter) => {
    setFilter(next);
    setLimit(PAGE);
    setRows(null);
    history.replaceState(null, '', `${window.location.pathname}${searchFromFilter(next)}`);
  };

  const hub = hubNow();
  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-lg font-semibold tracking-tight">Delivery log</h1>
          <p className="mt-0.5 text-sm text-muted">Every alert message to every channel, newest first: sent, still being tried, or given up, and why.</p>
        </div>
        <div className="flex gap-1 text-sm">
          <Link href="/alerts" className="rounded-lg px-2.5 py-1.5 font-medium text-accent hover:bg-sunken">
            Alerts
          </Link>
          <Link href="/settings#notifications" className="rounded-lg px-2.5 py-1.5 font-medium text-accent hover:bg-sunken">
            Channels
          </Link>
        </div>
      </div>
      <Panel data-testid="delivery-log">
        <PanelHeader
          title="Deliveries"
          subtitle={loadedAt ? `Refreshes every few seconds; last read ${Math.max(0, Math.round((nowMs - loadedAt) / 1000))} s ago.` : 'Reading…'}
          actions={
            <Button variant="ghost" onClick={() => void load()}>
              Refresh
            </Button>
          }
        />
        <div className="grid grid-cols-1 gap-3 border-b border-line px-4 py-3 sm:grid-cols-[12rem_16rem] sm:px-5">
          <Field label="Status">
            <Select name="status" value={filter.status} onChange={(e) => change({ ...filter, status: e.target.value as DeliveryStatus | '' })}>
              <option value="">Any status</option>
              {DELIVERY_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {STATUS_WORDS[s]} ({s})
                </option>
              ))}
            </Select>
          </Field>
          <Field label="Channel">
            <Select
              name="channel"
              value={filter.channelId ?? ''}
              onChange={(e) => change({ ...filter, channelId: e.target.value ? Number(e.target.value) : null })}
            >
              <option value="">Every channel</option>
              {channels.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
              {filter.channelId !== null && !channels.some((c) => c.id === filter.channelId) && (
                <option value={filter.channelId}>channel {filter.channelId}</option>
              )}
            </Select>
          </Field>
        </div>
        {error && (
          <div className="px-4 pt-3 sm:px-5">
            <ErrorNote message={error} onRetry={() => void load()} />
          </div>
        )}
        {rows === null ? (
          <div className="space-y-3 p-5" aria-busy="true">
            <Skeleton className="h-10 w-full" />
            <Skeleton className="h-10 w-full" />
          </div>
        ) : rows.length === 0 ? (
          <p className="px-5 py-8 text-center text-sm text-muted" data-testid="no-deliveries">
            {filter.status || filter.channelId
              ? 'No delivery matches these filters.'
              : 'Nothing has been sent yet: deliveries appear when an alert fires or resolves.'}
          </p>
        ) : (
          <>
            <ul className="divide-y divide-line">
              {rows.map((delivery) => (
                <DeliveryRow key={delivery.id} delivery={delivery} nowMs={hub} onRetried={() => void load()} />
              ))}
            </ul>
            {rows.length >= limit && limit < MOST && (
              <div className="border-t border-line px-4 py-3 text-center sm:px-5">
                <Button variant="ghost" onClick={() => setLimit(Math.min(MOST, limit + PAGE * 4))}>
                  Show older deliveries
                </Button>
              </div>
            )}
          </>
        )}
      </Panel>
    </div>
  );
}
