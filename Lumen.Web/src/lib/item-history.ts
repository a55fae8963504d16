// Container and GPU history (GET /api/hosts/{id}/containers/metrics and /gpus/metrics): the
// hub's points, one per step of whole buckets, shaped into sparkline and chart columns with a
// gap wherever a bucket is missing (the item sent nothing then, or did not exist).

import type { SeriesSpec } from './chart-options';
import { type Columns, toSeconds } from './series';

export interface ContainerHistoryPoint {
  ts: string;
  cpu_pct: number;
  cpu_pct_min?: number;
  cpu_pct_max?: number;
  mem_used_bytes: number;
  mem_used_bytes_min?: number;
  mem_used_bytes_max?: number;
  mem_pct: number;
  mem_pct_min?: number;
  mem_pct_max?: number;
  samples: number;
}

export interface ContainerHistory {
  name: string;
  points: ContainerHistoryPoint[];
}

export interface ContainerMetrics {
  host: string;
  from: string;
  to: string;
  step_seconds: number;
  containers: ContainerHistory[];
}

export interface GpuHistoryPoint {
  ts: string;
  util_pct: number;
  util_pct_min?: number;
  util_pct_max?: number;
  mem_used_mb: number;
  mem_used_mb_min?: number;
  mem_used_mb_max?: number;
  mem_total_mb: number;
  mem_total_mb_min?: number;
  mem_total_mb_max?: number;
  temp_c: number;
  temp_c_min?: number;
  temp_c_max?: number;
  samples: number;
}

export interface GpuHistory {
  index: number;
  name: string;
  points: GpuHistoryPoint[];
}

export interface GpuMetrics {
  host: string;
  from: string;
  to: string;
  step_seconds: number;
  gpus: GpuHistory[];
}

/**
 * Columns of one value per point (unix seconds first), with a null between two points more than
 * 1.5 steps apart, so a line does not bridge a bucket the item was silent in.
 */
export function pointColumns<P extends { ts: string }>(points: P[], values: ((p: P) => number)[], stepSeconds: number): Columns {
  const ts: number[] = [];
  const columns: (number | null)[][] = values.map(() => []);
  const limit = stepSeconds * 1.5;
  let previous: number | null = null;
  for (const point of points) {
    const at = toSeconds(point.ts);
    if (previous !== null && at - previous > limit) {
      ts.push(previous + stepSeconds);
      for (const column of columns) column.push(null);
    }
    ts.push(at);
    for (let i = 0; i < values.length; i++) columns[i].push(values[i](point));
    previous = at;
  }
  return [ts, ...columns];
}

/** One container's sparklines: CPU and memory over the range, and the top of each one's scale. */
export interface ContainerSpark {
  cpu: Columns;
  mem: Columns;
  cpuMax: number;
  memMax: number;
}

/**
 * The scale a container's CPU is drawn against: its busiest point, but at least 5 % of a core,
 * so an idle container's noise (0.1 to 0.3 %) stays a flat line near the bottom instead of
 * filling the cell. CPU is a share of one core and may pass 100.
 */
export const MIN_CPU_SCALE = 5;

/** Each container's sparklines by name; memory is drawn against the container's own peak. */
export function containerSparks(metrics: ContainerMetrics): Map<string, ContainerSpark> {
  const sparks = new Map<string, ContainerSpark>();
  for (const container of metrics.containers) {
    const points = container.points;
    sparks.set(container.name, {
      cpu: pointColumns(points, [(p) => p.cpu_pct], metrics.step_seconds),
      mem: pointColumns(points, [(p) => p.mem_used_bytes], metrics.step_seconds),
      cpuMax: Math.max(MIN_CPU_SCALE, ...points.map((p) => p.cpu_pct)),
      memMax: Math.max(1, ...points.map((p) => p.mem_used_bytes)),
    });
  }
  return sparks;
}

/** One GPU's chart: utilisation and memory use, both in % (memory of the GPU's total at each point). */
export interface GpuChart {
  index: number;
  name: string;
  columns: Columns;
}

export const GPU_SERIES: SeriesSpec[] = [
  { label: 'Utilisation', color: '--lm-cpu', fill: true },
  { label: 'Memory', color: '--lm-ram' },
];

export function gpuCharts(metrics: GpuMetrics): GpuChart[] {
  return metrics.gpus.map((gpu) => ({
    index: gpu.index,
    name: gpu.name,
    columns: pointColumns(gpu.points, [(p) => p.util_pct, (p) => (p.mem_total_mb > 0 ? (100 * p.mem_used_mb) / p.mem_total_mb : 0)], metrics.step_seconds),
  }));
}

/** Every GPU's temperature on one chart: one column per GPU, on the union of their times. */
export function gpuTemperatures(metrics: GpuMetrics): Columns {
  const times = [...new Set(metrics.gpus.flatMap((gpu) => gpu.points.map((p) => toSeconds(p.ts))))].sort((a, b) => a - b);
  const ts: number[] = [];
  const columns: (number | null)[][] = metrics.gpus.map(() => []);
  const byGpu = metrics.gpus.map((gpu) => new Map(gpu.points.map((p) => [toSeconds(p.ts), p.temp_c])));
  let previous: number | null = null;
  for (const at of times) {
    if (previous !== null && at - previous > metrics.step_seconds * 1.5) {
      ts.push(previous + metrics.step_seconds);
      for (const column of columns) column.push(null);
    }
    ts.push(at);
    for (let i = 0; i < byGpu.length; i++) columns[i].push(byGpu[i].get(at) ?? null);
    previous = at;
  }
  return [ts, ...columns];
}
