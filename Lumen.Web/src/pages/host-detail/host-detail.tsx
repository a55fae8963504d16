import { useCallback, useMemo, useRef, useState } from 'react';
import { hubNow } from '../../lib/api';
import { HOST_CHARTS } from '../../lib/host-charts';
import { hostState } from '../../lib/host-status';
import { type CustomRange, keepLiveRaw, type RangeKey, rangeFromQuery, rangeQuery, resolveRange } from '../../lib/ranges';
import { clip, joinHistoryLive, medianInterval, toColumns } from '../../lib/series';
import { useFiringAlerts } from '../../hooks/use-firing-alerts';
import { useHostHistory } from '../../hooks/use-host-history';
import { useHostInfo } from '../../hooks/use-host-info';
import { useHostLive } from '../../hooks/use-host-live';
import { useNow } from '../../hooks/use-now';
import { RangePicker } from '../../components/range-picker';
import { ErrorNote } from '../../components/ui';
import { ChartsGrid } from './charts-grid';
import { ContainersPanel } from './containers-panel';
import { CoresAndSystem } from './cores-and-system';
import { DetailTiles } from './detail-tiles';
import { GpuPanel } from './gpu-panel';
import { BackLink, HostHeader } from './host-header';

/** One host: its charts over a chosen range, history joined with live frames, cores, containers, facts. */
export function HostDetail({ id }: { id: number }) {
  const tick = useNow(5000);
  const { host, hostError, agentInterval, retention, updateHost } = useHostInfo(id);
  // The range lives in the URL (?range=10m, or ?from=&to= unix seconds), so a link shows the same window.
  const [rangeKey, setRangeKey] = useState<RangeKey>(() => rangeFromQuery(window.location.search).key);
  const [custom, setCustom] = useState<CustomRange | null>(() => rangeFromQuery(window.location.search).custom);
  const { history, historyError, loadingHistory, reload, fetchKey } = useHostHistory(id, rangeKey, custom, retention);
  const { latest, live } = useHostLive(id, host, reload);
  const firing = useFiringAlerts().byHost.get(id);

  const range = resolveRange(rangeKey, custom, Math.floor(hubNow() / 1000), retention);
  const step = history?.step ?? 5;
  const liveCadence = useMemo(() => medianInterval(live.map((s) => s.ts)), [live]);
  const gapInterval = Math.max(step, agentInterval, keepLiveRaw(step, liveCadence) ? (liveCadence ?? 0) : 0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: range.from/to move with tick; recomputing each tick slides a live window without frames.
  const samples = useMemo(() => {
    if (!history) return [];
    const joined = range.live ? joinHistoryLive(history.samples, live, step, keepLiveRaw(step, liveCadence)) : history.samples;
    return clip(joined, range.from - step, range.to + step);
  }, [history, live, step, liveCadence, range.live, tick, fetchKey]);

  const columns = useMemo(() => HOST_CHARTS.map((c) => toColumns(samples, c.keys, gapInterval)), [samples, gapInterval]);
  const xRangeRef = useRef<[number, number]>([range.from, range.to]);
  xRangeRef.current = [range.from, range.to];
  const xRange = useCallback(() => xRangeRef.current, []);

  if (hostError)
    return (
      <div className="space-y-4">
        <BackLink />
        <ErrorNote message={hostError} />
      </div>
    );

  const hubNowMs = hubNow();
  const state = hostState(host, latest, agentInterval, hubNowMs);

  return (
    <div className="space-y-4 sm:space-y-5">
      <HostHeader host={host} state={state} hubNowMs={hubNowMs} firing={firing} onSilenceChanged={(silenced_until) => updateHost({ silenced_until })}>
        <RangePicker
          value={rangeKey}
          custom={custom}
          clamped={range.clamped}
          onChange={(key, c) => {
            setRangeKey(key);
            if (c) setCustom(c);
            // window.history: `history` here is the host's metrics.
            window.history.replaceState(null, '', window.location.pathname + rangeQuery(key, c ?? null));
          }}
        />
      </HostHeader>

      <DetailTiles latest={latest} />

      <CoresAndSystem latest={latest} system={state.system} uptime={state.uptime} />

      <ErrorNote message={historyError} onRetry={() => void reload()} />

      <ChartsGrid columns={columns} latest={latest} syncKey={`host-${id}`} xRange={xRange} loading={loadingHistory && samples.length === 0} />

      <GpuPanel hostId={id} latest={latest} range={range} fetchKey={fetchKey} syncKey={`host-${id}`} />

      <ContainersPanel hostId={id} latest={latest} range={range} fetchKey={fetchKey} />
    </div>
  );
}
