import { describe, expect, it } from 'vitest';
import { bandsDrawn, chartColumns, chartLayout, valuesAt } from '../../src/lib/chart-bands';
import { chartOptions } from '../../src/lib/chart-options';
import { HOST_CHARTS } from '../../src/lib/host-charts';
import type { MetricsPoint } from '../../src/lib/protocol';
import { metricsPointFields, shapeProblems } from '../../src/lib/protocol';
import { PRESETS, rangeFromQuery, rangeQuery, resolveRange } from '../../src/lib/ranges';
import { fromHistory, joinHistoryLive, type Sample } from '../../src/lib/series';
import { MIN_ZOOM_SECONDS, zoomFromDrag, zoomFromQuery } from '../../src/lib/zoom';

const DAY = 86400;
const cpu = HOST_CHARTS.find((c) => c.id === 'cpu')!;
const load = HOST_CHARTS.find((c) => c.id === 'load')!;
const temperature = HOST_CHARTS.find((c) => c.id === 'temperature')!;

/** A history point as the hub answers it: every average, and `_min`/`_max` of every metric when `range` is given. */
function point(ts: number, cpuPct: number, range?: [number, number]): MetricsPoint {
  const averages = {
    cpu_pct: cpuPct,
    ram_pct: 50,
    swap_pct: 0,
    disk_pct: 40,
    load1: 0.5,
    load5: 0.4,
    load15: 0.3,
    net_rx_bps: 1000,
    net_tx_bps: 500,
    disk_r_bps: 0,
    disk_w_bps: 0,
    temp_c: 45,
    cpu_steal_pct: 0,
  };
  const p: Record<string, unknown> = { ts: new Date(ts * 1000).toISOString(), samples: range ? 60 : 1, ...averages };
  if (range)
    for (const [key, value] of Object.entries(averages)) {
      p[`${key}_min`] = key === 'cpu_pct' ? range[0] : value;
      p[`${key}_max`] = key === 'cpu_pct' ? range[1] : value;
    }
  return p as unknown as MetricsPoint;
}

describe('min–max bands: from the history answer', () => {
  it('keeps a point’s lowest and highest samples beside its average', () => {
    const [sample] = fromHistory([point(3600, 20, [5, 80])]);
    expect(sample.cpu_pct).toBe(20);
    expect(sample.low?.cpu_pct).toBe(5);
    expect(sample.high?.cpu_pct).toBe(80);
    expect(sample.high?.ram_pct).toBe(50);
  });
  it('has no range for a point that stands for one sample (the hub leaves _min and _max out)', () => {
    const [sample] = fromHistory([point(3600, 20)]);
    expect(sample.low).toBeUndefined();
    expect(sample.high).toBeUndefined();
  });
  it('has no range when a point carries only some of the edges', () => {
    const partial = { ...point(3600, 20, [5, 80]) } as Record<string, unknown>;
    delete partial.temp_c_max;
    expect(fromHistory([partial as unknown as MetricsPoint])[0].low).toBeUndefined();
  });
  it('the protocol mirror knows samples and every _min and _max', () => {
    expect(shapeProblems(point(3600, 20, [5, 80]), metricsPointFields)).toEqual([]);
    expect(shapeProblems({ ...point(3600, 20), fan_rpm_min: 1 }, metricsPointFields)).toEqual(['$.fan_rpm_min is not in the TypeScript mirror']);
  });
});

