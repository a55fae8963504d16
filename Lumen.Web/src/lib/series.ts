// Chart data shaping: history buckets and live frames become one series per metric, aligned
// to the history's step, with a null wherever samples are missing for more than 1.5 intervals
// so uPlot draws a gap instead of a line across an outage.

import { type LiveSnapshot, type MetricScalars, type MetricsPoint, scalarFields } from './protocol';

/**
 * One point in time (unix seconds) with every scalar metric; a history bucket that stands for
 * more than one raw sample also carries each metric's lowest (`low`) and highest (`high`) one.
 */
export type Sample = { ts: number } & MetricScalars & { low?: MetricScalars; high?: MetricScalars };

/** Every scalar metric, in the order of the protocol's field table (the hub's catalogue). */
export const METRIC_KEYS = Object.keys(scalarFields) as (keyof MetricScalars)[];

export function toSeconds(iso: string): number {
  return Date.parse(iso) / 1000;
}

function pick(source: MetricScalars, ts: number): Sample {
  const sample = { ts } as Sample;
  for (const key of METRIC_KEYS) sample[key] = source[key];
  return sample;
}

/** The point's `<metric>_min` (or `_max`) values as scalars; null unless the point carries every one of them. */
function edge(point: MetricsPoint, suffix: '_min' | '_max'): MetricScalars | null {
  const values = {} as MetricScalars;
  for (const key of METRIC_KEYS) {
    const value = point[`${key}${suffix}`];
    if (value === undefined) return null;
    values[key] = value;
  }
  return values;
}

export function fromHistory(points: MetricsPoint[]): Sample[] {
  return points.map((p) => {
    const sample = pick(p, toSeconds(p.ts));
    const low = edge(p, '_min');
    const high = low && edge(p, '_max');
    if (low && high) {
      sample.low = low;
      sample.high = high;
    }
    return sample;
  });
}

/** A live snapshot at the agent's collection time. */
export function fromLive(snapshot: LiveSnapshot): Sample {
  return pick(snapshot, toSeconds(snapshot.ts));
}

/**
 * Adds a live sample to a time-ordered list: a sample with a `ts` already there is dropped (the
 * stream repeats a host's latest snapshot when no new tick arrived in between), one older than
 * the last is put in its place. Returns the same array when nothing changed.
 */
export function appendLive(samples: Sample[], sample: Sample): Sample[] {
  const last = samples[samples.length - 1];
  if (!last || sample.ts > last.ts) return [...samples, sample];
  if (samples.some((s) => s.ts === sample.ts)) return samples;
  return [...samples, sample].sort((a, b) => a.ts - b.ts);
}

/** The bucket a time falls in: buckets are aligned to multiples of the step since the epoch, as the hub's are. */
export function bucketStart(ts: number, stepSeconds: number): number {
  return Math.floor(ts / stepSeconds) * stepSeconds;
}

/** Averages live samples per bucket of `stepSeconds`, each stamped with its bucket's start. */
export function bucketLive(samples: Sample[], stepSeconds: number): Sample[] {
  const buckets = new Map<number, { sum: Sample; count: number }>();
  for (const sample of samples) {
    const start = bucketStart(sample.ts, stepSeconds);
    let bucket = buckets.get(start);
    if (!bucket) {
      bucket = { sum: pick(zero, start), count: 0 };
      buckets.set(start, bucket);
    }
    for (const key of METRIC_KEYS) bucket.sum[key] += sample[key];
    bucket.count++;
  }
  return [...buckets.values()]
    .map(({ sum, count }) => {
      const avg = { ...sum };
      for (const key of METRIC_KEYS) avg[key] = sum[key] / count;
      return avg;
    })
    .sort((a, b) => a.ts - b.ts);
}

const zero: MetricScalars = Object.fromEntries(METRIC_KEYS.map((k) => [k, 0])) as unknown as MetricScalars;

/**
 * History joined with the live frames received since the page subscribed, on the history's
 * step. A bucket holding live samples is taken from them (the hub writes history in batches,
 * up to a minute late, so live is the fuller source there), except the first such bucket, which
 * began before the page subscribed: the history's average of it stays where it has one. Buckets
 * without live samples (before the page opened, or while the stream was down) keep the history.
 * `raw` keeps live samples at their own times instead of averaging them per bucket: for short
 * windows whose step is not much longer than the live cadence, where averaging would leave
 * alternating empty buckets.
 */
