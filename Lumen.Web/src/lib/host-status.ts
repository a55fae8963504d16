// What the host detail says about a host now: online or not, since when, its uptime, and the
// tiles of current figures. Pure, from the latest live snapshot or, before one arrives, the
// host as the hosts list described it.

import { onlineWindowMs, tempLevel, type HostView } from './fleet';
import type { LiveSnapshot, SystemInfo } from './protocol';
import { formatAgo, formatLoad, formatPct, formatRate, formatTemp, formatUptimeShort } from './units';

export interface HostState {
  system: SystemInfo | null;
  /** When the hub last heard from the host (its clock), or null if never. */
  lastSeenMs: number | null;
  online: boolean;
  /** Seconds, advanced by the time since the snapshot was taken; null before any report. */
  uptime: number | null;
}

/** Online within the same window as the overview (three agent intervals, at least 15 s), on the hub's clock. */
export function hostState(host: HostView | null, latest: LiveSnapshot | null, agentIntervalSeconds: number, hubNowMs: number): HostState {
  const system = latest?.system ?? host?.system ?? null;
  const lastSeenMs = latest ? Date.parse(latest.received_at) : host?.last_seen_at ? Date.parse(host.last_seen_at) : null;
  const online = lastSeenMs !== null && hubNowMs - lastSeenMs <= onlineWindowMs(agentIntervalSeconds);
  const uptime = system && latest ? system.uptime_seconds + Math.max(0, (hubNowMs - Date.parse(latest.ts)) / 1000) : (system?.uptime_seconds ?? null);
  return { system, lastSeenMs, online, uptime };
}

/** The badge beside the host's name. */
export function statusText(online: boolean, lastSeenMs: number | null, hubNowMs: number): string {
  return online ? 'online' : lastSeenMs ? `offline · last seen ${formatAgo(lastSeenMs, hubNowMs)}` : 'never seen';
}

/** The line under the host's name: OS, address and uptime. */
export function hostSubtitle(system: SystemInfo | null, uptime: number | null): string {
  return [system?.os, system?.primary_ip, system ? `up ${formatUptimeShort(uptime)}` : null].filter(Boolean).join(' · ') || 'No report from this host yet';
}

export interface Tile {
  label: string;
  value: string;
  sub?: string;
  /** The CSS variable of the tile's accent colour. */
  tone: string;
  warn?: boolean;
}

/** The row of current figures above the charts. */
export function hostTiles(latest: LiveSnapshot): Tile[] {
  return [
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
  ];
}