describe('min–max bands: columns and layout', () => {
  it('puts the band edges first (drawn under the lines), then one average per series', () => {
    expect(chartLayout(cpu.series)).toEqual({
      bands: [
        { of: 0, low: 1, high: 2 },
        { of: 1, low: 3, high: 4 },
      ],
      averages: [5, 6],
    });
    // The 5- and 15-minute load are averages already: a band for the 1-minute load only.
    expect(chartLayout(load.series)).toEqual({ bands: [{ of: 0, low: 1, high: 2 }], averages: [3, 4, 5] });
  });

  it('builds the band from min and max, and leaves it empty where a point has none', () => {
    const layout = chartLayout(cpu.series);
    const samples = fromHistory([point(0, 20, [5, 80]), point(300, 30), point(600, 40, [10, 90])]);
    const [ts, cpuLow, cpuHigh, , , cpuAvg] = chartColumns(samples, cpu.keys, layout, 300);
    expect(ts).toEqual([0, 300, 600]);
    expect(cpuLow).toEqual([5, null, 10]);
    expect(cpuHigh).toEqual([80, null, 90]);
    expect(cpuAvg).toEqual([20, 30, 40]);
    expect(bandsDrawn(chartColumns(samples, cpu.keys, layout, 300), layout)).toBe(2);
  });

  it('draws no band when no point carries a range (a short window of raw samples, live frames)', () => {
    const layout = chartLayout(cpu.series);
    const data = chartColumns(fromHistory([point(0, 20), point(5, 30)]), cpu.keys, layout, 5);
    expect(data.slice(1, 5).every((column) => column.every((v) => v === null))).toBe(true);
    expect(bandsDrawn(data, layout)).toBe(0);
  });

  it('keeps a gap across the band as across the line', () => {
    const layout = chartLayout(cpu.series);
    const data = chartColumns(fromHistory([point(0, 20, [5, 80]), point(3000, 30, [6, 70])]), cpu.keys, layout, 300);
    expect(data[0]).toEqual([0, 300, 3000]);
    expect(data[1]).toEqual([5, null, 6]);
    expect(data[5]).toEqual([20, null, 30]);
  });

  it('reads the band through the chart’s own key: no sensor (0 °C) is no band', () => {
    const layout = chartLayout(temperature.series);
    const cold = { ...point(0, 20, [5, 80]), temp_c_min: 0, temp_c_max: 60 } as MetricsPoint;
    const [, low, high] = chartColumns(fromHistory([cold]), temperature.keys, layout, 300);
    expect(low).toEqual([null]);
    expect(high).toEqual([60]);
  });

  it('gives the tooltip the average with its lowest and highest, or the average alone', () => {
    const layout = chartLayout(cpu.series);
    const data = chartColumns(fromHistory([point(0, 20, [5, 80]), point(300, 30)]), cpu.keys, layout, 300);
    expect(valuesAt(data, layout, 0, 0)).toEqual({ avg: 20, low: 5, high: 80 });
    expect(valuesAt(data, layout, 0, 1)).toEqual({ avg: 30, low: null, high: null });
    const loadLayout = chartLayout(load.series);
    const loadData = chartColumns(fromHistory([point(0, 20, [5, 80])]), load.keys, loadLayout, 300);
    expect(valuesAt(loadData, loadLayout, 2, 0)).toEqual({ avg: 0.3, low: null, high: null });
  });

  it('keeps the history’s bands when live frames are joined, and the live part has none', () => {
    const history = fromHistory([point(0, 20, [5, 80]), point(300, 30, [6, 70])]);
    const live: Sample[] = [{ ...history[1], ts: 610, low: undefined, high: undefined }];
    const joined = joinHistoryLive(history, live, 300);
    expect(joined.map((s) => [s.ts, s.low?.cpu_pct ?? null])).toEqual([
      [0, 5],
      [300, 6],
      [600, null],
    ]);
  });

  it('gives uPlot the bands between hidden edges, and a drag that zooms only when asked to', () => {
    const spec = { unit: 'pct' as const, series: cpu.series, height: 170, xRange: (): [number, number] => [0, 1] };
    const options = chartOptions({ ...spec, onZoom: () => undefined }, 600);
    expect(options.bands?.map((b) => b.series)).toEqual([
      [2, 1],
      [4, 3],
    ]);
    expect(options.series.map((s) => s.width ?? null)).toEqual([null, 0, 0, 0, 0, 1.6, 1.6]);
    expect(options.series.slice(5).map((s) => s.label)).toEqual(['CPU', 'Steal']);
    expect(options.cursor?.drag).toMatchObject({ x: true, setScale: false });
    expect(options.plugins).toHaveLength(1);
    expect(chartOptions(spec, 600).cursor?.drag).toMatchObject({ x: false });
  });
});

