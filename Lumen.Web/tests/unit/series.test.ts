import { describe, expect, it } from 'vitest';
import { appendLive, bucketLive, clip, fromHistory, joinHistoryLive, medianInterval, sparklineColumns, toColumns, type Sample } from '../../src/lib/series';
import type { MetricsPoint } from '../../src/lib/protocol';

function sample(ts: number, cpu: number, extra: Partial<Sample> = {}): Sample {
  return {
    ts,
    cpu_pct: cpu,
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
    ...extra,
  };
}

describe('toColumns (gap insertion)', () => {
  it('joins samples that come at the interval', () => {
    const [ts, cpu] = toColumns([sample(0, 1), sample(5, 2), sample(10, 3)], ['cpu_pct'], 5);
    expect(ts).toEqual([0, 5, 10]);
    expect(cpu).toEqual([1, 2, 3]);
  });
  it('tolerates jitter up to 1.5 intervals', () => {
    const [ts, cpu] = toColumns([sample(0, 1), sample(7.5, 2)], ['cpu_pct'], 5);
    expect(ts).toEqual([0, 7.5]);
    expect(cpu).toEqual([1, 2]);
  });
  it('puts a null between samples further apart than 1.5 intervals', () => {
    const [ts, cpu, ram] = toColumns([sample(0, 1), sample(5, 2), sample(60, 3), sample(65, 4)], ['cpu_pct', 'ram_pct'], 5);
    expect(ts).toEqual([0, 5, 10, 60, 65]);
    expect(cpu).toEqual([1, 2, null, 3, 4]);
    expect(ram).toEqual([50, 50, null, 50, 50]);
  });
  it('takes a function as a column, e.g. a missing sensor as null', () => {
    const [, temp] = toColumns([sample(0, 1, { temp_c: 0 }), sample(5, 1, { temp_c: 40 })], [(s) => (s.temp_c === 0 ? null : s.temp_c)], 5);
    expect(temp).toEqual([null, 40]);
  });
  it('gives empty columns for no samples', () => {
    expect(toColumns([], ['cpu_pct'], 5)).toEqual([[], []]);
  });
});

describe('sparklineColumns', () => {
  it('draws cpu_series as it is, with no gap when the ring is complete', () => {
    const series = Array.from({ length: 120 }, (_, i) => ({ ts: 1000 + i * 5, cpu_pct: i % 100 }));
    const [ts, cpu] = sparklineColumns({ cpu_series: series }, 5);
    expect(ts).toHaveLength(120);
    expect(cpu.every((v) => v !== null)).toBe(true);
  });
  it('breaks the line where the agent was silent', () => {
    const [ts, cpu] = sparklineColumns(
      {
        cpu_series: [
          { ts: 0, cpu_pct: 1 },
          { ts: 5, cpu_pct: 2 },
          { ts: 100, cpu_pct: 3 },
        ],
      },
      5,
    );
    expect(ts).toEqual([0, 5, 10, 100]);
    expect(cpu).toEqual([1, 2, null, 3]);
  });
});

describe('bucketLive', () => {
  it('averages samples per bucket aligned to multiples of the step', () => {
    const buckets = bucketLive([sample(61, 10), sample(63, 20), sample(91, 30), sample(119, 50)], 30);
    expect(buckets.map((b) => b.ts)).toEqual([60, 90]);
    expect(buckets[0].cpu_pct).toBe(15);
    expect(buckets[1].cpu_pct).toBe(40);
    expect(buckets[0].net_rx_bps).toBe(1000);
  });
});

