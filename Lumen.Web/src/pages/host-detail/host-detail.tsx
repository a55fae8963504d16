import { useCallback, useMemo, useRef } from 'react';
import { hubNow } from '../../lib/api';
import { chartColumns, chartLayout } from '../../lib/chart-bands';
import { HOST_CHARTS } from '../../lib/host-charts';
import { hostState } from '../../lib/host-status';
import { keepLiveRaw, resolveRange } from '../../lib/ranges';
import { clip, joinHistoryLive, medianInterval } from '../../lib/series';
import { zoomFromDrag } from '../../lib/zoom';
import { useFiringAlerts } from '../../hooks/use-firing-alerts';
import { useHostHistory } from '../../hooks/use-host-history';
import { useHostInfo } from '../../hooks/use-host-info';
import { useHostLive } from '../../hooks/use-host-live';
import { useHostRange } from '../../hooks/use-host-range';
import { useNow } from '../../hooks/use-now';
import { RangePicker } from '../../components/range-picker';
import { cx, ErrorNote } from '../../components/ui';
import { ChartsGrid } from './charts-grid';
import { ContainersPanel } from './containers-panel';
import { CoresAndSystem } from './cores-and-system';
import { DetailTiles } from './detail-tiles';
import { DevicesPanel } from './devices-panel';
import { DownloadLinks } from './download-links';
import { GpuPanel } from './gpu-panel';
import { ProcessesPanel } from './processes-panel';
import { BackLink, HostHeader } from './host-header';
import { ZoomBar } from './zoom-bar';

const LAYOUTS = HOST_CHARTS.map((c) => chartLayout(c.series));

/** One host: its charts over a chosen range (or a span dragged across them), history joined with live frames, cores, containers, facts. */
export function HostDetail({ id }: { id: number }) {
  const tick = useNow(5000);
  const { host, hostError, agentInterval, archive, updateHost } = useHostInfo(id);
  const { key: rangeKey, custom, zoom, pick, zoomTo, resetZoom } = useHostRange();
  const { history, historyError, loadingHistory, reload, fetchKey } = useHostHistory(id, rangeKey, custom, archive, zoom);
  const { latest, live } = useHostLive(id, host, reload);
  const firing = useFiringAlerts().byHost.get(id);

  const picked = resolveRange(rangeKey, custom, Math.floor(hubNow() / 1000), archive);
  // A zoom is a fixed window: live frames are not joined to it.
  const range = zoom ? { ...zoom, live: false } : picked;
  const step = history?.step ?? 5;
  const liveCadence = useMemo(() => medianInterval(live.map((s) => s.ts)), [live]);
  const gapInterval = Math.max(step, agentInterval, keepLiveRaw(step, liveCadence) ? (liveCadence ?? 0) : 0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: range.from/to move with tick; recomputing each tick slides a live window without frames.
  const samples = useMemo(() => {
    if (!history) return [];
    const joined = range.live ? joinHistoryLive(history.samples, live, step, keepLiveRaw(step, liveCadence)) : history.samples;
    return clip(joined, range.from - step, range.to + step);
  }, [history, live, step, liveCadence, range.live, tick, fetchKey]);

  const columns = useMemo(() => HOST_CHARTS.map((c, i) => chartColumns(samples, c.keys, LAYOUTS[i], gapInterval)), [samples, gapInterval]);
  const xRangeRef = useRef<[number, number]>([range.from, range.to]);
  xRangeRef.current = [range.from, range.to];
  const xRange = useCallback(() => xRangeRef.current, []);
  const onZoom = useCallback(
    (from: number, to: number) => {
      const next = zoomFromDrag(from, to, xRangeRef.current);
      if (next) zoomTo(next);
    },
    [zoomTo],
  );

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
    // While zoomed, room below the page for the zoom bar kept at the window's bottom, so it covers none of the page's end.
    <div className={cx('space-y-4 sm:space-y-5', zoom && 'pb-16')}>
      <HostHeader host={host} state={state} hubNowMs={hubNowMs} firing={firing} onSilenceChanged={(silenced_until) => updateHost({ silenced_until })}>
        <div className="flex flex-wrap items-start gap-2 lg:justify-end">
          <RangePicker value={rangeKey} custom={custom} clamped={!zoom && picked.clamped} onChange={pick} />
          <DownloadLinks id={id} from={range.from} to={range.to} agentInterval={agentInterval} />
        </div>
      </HostHeader>

      <DetailTiles latest={latest} />

      <CoresAndSystem latest={latest} system={state.system} uptime={state.uptime} />

      <ErrorNote message={historyError} onRetry={() => void reload()} />

      <ZoomBar zoom={zoom} loading={loadingHistory} onReset={resetZoom} />

      <ChartsGrid columns={columns} latest={latest} syncKey={`host-${id}`} xRange={xRange} onZoom={onZoom} loading={loadingHistory && samples.length === 0} />

      <GpuPanel hostId={id} latest={latest} range={range} fetchKey={fetchKey} syncKey={`host-${id}`} />

      <DevicesPanel hostId={id} latest={latest} range={range} fetchKey={fetchKey} />

      <ContainersPanel hostId={id} latest={latest} range={range} fetchKey={fetchKey} />

      <ProcessesPanel hostId={id} latest={latest} />
    </div>
  );
}