describe('ranges: presets to a window', () => {
  const now = 1_800_000_000;
  it('offers 30 d, 90 d and a year beside the shorter ones, each ending now', () => {
    expect(PRESETS.map((p) => p.key)).toEqual(['10m', '1h', '6h', '24h', '7d', '30d', '90d', '1y']);
    expect(resolveRange('30d', null, now, 365 * DAY)).toEqual({ from: now - 30 * DAY, to: now, live: true, clamped: false });
    expect(resolveRange('90d', null, now, 365 * DAY)).toEqual({ from: now - 90 * DAY, to: now, live: true, clamped: false });
  });
  it('asks for a year against the default archive window of a year without a note, just inside its edge', () => {
    const r = resolveRange('1y', null, now, 365 * DAY);
    expect(r.clamped).toBe(false);
    expect(r.to - r.from).toBeLessThanOrEqual(365 * DAY);
    expect(r.to - r.from).toBeGreaterThan(365 * DAY - 60);
  });
  it('starts a year at a shorter archive window’s edge, and says so', () => {
    const r = resolveRange('1y', null, now, 90 * DAY);
    expect(r.clamped).toBe(true);
    expect(r.to - r.from).toBeLessThanOrEqual(90 * DAY);
  });
  it('takes a custom window longer than the raw rows are kept, up to the archive window', () => {
    const r = resolveRange('custom', { from: now - 200 * DAY, to: now - 100 * DAY }, now, 365 * DAY);
    expect(r).toEqual({ from: now - 200 * DAY, to: now - 100 * DAY, live: false, clamped: false });
  });
  it('names the new presets in the address', () => {
    expect(rangeQuery('30d', null)).toBe('?range=30d');
    expect(rangeFromQuery('?range=1y')).toEqual({ key: '1y', custom: null });
    expect(rangeFromQuery('?range=90d').key).toBe('90d');
  });
});

describe('zoom', () => {
  const shown: [number, number] = [1_000_000, 1_000_000 + 30 * DAY];

  it('is the dragged span, in whole seconds', () => {
    expect(zoomFromDrag(1_100_000.4, 1_200_000.6, shown)).toEqual({ from: 1_100_000, to: 1_200_001 });
    expect(zoomFromDrag(1_200_000, 1_100_000, shown)).toEqual({ from: 1_100_000, to: 1_200_000 });
  });
  it('stays inside the window shown', () => {
    expect(zoomFromDrag(900_000, 1_100_000, shown)).toEqual({ from: 1_000_000, to: 1_100_000 });
    expect(zoomFromDrag(0, 500_000, shown)).toBeNull();
  });
  it('is at least a minute, widened around the middle and kept inside the window', () => {
    expect(zoomFromDrag(1_100_000, 1_100_010, shown)).toEqual({ from: 1_099_975, to: 1_099_975 + MIN_ZOOM_SECONDS });
    expect(zoomFromDrag(1_000_000, 1_000_010, shown)).toEqual({ from: 1_000_000, to: 1_000_060 });
  });
  it('is kept in the address beside the range, and read back', () => {
    const query = rangeQuery('30d', null, { from: 1_100_000, to: 1_200_000 });
    expect(query).toBe('?range=30d&zoom=1100000-1200000');
    expect(rangeFromQuery(query).key).toBe('30d');
    expect(zoomFromQuery(query)).toEqual({ from: 1_100_000, to: 1_200_000 });
    expect(rangeQuery('1h', null, { from: 1, to: 2 })).toBe('?zoom=1-2');
    expect(rangeQuery('custom', { from: 10, to: 20 }, { from: 12, to: 18 })).toBe('?from=10&to=20&zoom=12-18');
  });
  it('reads no zoom from a missing or broken one', () => {
    expect(zoomFromQuery('?range=30d')).toBeNull();
    expect(zoomFromQuery('?zoom=20-10')).toBeNull();
    expect(zoomFromQuery('?zoom=soon')).toBeNull();
  });
});
