import { describe, expect, it } from 'vitest';
import { sparkPath } from '../../src/components/sparkline';
import {
  type ContainerHistoryPoint,
  type ContainerMetrics,
  containerSparks,
  type GpuHistoryPoint,
  type GpuMetrics,
  gpuCharts,
  gpuTemperatures,
  MIN_CPU_SCALE,
  pointColumns,
} from '../../src/lib/item-history';

const base = 1_800_000_000; // unix seconds on a 5-minute boundary
const iso = (seconds: number) => new Date(seconds * 1000).toISOString();

function container(seconds: number, cpu: number, memBytes: number): ContainerHistoryPoint {
  return { ts: iso(seconds), cpu_pct: cpu, mem_used_bytes: memBytes, mem_pct: 1, samples: 60 };
}

function gpu(seconds: number, util: number, temp: number, memUsed = 1024, memTotal = 4096): GpuHistoryPoint {
  return { ts: iso(seconds), util_pct: util, mem_used_mb: memUsed, mem_total_mb: memTotal, temp_c: temp, samples: 60 };
}

const metrics = (containers: ContainerMetrics['containers']): ContainerMetrics => ({
  host: 'nas',
  from: iso(base),
  to: iso(base + 3600),
  step_seconds: 300,
  containers,
});

describe('pointColumns', () => {
  it('joins points a step apart and puts a gap where a bucket is missing', () => {
    const points = [container(base, 1, 0), container(base + 300, 2, 0), container(base + 1200, 3, 0)];

    const [ts, cpu] = pointColumns(points, [(p) => p.cpu_pct], 300);

    expect(ts).toEqual([base, base + 300, base + 600, base + 1200]);
    expect(cpu).toEqual([1, 2, null, 3]);
  });
});

describe('containerSparks', () => {
  it('gives each container by name its CPU and memory columns and the top of each scale', () => {
    const sparks = containerSparks(
      metrics([
        { name: 'jellyfin', points: [container(base, 40, 2e9), container(base + 300, 180, 3e9)] },
        { name: 'pihole', points: [container(base, 0.2, 5e7), container(base + 300, 0.3, 6e7)] },
      ]),
    );

    const jellyfin = sparks.get('jellyfin')!;
    expect(jellyfin.cpu).toEqual([
      [base, base + 300],
      [40, 180],
    ]);
    expect(jellyfin.mem).toEqual([
      [base, base + 300],
      [2e9, 3e9],
    ]);
    // A share of one core may pass 100: the scale follows the busiest point.
    expect([jellyfin.cpuMax, jellyfin.memMax]).toEqual([180, 3e9]);
    // An idle container's noise stays near the bottom of a 5 % scale.
    expect(sparks.get('pihole')!.cpuMax).toBe(MIN_CPU_SCALE);
  });

  it('has no sparkline for a container without history in the range', () => {
    expect(containerSparks(metrics([])).get('jellyfin')).toBeUndefined();
  });
});

describe('sparkPath with a scale', () => {
  it('draws a value at the top of its scale at the top and half of it half way down', () => {
    const { line } = sparkPath(
      [
        [0, 10],
        [180, 90],
      ],
      100,
      42,
      0,
      10,
      180,
    );

    // Height 42: the top is y = 1, the bottom y = 41, half way y = 21.
    expect(line).toBe('M0.0,1.0L100.0,21.0');
  });
});

describe('gpu charts', () => {
  const gpus: GpuMetrics = {
    host: 'nas',
    from: iso(base),
    to: iso(base + 3600),
    step_seconds: 300,
    gpus: [
      { index: 0, name: 'RTX 3060', points: [gpu(base, 20, 50), gpu(base + 300, 60, 70, 2048, 4096)] },
      { index: 1, name: 'Tesla P4', points: [gpu(base + 300, 5, 40), gpu(base + 900, 6, 41)] },
    ],
  };

  it('charts each GPU’s utilisation and memory in % of its total', () => {
    const charts = gpuCharts(gpus);

    expect(charts.map((c) => [c.index, c.name])).toEqual([
      [0, 'RTX 3060'],
      [1, 'Tesla P4'],
    ]);
    expect(charts[0].columns).toEqual([
      [base, base + 300],
      [20, 60],
      [25, 50],
    ]);
    expect(charts[1].columns).toEqual([
      [base + 300, base + 600, base + 900],
      [5, null, 6],
      [25, null, 25],
    ]);
  });

  it('puts every GPU’s temperature on the union of their times, null where one has no point', () => {
    expect(gpuTemperatures(gpus)).toEqual([
      [base, base + 300, base + 600, base + 900],
      [50, 70, null, null],
      [null, 40, null, 41],
    ]);
  });
});
