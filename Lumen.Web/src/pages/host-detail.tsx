import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { api, errorMessage, hubNow } from '../lib/api';
import type { SeriesSpec } from '../lib/chart-options';
import { onlineWindowMs, tempLevel, type HostView } from '../lib/fleet';
import type { LiveSnapshot, MetricScalars } from '../lib/protocol';
import { PRESETS, keepLiveRaw, resolveRange, type RangeKey } from '../lib/ranges';
import { appendLive, clip, fromHistory, fromLive, joinHistoryLive, medianInterval, toColumns, type Sample } from '../lib/series';
import { formatAgo, formatLoad, formatPct, formatRate, formatTemp, parseDuration, type Unit } from '../lib/units';
import { useLiveStream } from '../hooks/use-live-stream';
import { useNow } from '../hooks/use-now';
import { ContainersTable } from '../components/containers-table';
import { CoreStrip } from '../components/core-strip';
import { Link } from '../components/link';
import { MetricChart } from '../components/metric-chart';
import { RangePicker } from '../components/range-picker';
import { SystemFacts } from '../components/system-facts';
import { cx, ErrorNote, Panel, PanelHeader, Skeleton, StatusDot } from '../components/ui';

interface History {
  samples: Sample[];
  step: number;
  from: number;
  to: number;
}

type Key = keyof MetricScalars | ((s: Sample) => number | null);

interface ChartDef {
  id: string;
  title: string;
  unit: Unit;
  keys: Key[];
  series: SeriesSpec[];
  yMax?: number;
  current: (s: LiveSnapshot) => string[];
}

const CHARTS: ChartDef[] = [
  {
    id: 'cpu',
    title: 'CPU',
    unit: 'pct',
    keys: ['cpu_pct'],
    series: [{ label: 'CPU', color: '--lm-cpu', fill: true }],
    yMax: 100,
    current: (s) => [formatPct(s.cpu_pct)],
  },
  {
    id: 'memory',
    title: 'Memory',
    unit: 'pct',
    keys: ['ram_pct', 'swap_pct'],
    series: [
      { label: 'RAM', color: '--lm-ram', fill: true },
      { label: 'Swap', color: '--lm-swap' },
    ],
    yMax: 100,
    current: (s) => [formatPct(s.ram_pct), formatPct(s.swap_pct)],
  },
  {
    id: 'disk',
    title: 'Disk used',
    unit: 'pct',
    keys: ['disk_pct'],
    series: [{ label: 'Root filesystem', color: '--lm-disk', fill: true }],
    yMax: 100,
    current: (s) => [formatPct(s.disk_pct)],
  },
  {
    id: 'disk-io',
    title: 'Disk I/O',
    unit: 'bps',
    keys: ['disk_r_bps', 'disk_w_bps'],
    series: [
      { label: 'Read', color: '--lm-rx', fill: true },
      { label: 'Write', color: '--lm-disk' },
    ],
    current: (s) => [formatRate(s.disk_r_bps), formatRate(s.disk_w_bps)],
  },
  {
    id: 'network',
    title: 'Network',
    unit: 'bps',
    keys: ['net_rx_bps', 'net_tx_bps'],
    series: [
      { label: 'Received', color: '--lm-rx', fill: true },
      { label: 'Sent', color: '--lm-tx' },
    ],
    current: (s) => [formatRate(s.net_rx_bps), formatRate(s.net_tx_bps)],
  },
  {
    id: 'load',
    title: 'Load average',
    unit: 'load',
    keys: ['load1', 'load5', 'load15'],
    series: [
      { label: '1 min', color: '--lm-load', fill: true },
      { label: '5 min', color: '--lm-ram' },
      { label: '15 min', color: '--lm-faint', dash: [4, 3] },
    ],
    current: (s) => [formatLoad(s.load1), formatLoad(s.load5), formatLoad(s.load15)],
  },
  {
    id: 'temperature',
    title: 'Temperature',
    unit: 'temp',
    // 0 °C is how an agent without a sensor reports: a gap, not a cold machine.
    keys: [(s) => (s.temp_c === 0 ? null : s.temp_c)],
    series: [{ label: 'Hottest sensor', color: '--lm-temp', fill: true }],
    current: (s) => [s.temp_c === 0 ? 'no sensor' : formatTemp(s.temp_c)],
  },
];

