import { memo } from 'react';
import type { HostFiring } from '../lib/firing';
import type { HostCard as Card } from '../lib/fleet';
import { level, tempLevel } from '../lib/fleet';
import { sparklineColumns } from '../lib/series';
import { untilText } from '../lib/silence';
import { formatAgo, formatLoad, formatPct, formatRate, formatTemp } from '../lib/units';
import { FiringBadge, SilencedMark } from './alert-badges';
import { Link } from './link';
import { Meter } from './meter';
import { Sparkline } from './sparkline';
import { cx, StatusDot } from './ui';

const levelText = { ok: 'text-fg', warn: 'text-warn', crit: 'text-crit', none: 'text-faint' } as const;

function Stat({ label, value, pct, tone }: { label: string; value: string; pct: number | null | undefined; tone: string }) {
  return (
    <div className="min-w-0">
      <div className="flex items-baseline justify-between gap-2">
        <span className="text-[11px] font-medium uppercase tracking-wide text-faint">{label}</span>
        <span className={cx('tabular text-[13px] font-medium', levelText[level(pct)])}>{value}</span>
      </div>
      <Meter pct={pct} tone={tone} className="mt-1.5" />
    </div>
  );
}

/** One host on the overview: state, firing alerts, a silence, CPU with its ten-minute sparkline, memory, disk, temperature, load, network. */
export const HostCard = memo(
  function HostCard({ card, intervalSeconds, hubNowMs, firing }: { card: Card; intervalSeconds: number; hubNowMs: number; firing?: HostFiring }) {
    const { host, live, online } = card;
    const system = live?.system ?? host.system;
    const tags = Object.entries(host.tags);
    const lastTs = live?.cpu_series.length ? live.cpu_series[live.cpu_series.length - 1].ts : hubNowMs / 1000;
    return (
      <Link
        href={`/hosts/${host.id}`}
        data-testid="host-card"
        data-host={host.name}
        data-online={online ? 'true' : 'false'}
        className={cx('panel group block p-4 transition hover:border-line-strong hover:shadow-md focus-visible:border-accent', !online && 'opacity-75')}
      >
        <div className="flex items-start justify-between gap-3">
          <div className="min-w-0">
            <div className="flex items-center gap-2">
              <StatusDot online={online} />
              <h3 className="truncate text-[15px] font-semibold tracking-tight text-fg">{host.name}</h3>
            </div>
            <p className="mt-0.5 truncate text-xs text-muted">
              {system ? [system.os, system.primary_ip].filter(Boolean).join(' · ') : 'Waiting for the first report'}
            </p>
          </div>
          <div className="flex shrink-0 items-center gap-1.5">
            {firing && <FiringBadge firing={firing} />}
            <span
              className={cx('rounded-full px-2 py-0.5 text-[11px] font-medium', online ? 'bg-ok/10 text-ok' : 'bg-sunken text-muted')}
              data-testid="host-state"
            >
              {online ? 'online' : card.lastSeenMs ? `offline · ${formatAgo(card.lastSeenMs, hubNowMs)}` : 'never seen'}
            </span>
          </div>
        </div>

        {/* Always one line high, tags or not: every card has the same height (the overview's grid virtualises on it). The silenced mark comes first, so it is never the one cut off. */}
        <div className="mt-2 flex h-5 flex-wrap gap-1 overflow-hidden">
          {card.silencedUntilMs !== null && <SilencedMark until={untilText(card.silencedUntilMs, hubNowMs)} />}
          {tags.map(([k, v]) => (
            <span key={k} className="rounded-md bg-sunken px-1.5 py-0.5 font-mono text-[10.5px] leading-4 text-muted">
              {k}={v}
            </span>
          ))}
        </div>

        <div className="mt-3.5 flex items-end justify-between gap-3">
          <div>
            <div className="text-[11px] font-medium uppercase tracking-wide text-faint">CPU</div>
            <div className={cx('tabular text-2xl font-semibold leading-tight tracking-tight', levelText[level(live?.cpu_pct)])}>
              {live ? formatPct(live.cpu_pct) : '–'}
            </div>
          </div>
          <div className="h-11 min-w-0 flex-1">
            {live && live.cpu_series.length > 0 ? (
              <Sparkline columns={sparklineColumns(live, intervalSeconds)} toTs={lastTs} spanSeconds={sparkSpan(live.cpu_series)} className="h-11 w-full" />
            ) : (
              <div className="h-full rounded-md bg-sunken/60" />
            )}
          </div>
        </div>

        <div className="mt-3.5 grid grid-cols-3 gap-3">
          <Stat label="RAM" value={live ? formatPct(live.ram_pct, 0) : '–'} pct={live?.ram_pct} tone="--lm-ram" />
          <Stat label="Disk" value={live ? formatPct(live.disk_pct, 0) : '–'} pct={live?.disk_pct} tone="--lm-disk" />
          <div className="min-w-0">
            <div className="flex items-baseline justify-between gap-2">
              <span className="text-[11px] font-medium uppercase tracking-wide text-faint">Temp</span>
              <span className={cx('tabular text-[13px] font-medium', levelText[tempLevel(live?.temp_c)])}>
                {live && live.temp_c !== 0 ? formatTemp(live.temp_c) : '–'}
              </span>
            </div>
            <Meter pct={live?.temp_c ? live.temp_c : null} tone="--lm-temp" className="mt-1.5" />
          </div>
        </div>

        <div className="mt-3.5 flex items-center justify-between gap-2 border-t border-line pt-3 text-xs text-muted">
          <span className="tabular" title="Load average over 1, 5 and 15 minutes">
            <span className="text-faint">load </span>
            {live ? `${formatLoad(live.load1)} ${formatLoad(live.load5)} ${formatLoad(live.load15)}` : '–'}
          </span>
          <span className="tabular truncate" title="Network received / sent">
            <span className="text-rx">↓</span> {live ? formatRate(live.net_rx_bps) : '–'} <span className="ml-1 text-tx">↑</span>{' '}
            {live ? formatRate(live.net_tx_bps) : '–'}
          </span>
        </div>
      </Link>
    );
  },
  (a, b) =>
    a.card.live === b.card.live &&
    a.card.online === b.card.online &&
    a.card.host === b.card.host &&
    a.card.silencedUntilMs === b.card.silencedUntilMs &&
    a.firing === b.firing &&
    a.intervalSeconds === b.intervalSeconds &&
    // Offline cards show "x min ago": let them age once a minute, not every second.
    (a.card.online || Math.floor(a.hubNowMs / 60000) === Math.floor(b.hubNowMs / 60000)),
);

/** Ten minutes once the ring is full; a newer host's shorter series fills the width (at least a minute). */
function sparkSpan(series: { ts: number }[]): number {
  if (series.length < 2) return 600;
  return Math.min(600, Math.max(60, series[series.length - 1].ts - series[0].ts));
}

export function HostCardSkeleton() {
  return (
    <div className="panel p-4">
      <div className="flex items-center gap-2">
        <div className="skeleton h-2.5 w-2.5 rounded-full" />
        <div className="skeleton h-4 w-28" />
      </div>
      <div className="skeleton mt-2 h-3 w-40" />
      <div className="mt-4 flex items-end gap-3">
        <div className="skeleton h-8 w-20" />
        <div className="skeleton h-11 flex-1" />
      </div>
      <div className="mt-4 grid grid-cols-3 gap-3">
        <div className="skeleton h-6" />
        <div className="skeleton h-6" />
        <div className="skeleton h-6" />
      </div>
      <div className="skeleton mt-4 h-3 w-full" />
    </div>
  );
}