describe('joinHistoryLive', () => {
  const history = [sample(0, 1), sample(30, 2), sample(60, 3), sample(90, 4)];

  it('is the history alone before any live frame', () => {
    expect(joinHistoryLive(history, [], 30)).toBe(history);
  });

  it('keeps the history of the bucket the page subscribed in and takes later buckets from live', () => {
    // The page subscribed at 95: the 90 bucket is partly history; 120 and 150 exist only live.
    const live = [sample(95, 10), sample(100, 20), sample(125, 30), sample(155, 40)];
    const joined = joinHistoryLive(history, live, 30);
    expect(joined.map((s) => [s.ts, s.cpu_pct])).toEqual([
      [0, 1],
      [30, 2],
      [60, 3],
      [90, 4],
      [120, 30],
      [150, 40],
    ]);
  });

  it('lets live win in a bucket the history has only partly (written late, in batches)', () => {
    const live = [sample(65, 10), sample(95, 20), sample(100, 40)];
    const partial = [...history.slice(0, 3), sample(90, 99)];
    const joined = joinHistoryLive(partial, live, 30);
    expect(joined.find((s) => s.ts === 90)?.cpu_pct).toBe(30);
    expect(joined.find((s) => s.ts === 60)?.cpu_pct).toBe(3);
  });

  it('fills a stream outage from the history', () => {
    const long = [...history, sample(120, 5), sample(150, 6), sample(180, 7)];
    const live = [sample(65, 10), sample(185, 20)];
    const joined = joinHistoryLive(long, live, 30);
    expect(joined.map((s) => s.ts)).toEqual([0, 30, 60, 90, 120, 150, 180]);
    expect(joined.find((s) => s.ts === 120)?.cpu_pct).toBe(5);
    expect(joined.find((s) => s.ts === 180)?.cpu_pct).toBe(20);
  });

  it('keeps live samples at their own times when asked to (short windows)', () => {
    const fine = [sample(0, 1), sample(5, 2), sample(10, 3)];
    const live = [sample(12, 10), sample(16, 20), sample(22, 30)];
    const joined = joinHistoryLive(fine, live, 5, true);
    expect(joined.map((s) => s.ts)).toEqual([0, 5, 10, 12, 16, 22]);
  });

  it('has one sample per time when a live sample falls on a bucket start', () => {
    const joined = joinHistoryLive([sample(0, 1), sample(5, 2)], [sample(5, 9), sample(10, 3)], 5, true);
    expect(joined.map((s) => [s.ts, s.cpu_pct])).toEqual([
      [0, 1],
      [5, 9],
      [10, 3],
    ]);
  });

  it('draws with no gap across the join', () => {
    const live = [sample(95, 10), sample(100, 20), sample(125, 30), sample(155, 40)];
    const [, cpu] = toColumns(joinHistoryLive(history, live, 30), ['cpu_pct'], 30);
    expect(cpu).not.toContain(null);
  });
});

describe('appendLive', () => {
  it('drops a repeated snapshot and keeps time order', () => {
    const a = [sample(10, 1)];
    const b = appendLive(a, sample(20, 2));
    expect(b.map((s) => s.ts)).toEqual([10, 20]);
    expect(appendLive(b, sample(20, 2))).toBe(b);
    expect(appendLive(b, sample(15, 3)).map((s) => s.ts)).toEqual([10, 15, 20]);
  });
});

describe('helpers', () => {
  it('clip keeps the window', () => {
    const samples = [sample(0, 1), sample(5, 1), sample(10, 1), sample(15, 1)];
    expect(clip(samples, 5, 15).map((s) => s.ts)).toEqual([5, 10]);
    expect(clip(samples, -1)).toBe(samples);
  });
  it('medianInterval finds the cadence despite one outage', () => {
    expect(medianInterval([0, 5, 10, 15, 100, 105])).toBe(5);
    expect(medianInterval([1])).toBeNull();
  });
  it('fromHistory reads RFC 3339 times as unix seconds', () => {
    const point = { ...sample(0, 7), ts: '2026-11-27T01:00:00Z' } as unknown as MetricsPoint;
    expect(fromHistory([point])[0].ts).toBe(Date.UTC(2026, 10, 27, 1) / 1000);
  });
});
