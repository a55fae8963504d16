import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { api, errorMessage, hubNow } from '../lib/api';
import { buildCards, filterCards, onlineWindowMs, sortCards, summarise, allTags, type HostView, type SortMode } from '../lib/fleet';
import type { LiveSnapshot } from '../lib/protocol';
import { parseDuration, formatPct, formatTemp } from '../lib/units';
import { navigate } from '../lib/router';
import { useFiringAlerts } from '../hooks/use-firing-alerts';
import { useLiveStream } from '../hooks/use-live-stream';
import { useNow } from '../hooks/use-now';
import { HostCard, HostCardSkeleton } from '../components/host-card';
import { Link } from '../components/link';
import { Button, EmptyState, ErrorNote, Input, Segmented } from '../components/ui';
import { VirtualGrid } from '../components/virtual-grid';

const SORT_KEY = 'lumen-sort';

/** Every host as a card, live from the stream, with the fleet's summary, a filter and a sort. */
export function Overview() {
  const [hosts, setHosts] = useState<HostView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [intervalSeconds, setIntervalSeconds] = useState(5);
  const [live, setLive] = useState<ReadonlyMap<number, LiveSnapshot>>(() => new Map());
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<SortMode>(() => (localStorage.getItem(SORT_KEY) === 'name' ? 'name' : 'hottest'));
  const now = useNow(1000);
  const knownIds = useRef(new Set<number>());
  const refreshing = useRef(false);

  const loadHosts = useCallback(async () => {
    if (refreshing.current) return;
    refreshing.current = true;
    try {
      const list = await api.hosts();
      knownIds.current = new Set(list.map((h) => h.id));
      setHosts(list);
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      refreshing.current = false;
    }
  }, []);

  useEffect(() => {
    void loadHosts();
    api
      .settings()
      .then((s) => setIntervalSeconds(parseDuration(s.agent_interval) ?? 5))
      .catch(() => undefined);
    // Names, tags and hosts added elsewhere: the stream carries metrics, not those.
    const timer = setInterval(() => void loadHosts(), 30_000);
    return () => clearInterval(timer);
  }, [loadHosts]);

  const liveRef = useRef(live);
  const onFrame = useCallback(
    (snapshots: LiveSnapshot[]) => {
      // The stream repeats a host's snapshot until its next tick: keep the old object then, so
      // its card (memoised on it) does not render again.
      let next: Map<number, LiveSnapshot> | null = null;
      let unknown = false;
      for (const snapshot of snapshots) {
        const old = liveRef.current.get(snapshot.host_id);
        if (old && old.received_at === snapshot.received_at && old.ts === snapshot.ts) continue;
        next ??= new Map(liveRef.current);
        next.set(snapshot.host_id, snapshot);
        if (!knownIds.current.has(snapshot.host_id)) unknown = true;
      }
      if (next) {
        liveRef.current = next;
        // Rendered now, inside the socket's message task: a frame reaches the screen in the next
        // paint instead of waiting in the scheduler behind whatever else is queued. The budget
        // test (tests/e2e/overview-budget.spec.ts) times frames by this, from outside the app.
        const applied = next;
        flushSync(() => setLive(applied));
      }
      if (unknown && knownIds.current.size > 0) void loadHosts();
    },
    [loadHosts],
  );
  useLiveStream(null, onFrame);
  const { byHost: firing } = useFiringAlerts();

  // useNow re-renders every second, so online states age even when no frame comes.
  void now;
  const hubNowMs = hubNow();
  const windowMs = onlineWindowMs(intervalSeconds);
  const cards = useMemo(() => (hosts ? buildCards(hosts, live, hubNowMs, windowMs) : []), [hosts, live, hubNowMs, windowMs]);
  const visible = useMemo(() => sortCards(filterCards(cards, query), sort), [cards, query, sort]);
  const summary = useMemo(() => summarise(cards), [cards]);
  const tags = useMemo(() => (hosts ? allTags(hosts) : []), [hosts]);

  const changeSort = (mode: SortMode) => {
    setSort(mode);
    localStorage.setItem(SORT_KEY, mode);
  };

  if (hosts === null) {
    return (
      <div>
        <div className="mb-5 flex items-center justify-between">
          <div className="skeleton h-6 w-64" />
          <div className="skeleton h-9 w-48" />
        </div>
        {error ? (
          <ErrorNote message={error} onRetry={() => void loadHosts()} />
        ) : (
          <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 sm:gap-4 xl:grid-cols-3 2xl:grid-cols-4" aria-busy="true">
            {Array.from({ length: 6 }, (_, i) => (
              <HostCardSkeleton key={i} />
            ))}
          </div>
        )}
      </div>
    );
  }

  if (hosts.length === 0) {
    return (
      <EmptyState
        title="Add your first host"
        icon={
          <svg viewBox="0 0 24 24" className="h-6 w-6" fill="none" stroke="currentColor" strokeWidth="1.7" strokeLinecap="round" aria-hidden>
            <rect x="3" y="4" width="18" height="7" rx="1.5" />
            <rect x="3" y="13" width="18" height="7" rx="1.5" />
            <path d="M7 7.5h.01M7 16.5h.01" strokeWidth="2.5" />
          </svg>
        }
        action={
          <Button variant="primary" onClick={() => navigate('/settings?add=1')}>
            Add a host
          </Button>
        }
      >
        Lumen watches your machines through a small agent. Add a host to get its token and a one-line install command; its card shows up here as soon as the
        agent reports.
      </EmptyState>
    );
  }

  return (
    <div>
      <div className="mb-5 flex flex-col gap-3 lg:flex-row lg:items-center lg:justify-between">
        <div>
          <h1 className="text-lg font-semibold tracking-tight">Overview</h1>
          <p className="mt-0.5 text-sm text-muted" data-testid="fleet-summary">
            <span className="font-medium text-fg">
              {summary.online} of {summary.total}
            </span>{' '}
            {summary.total === 1 ? 'host' : 'hosts'} online
            {summary.hottest && (
              <>
                {' · '}busiest{' '}
                <Link href={`/hosts/${summary.hottest.id}`} className="font-medium text-fg hover:text-accent">
                  {summary.hottest.name}
                </Link>{' '}
                at {formatPct(summary.hottest.cpuPct)} CPU
              </>
            )}
            {summary.warmest && (
              <>
                {' · '}hottest{' '}
                <Link href={`/hosts/${summary.warmest.id}`} className="font-medium text-fg hover:text-accent">
                  {summary.warmest.name}
                </Link>{' '}
                at {formatTemp(summary.warmest.tempC)}
              </>
            )}
          </p>
        </div>
        <div className="flex flex-col gap-2 sm:flex-row sm:items-center">
          <div className="relative sm:w-72">
            <svg
              viewBox="0 0 20 20"
              className="pointer-events-none absolute top-1/2 left-3 h-4 w-4 -translate-y-1/2 text-faint"
              aria-hidden
              fill="none"
              stroke="currentColor"
              strokeWidth="1.8"
              strokeLinecap="round"
            >
              <circle cx="9" cy="9" r="5.5" />
              <path d="m13.5 13.5 3 3" />
            </svg>
            <Input
              type="search"
              placeholder="Filter by name or tag"
              value={query}
              onChange={(e) => setQuery(e.target.value)}
              className="pl-9"
              aria-label="Filter hosts"
              list="lumen-tags"
            />
            <datalist id="lumen-tags">
              {tags.map((t) => (
                <option key={t} value={t} />
              ))}
            </datalist>
          </div>
          <Segmented
            label="Sort hosts"
            className="w-full sm:w-auto"
            value={sort}
            onChange={changeSort}
            options={[
              { value: 'hottest', label: 'Busiest first', title: 'Online hosts by CPU, highest first' },
              { value: 'name', label: 'By name' },
            ]}
          />
        </div>
      </div>

      <ErrorNote message={error} onRetry={() => void loadHosts()} />

      {visible.length === 0 ? (
        <div className="panel px-6 py-12 text-center text-sm text-muted">
          No host matches “{query}”.{' '}
          <button type="button" className="font-medium text-accent" onClick={() => setQuery('')}>
            Clear the filter
          </button>
        </div>
      ) : (
        <VirtualGrid
          items={visible}
          keyOf={(card) => card.host.id}
          className="grid grid-cols-1 gap-3 sm:grid-cols-2 sm:gap-4 xl:grid-cols-3 2xl:grid-cols-4"
          render={(card) => <HostCard card={card} intervalSeconds={intervalSeconds} hubNowMs={hubNowMs} firing={firing.get(card.host.id)} />}
        />
      )}
    </div>
  );
}
