// Min–max bands: a history bucket that stands for several raw samples carries each metric's
// lowest and highest sample, and a chart draws them as a translucent band under the series'
// average line. uPlot draws its series in order, so the band edges come first in the data (and
// so under the lines), then the averages. A sample without a range (a single raw sample, a
// live frame) leaves its band's cells null: uPlot draws no band there.

import type { MetricScalars } from './protocol';
import { type Columns, type Sample, toColumns } from './series';

/** A plotted value: a metric, or one derived from the metrics (null draws a gap). */
export type ChartKey = keyof MetricScalars | ((s: MetricScalars) => number | null);

/** Where one series' band lives: `of` indexes the chart's series, `low` and `high` are columns of the data (uPlot series indexes). */
export interface BandSlot {
  of: number;
  low: number;
  high: number;
}

/** A chart's columns: the bands' edges first, then one average per series (`averages[i]` is series i's column). */
export interface ChartLayout {
  bands: BandSlot[];
  averages: number[];
}

/** The layout for a chart's series: a band for each series that asks for one (`band: true`), in their order. */
export function chartLayout(series: readonly { band?: boolean }[]): ChartLayout {
  const bands: BandSlot[] = [];
  let column = 1;
  series.forEach((s, i) => {
    if (!s.band) return;
    bands.push({ of: i, low: column, high: column + 1 });
    column += 2;
  });
  return { bands, averages: series.map((_, i) => column + i) };
}

function read(key: ChartKey, values: MetricScalars): number | null {
  return typeof key === 'function' ? key(values) : values[key];
}

/** The chart's data in layout order, with the gaps of `toColumns`; `keys[i]` is what series i plots. */
export function chartColumns(samples: Sample[], keys: ChartKey[], layout: ChartLayout, intervalSeconds: number): Columns {
  const columns: ((s: Sample) => number | null)[] = [];
  for (const band of layout.bands) {
    const key = keys[band.of];
    columns.push(
      (s) => (s.low ? read(key, s.low) : null),
      (s) => (s.high ? read(key, s.high) : null),
    );
  }
  for (const key of keys) columns.push((s) => read(key, s));
  return toColumns(samples, columns, intervalSeconds);
}

const present = (v: number | null | undefined): v is number => v !== null && v !== undefined;

/** How many bands have something to draw: a row where both edges have a value. */
export function bandsDrawn(data: Columns, layout: ChartLayout): number {
  return layout.bands.filter((band) => data[band.low].some((low, row) => present(low) && present(data[band.high][row]))).length;
}

/** Series i at a row: its average and, where the bucket carried them, its lowest and highest sample. */
export function valuesAt(data: Columns, layout: ChartLayout, i: number, row: number): { avg: number | null; low: number | null; high: number | null } {
  const avg = data[layout.averages[i]][row] ?? null;
  const band = layout.bands.find((b) => b.of === i);
  const low = band ? (data[band.low][row] ?? null) : null;
  const high = band ? (data[band.high][row] ?? null) : null;
  return present(low) && present(high) ? { avg, low, high } : { avg, low: null, high: null };
}