export function joinHistoryLive(history: Sample[], live: Sample[], stepSeconds: number, raw = false): Sample[] {
  if (live.length === 0) return history;
  const firstBucket = bucketStart(live[0].ts, stepSeconds);
  const liveBuckets = new Map<number, Sample[]>();
  for (const sample of live) {
    const start = bucketStart(sample.ts, stepSeconds);
    const bucket = liveBuckets.get(start);
    if (bucket) bucket.push(sample);
    else liveBuckets.set(start, [sample]);
  }
  const historyStarts = new Set(history.map((h) => h.ts));
  const joined: Sample[] = [];
  for (const h of history) if (!liveBuckets.has(h.ts) || h.ts === firstBucket) joined.push(h);
  for (const [start, samples] of liveBuckets) {
    if (raw) joined.push(...samples);
    else if (start !== firstBucket || !historyStarts.has(start)) joined.push(...bucketLive(samples, stepSeconds));
  }
  joined.sort((a, b) => a.ts - b.ts);
  // One sample per time: a live sample exactly on a bucket's start replaces the history's.
  const unique: Sample[] = [];
  for (const sample of joined) {
    if (unique.length && unique[unique.length - 1].ts === sample.ts) unique[unique.length - 1] = sample;
    else unique.push(sample);
  }
  return unique;
}

/** Only the samples at or after `fromTs` (and before `toTs`, when given). */
export function clip(samples: Sample[], fromTs: number, toTs = Infinity): Sample[] {
  let start = 0;
  while (start < samples.length && samples[start].ts < fromTs) start++;
  let end = samples.length;
  while (end > start && samples[end - 1].ts >= toTs) end--;
  return start === 0 && end === samples.length ? samples : samples.slice(start, end);
}

/** The median spacing of consecutive timestamps: the cadence the data actually has. */
export function medianInterval(ts: number[]): number | null {
  if (ts.length < 2) return null;
  const deltas: number[] = [];
  for (let i = 1; i < ts.length; i++) deltas.push(ts[i] - ts[i - 1]);
  deltas.sort((a, b) => a - b);
  return deltas[Math.floor(deltas.length / 2)];
}

/** uPlot's columnar data: timestamps first, then one column per series; null is a gap. */
export type Columns = [number[], ...(number | null)[][]];

/**
 * One column per key (a key may be a function of the sample) with a null row inserted
 * between any two samples further apart than 1.5 × `intervalSeconds`: uPlot does not join
 * across a null, so an outage shows as a gap rather than a straight line.
 */
export function toColumns(samples: Sample[], keys: (keyof MetricScalars | ((s: Sample) => number | null))[], intervalSeconds: number): Columns {
  const ts: number[] = [];
  const columns: (number | null)[][] = keys.map(() => []);
  const limit = intervalSeconds * 1.5;
  for (let i = 0; i < samples.length; i++) {
    const sample = samples[i];
    if (i > 0 && sample.ts - samples[i - 1].ts > limit) {
      ts.push(samples[i - 1].ts + intervalSeconds);
      for (const column of columns) column.push(null);
    }
    ts.push(sample.ts);
    for (let k = 0; k < keys.length; k++) {
      const key = keys[k];
      columns[k].push(typeof key === 'function' ? key(sample) : sample[key]);
    }
  }
  return [ts, ...columns];
}

/**
 * A host's recent CPU as sparkline columns, straight from `cpu_series` (the hub's ring of the
 * last 120 ticks), so the first paint already shows ten minutes with no gap to fill in.
 */
export function sparklineColumns(snapshot: Pick<LiveSnapshot, 'cpu_series'>, intervalSeconds: number): Columns {
  const ts: number[] = [];
  const cpu: (number | null)[] = [];
  const limit = intervalSeconds * 1.5;
  const series = snapshot.cpu_series;
  for (let i = 0; i < series.length; i++) {
    if (i > 0 && series[i].ts - series[i - 1].ts > limit) {
      ts.push(series[i - 1].ts + intervalSeconds);
      cpu.push(null);
    }
    ts.push(series[i].ts);
    cpu.push(series[i].cpu_pct);
  }
  return [ts, cpu];
}
