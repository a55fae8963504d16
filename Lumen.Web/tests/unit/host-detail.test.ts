import { describe, expect, it } from 'vitest';
import type { HostView } from '../../src/lib/fleet';
import { HOST_CHARTS } from '../../src/lib/host-charts';
import { hostState, hostSubtitle, hostTiles, statusText } from '../../src/lib/host-status';
import type { LiveSnapshot, SystemInfo } from '../../src/lib/protocol';
import { rangeFromQuery, rangeQuery } from '../../src/lib/ranges';
import { toColumns, type Sample } from '../../src/lib/series';
import { formatUptimeShort } from '../../src/lib/units';

const NOW = Date.parse('2026-11-27T12:00:00Z');
const system = { os: 'Debian GNU/Linux 12 (bookworm)', primary_ip: '192.0.2.7', uptime_seconds: 3600 } as SystemInfo;
const host = { id: 7, name: 'nas', tags: {}, system, last_seen_at: '2026-11-27T11:00:00Z', online: false } as unknown as HostView;

// Only the fields these functions read; the cast keeps the fixture valid as the snapshot grows.
function snapshot(fields: Partial<LiveSnapshot>): LiveSnapshot {
  return {
    ts: '2026-11-27T11:59:50Z',
    received_at: '2026-11-27T11:59:58Z',
    system,
    cpu_pct: 12.5,
    cpu_per_core: [10, 15],
    ram_pct: 40,
    swap_pct: 0,
    disk_pct: 55,
    disk_r_bps: 0,
    disk_w_bps: 2048,
    net_rx_bps: 1000,
    net_tx_bps: 500,
    load1: 0.5,
    load5: 0.4,
    load15: 0.3,
    temp_c: 48,
    cpu_steal_pct: 0,
    ...fields,
  } as LiveSnapshot;
}

describe('host detail: range in the address', () => {
  it('reads presets, custom windows and the default', () => {
    expect(rangeFromQuery('?range=6h')).toEqual({ key: '6h', custom: null });
    expect(rangeFromQuery('?from=100&to=200')).toEqual({ key: 'custom', custom: { from: 100, to: 200 } });
    expect(rangeFromQuery('?range=2y')).toEqual({ key: '1h', custom: null });
    expect(rangeFromQuery('?from=200&to=100')).toEqual({ key: '1h', custom: null });
    expect(rangeFromQuery('')).toEqual({ key: '1h', custom: null });
  });
  it('writes what it reads, and nothing for the default', () => {
    expect(rangeQuery('1h', null)).toBe('');
    expect(rangeQuery('7d', null)).toBe('?range=7d');
    expect(rangeQuery('custom', { from: 100.4, to: 199.6 })).toBe('?from=100&to=200');
    expect(rangeFromQuery(rangeQuery('24h', null)).key).toBe('24h');
  });
});

describe('host detail: state', () => {
  it('is online from the latest frame, with uptime advanced since it was taken', () => {
    const state = hostState(host, snapshot({}), 5, NOW);
    expect(state.online).toBe(true);
    expect(state.lastSeenMs).toBe(Date.parse('2026-11-27T11:59:58Z'));
    expect(state.uptime).toBe(3610);
    expect(statusText(state.online, state.lastSeenMs, NOW)).toBe('online');
  });
  it('falls back to the hosts list before a frame arrives', () => {
    const state = hostState(host, null, 5, NOW);
    expect(state.online).toBe(false);
    expect(state.uptime).toBe(3600);
    expect(statusText(state.online, state.lastSeenMs, NOW)).toBe('offline · last seen 1 h ago');
    expect(statusText(false, null, NOW)).toBe('never seen');
  });
  it('says what it knows under the name', () => {
    expect(hostSubtitle(system, 90061)).toBe('Debian GNU/Linux 12 (bookworm) · 192.0.2.7 · up 1 d 1 h');
    expect(hostSubtitle(null, null)).toBe('No report from this host yet');
    expect(formatUptimeShort(3 * 86400)).toBe('3 d 0 h');
    expect(formatUptimeShort(125)).toBe('2 min');
    expect(formatUptimeShort(null)).toBe('–');
  });
});

describe('host detail: tiles and charts', () => {
  it('shows a missing sensor as such, not as 0 °C', () => {
    const tiles = hostTiles(snapshot({ temp_c: 0 }));
    expect(tiles.map((t) => t.label)).toEqual(['CPU', 'Memory', 'Disk', 'Temperature', 'Load', 'Network']);
    expect(tiles[3]).toMatchObject({ value: '–', sub: 'no sensor' });
    const temperature = HOST_CHARTS.find((c) => c.id === 'temperature');
    expect(temperature?.current(snapshot({ temp_c: 0 }))).toEqual(['no sensor']);
    const samples = [{ ts: 100, temp_c: 0 } as Sample, { ts: 105, temp_c: 51 } as Sample];
    expect(toColumns(samples, temperature?.keys ?? [], 5)[1]).toEqual([null, 51]);
  });
  it('marks a critical temperature', () => {
    expect(hostTiles(snapshot({ temp_c: 95 }))[3].warn).toBe(true);
    expect(hostTiles(snapshot({ temp_c: 48 }))[3].warn).toBe(false);
  });
  it('has one column per series in every chart', () => {
    for (const chart of HOST_CHARTS) expect(chart.keys).toHaveLength(chart.series.length);
  });
});