const LIVE_CAP = 20_000;

/** One host: its charts over a chosen range, history joined with live frames, cores, containers, facts. */
export function HostDetail({ id }: { id: number }) {
  const [host, setHost] = useState<HostView | null>(null);
  const [hostError, setHostError] = useState<string | null>(null);
  const [agentInterval, setAgentInterval] = useState(5);
  const [retention, setRetention] = useState(0);
  // The range lives in the URL (?range=10m, or ?from=&to= unix seconds), so a link shows the same window.
  const [rangeKey, setRangeKey] = useState<RangeKey>(() => rangeFromUrl().key);
  const [custom, setCustom] = useState<{ from: number; to: number } | null>(() => rangeFromUrl().custom);
  const [history, setHistory] = useState<History | null>(null);
  const [historyError, setHistoryError] = useState<string | null>(null);
  const [loadingHistory, setLoadingHistory] = useState(true);
  const [latest, setLatest] = useState<LiveSnapshot | null>(null);
  const [live, setLive] = useState<Sample[]>([]);
  const tick = useNow(5000);
  const request = useRef(0);

  useEffect(() => {
    api
      .hosts()
      .then((hosts) => {
        const found = hosts.find((h) => h.id === id);
        if (found) setHost(found);
        else setHostError(`There is no host with id ${id}. It may have been deleted.`);
      })
      .catch((err) => setHostError(errorMessage(err)));
    api
      .settings()
      .then((s) => {
        setAgentInterval(parseDuration(s.agent_interval) ?? 5);
        setRetention(parseDuration(s.retention_window) ?? 0);
      })
      .catch(() => undefined);
  }, [id]);

  const nowSeconds = Math.floor(hubNow() / 1000);
  const range = resolveRange(rangeKey, custom, nowSeconds, retention);
  // The window's bounds change every second; history is fetched per choice of range, not per second.
  const fetchKey = `${rangeKey}:${custom?.from}:${custom?.to}:${retention}`;

  // biome-ignore lint/correctness/useExhaustiveDependencies: fetchKey stands for rangeKey, custom and retention (custom by value, not identity).
  const loadHistory = useCallback(async () => {
    const mine = ++request.current;
    setLoadingHistory(true);
    const r = resolveRange(rangeKey, custom, Math.floor(hubNow() / 1000), retention);
    try {
      const metrics = await api.metrics(id, new Date(r.from * 1000), new Date(r.to * 1000));
      if (mine !== request.current) return;
      setHistory({ samples: fromHistory(metrics.points), step: metrics.step_seconds, from: r.from, to: r.to });
      setHistoryError(null);
    } catch (err) {
      if (mine !== request.current) return;
      setHistoryError(errorMessage(err));
      setHistory((h) => h ?? { samples: [], step: 5, from: r.from, to: r.to });
    } finally {
      if (mine === request.current) setLoadingHistory(false);
    }
  }, [id, fetchKey]);

  useEffect(() => {
    void loadHistory();
  }, [loadHistory]);

  const onFrame = useCallback(
    (snapshots: LiveSnapshot[]) => {
      const mine = snapshots.find((s) => s.host_id === id);
      if (!mine) return;
      setLatest(mine);
      setLive((samples) => {
        const next = appendLive(samples, fromLive(mine));
        return next.length > LIVE_CAP ? next.slice(next.length - LIVE_CAP) : next;
      });
    },
    [id],
  );
  const stream = useLiveStream(host ? [host.name] : [], onFrame, host !== null);

  // Back from a stream outage: the history has what the live view missed.
  const wasDown = useRef(false);
  useEffect(() => {
    if (stream.state === 'reconnecting') wasDown.current = true;
    if (stream.state === 'live' && wasDown.current) {
      wasDown.current = false;
      void loadHistory();
    }
  }, [stream.state, loadHistory]);

  const step = history?.step ?? 5;
  const liveCadence = useMemo(() => medianInterval(live.map((s) => s.ts)), [live]);
  const gapInterval = Math.max(step, agentInterval, keepLiveRaw(step, liveCadence) ? (liveCadence ?? 0) : 0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: range.from/to move with tick; recomputing each tick slides a live window without frames.
  const samples = useMemo(() => {
    if (!history) return [];
    const joined = range.live ? joinHistoryLive(history.samples, live, step, keepLiveRaw(step, liveCadence)) : history.samples;
    return clip(joined, range.from - step, range.to + step);
  }, [history, live, step, liveCadence, range.live, tick, fetchKey]);

  const columns = useMemo(() => CHARTS.map((c) => toColumns(samples, c.keys, gapInterval)), [samples, gapInterval]);
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

  const system = latest?.system ?? host?.system ?? null;
  const lastSeenMs = latest ? Date.parse(latest.received_at) : host?.last_seen_at ? Date.parse(host.last_seen_at) : null;
  const online = lastSeenMs !== null && hubNow() - lastSeenMs <= onlineWindowMs(agentInterval);
  const uptime = system && latest ? system.uptime_seconds + Math.max(0, (hubNow() - Date.parse(latest.ts)) / 1000) : (system?.uptime_seconds ?? null);

  return (
    <div className="space-y-4 sm:space-y-5">
      <div>
        <BackLink />
        <div className="mt-2 flex flex-col gap-3 lg:flex-row lg:items-end lg:justify-between">
          <div className="min-w-0">
            {host ? (
              <>
                <div className="flex items-center gap-2.5">
                  <StatusDot online={online} />
                  <h1 className="truncate text-xl font-semibold tracking-tight" data-testid="host-name">
                    {host.name}
                  </h1>
                  <span className={cx('rounded-full px-2 py-0.5 text-[11px] font-medium', online ? 'bg-ok/10 text-ok' : 'bg-sunken text-muted')}>
                    {online ? 'online' : lastSeenMs ? `offline · last seen ${formatAgo(lastSeenMs, hubNow())}` : 'never seen'}
                  </span>
                </div>
                <p className="mt-1 text-sm text-muted">
                  {[system?.os, system?.primary_ip, system ? `up ${formatUptimeShort(uptime)}` : null].filter(Boolean).join(' · ') ||
                    'No report from this host yet'}
                </p>
                {Object.keys(host.tags).length > 0 && (
                  <div className="mt-2 flex flex-wrap gap-1">
                    {Object.entries(host.tags).map(([k, v]) => (
                      <span key={k} className="rounded-md bg-sunken px-1.5 py-0.5 font-mono text-[11px] text-muted">
                        {k}={v}
                      </span>
                    ))}
                  </div>
                )}
              </>
            ) : (
              <>
                <Skeleton className="h-7 w-48" />
                <Skeleton className="mt-2 h-4 w-72" />
              </>
            )}
          </div>
          <RangePicker
            value={rangeKey}
            custom={custom}
            clamped={range.clamped}
            onChange={(key, c) => {
              setRangeKey(key);
              if (c) setCustom(c);
              rangeToUrl(key, c ?? null);
            }}
          />
        </div>
      </div>

      <Tiles latest={latest} />

      <div className="grid grid-cols-1 gap-3 sm:gap-4 xl:grid-cols-5">
        <Panel className="xl:col-span-2">
          <PanelHeader title="CPU cores" subtitle={latest ? `${latest.cpu_per_core.length} cores · live` : 'live'} />
          <div className="px-4 py-4 sm:px-5">{latest ? <CoreStrip cores={latest.cpu_per_core} /> : <Skeleton className="h-24 w-full" />}</div>
        </Panel>
        <Panel className="xl:col-span-3">
          <PanelHeader title="System" />
          <SystemFacts system={system} cores={latest?.cpu_per_core.length ?? 0} uptimeSeconds={uptime} />
        </Panel>
      </div>

      <ErrorNote message={historyError} onRetry={() => void loadHistory()} />

      <div className="grid grid-cols-1 gap-3 sm:gap-4 xl:grid-cols-2">
        {CHARTS.map((c, i) => (
          <MetricChart
            key={c.id}
            testId={`chart-${c.id}`}
            title={c.title}
            unit={c.unit}
            series={c.series}
            data={columns[i]}
            current={latest ? c.current(latest) : undefined}
            yMax={c.yMax}
            syncKey={`host-${id}`}
            xRange={xRange}
            loading={loadingHistory && samples.length === 0}
          />
        ))}
      </div>

      <Panel>
        <PanelHeader title="Containers" subtitle={latest ? `${latest.containers.length} reported` : undefined} />
        {latest ? <ContainersTable containers={latest.containers} /> : <Skeleton className="m-5 h-20" />}
      </Panel>
    </div>
  );
}

function rangeFromUrl(): { key: RangeKey; custom: { from: number; to: number } | null } {
  const query = new URLSearchParams(window.location.search);
  const from = Number(query.get('from'));
  const to = Number(query.get('to'));
  if (from > 0 && to > from) return { key: 'custom', custom: { from, to } };
  const key = query.get('range');
  return { key: PRESETS.some((p) => p.key === key) ? (key as RangeKey) : '1h', custom: null };
}

function rangeToUrl(key: RangeKey, custom: { from: number; to: number } | null) {
  const query = key === 'custom' && custom ? `?from=${Math.round(custom.from)}&to=${Math.round(custom.to)}` : key === '1h' ? '' : `?range=${key}`;
  history.replaceState(null, '', window.location.pathname + query);
}

function formatUptimeShort(seconds: number | null): string {
  if (seconds === null) return '–';
  const d = Math.floor(seconds / 86400);
  const h = Math.floor((seconds % 86400) / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  return d > 0 ? `${d} d ${h} h` : h > 0 ? `${h} h ${m} min` : `${m} min`;
}

function BackLink() {
  return (
    <Link href="/" className="inline-flex min-h-8 items-center gap-1 text-sm text-muted hover:text-fg">
      <svg viewBox="0 0 20 20" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" aria-hidden>
        <path d="M12 5l-5 5 5 5" />
      </svg>
      Overview
    </Link>
  );
}

function Tiles({ latest }: { latest: LiveSnapshot | null }) {
  const tiles: { label: string; value: string; sub?: string; tone: string; warn?: boolean }[] = latest
    ? [
        { label: 'CPU', value: formatPct(latest.cpu_pct), sub: `${latest.cpu_per_core.length} cores`, tone: '--lm-cpu' },
        { label: 'Memory', value: formatPct(latest.ram_pct), sub: `swap ${formatPct(latest.swap_pct)}`, tone: '--lm-ram' },
        { label: 'Disk', value: formatPct(latest.disk_pct), sub: `r ${formatRate(latest.disk_r_bps)} · w ${formatRate(latest.disk_w_bps)}`, tone: '--lm-disk' },
        {
          label: 'Temperature',
          value: latest.temp_c === 0 ? '–' : formatTemp(latest.temp_c),
          sub: latest.temp_c === 0 ? 'no sensor' : 'hottest sensor',
          tone: '--lm-temp',
          warn: tempLevel(latest.temp_c) === 'crit',
        },
        { label: 'Load', value: formatLoad(latest.load1), sub: `${formatLoad(latest.load5)} · ${formatLoad(latest.load15)}`, tone: '--lm-load' },
        { label: 'Network', value: `↓ ${formatRate(latest.net_rx_bps)}`, sub: `↑ ${formatRate(latest.net_tx_bps)}`, tone: '--lm-rx' },
      ]
    : [];
  if (!latest)
    return (
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-3 sm:gap-4 lg:grid-cols-6">
        {Array.from({ length: 6 }, (_, i) => (
          <div key={i} className="panel p-3.5">
            <Skeleton className="h-3 w-16" />
            <Skeleton className="mt-2.5 h-6 w-20" />
            <Skeleton className="mt-2 h-3 w-24" />
          </div>
        ))}
      </div>
    );
  return (
    <div className="grid grid-cols-2 gap-3 sm:grid-cols-3 sm:gap-4 lg:grid-cols-6" data-testid="detail-tiles">
      {tiles.map((t) => (
        <div key={t.label} className="panel relative overflow-hidden p-3.5">
          <span className="absolute inset-y-0 left-0 w-[3px]" style={{ background: `var(${t.tone})` }} />
          <div className="text-[11px] font-medium uppercase tracking-wide text-faint">{t.label}</div>
          <div className={cx('tabular mt-1 truncate text-lg font-semibold tracking-tight', t.warn ? 'text-crit' : 'text-fg')}>{t.value}</div>
          {t.sub && <div className="tabular mt-0.5 truncate text-xs text-muted">{t.sub}</div>}
        </div>
      ))}
    </div>
  );
}
