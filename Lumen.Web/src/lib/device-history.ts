// Disk, NIC and filesystem history (GET /api/hosts/{id}/disks/metrics, /nics/metrics,
// /filesystems/metrics): the hub's points, one per step of whole buckets, shaped into
// sparkline columns by device, with a gap wherever a bucket is missing.

import { pointColumns } from './item-history';
import type { Columns } from './series';

interface WindowAnswer {
  host: string;
  from: string;
  to: string;
  step_seconds: number;
}

export interface DiskHistoryPoint {
  ts: string;
  read_bps: number;
  read_bps_min?: number;
  read_bps_max?: number;
  write_bps: number;
  write_bps_min?: number;
  write_bps_max?: number;
  samples: number;
}

export interface DiskMetrics extends WindowAnswer {
  disks: { name: string; points: DiskHistoryPoint[] }[];
}

export interface NicHistoryPoint {
  ts: string;
  rx_bps: number;
  rx_bps_min?: number;
  rx_bps_max?: number;
  tx_bps: number;
  tx_bps_min?: number;
  tx_bps_max?: number;
  samples: number;
}

export interface NicMetrics extends WindowAnswer {
  nics: { name: string; points: NicHistoryPoint[] }[];
}

export interface FilesystemHistoryPoint {
  ts: string;
  used_bytes: number;
  used_bytes_min?: number;
  used_bytes_max?: number;
  total_bytes: number;
  total_bytes_min?: number;
  total_bytes_max?: number;
  used_pct: number;
  used_pct_min?: number;
  used_pct_max?: number;
  samples: number;
}

export interface FilesystemMetrics extends WindowAnswer {
  filesystems: { mount: string; device: string; points: FilesystemHistoryPoint[] }[];
}

/** One device's two rates over the range (read and write, or received and sent), drawn against one scale: the busier direction's peak. */
export interface RateSpark {
  in: Columns;
  out: Columns;
  max: number;
}

/** Below 1 KiB/s a device is idle: its scale stays there so a few bytes of noise draw a flat line, not a full one. */
export const MIN_RATE_SCALE = 1024;

function rateSparks<P extends { ts: string }>(items: { name: string; points: P[] }[], step: number, read: (p: P) => number, write: (p: P) => number) {
  const sparks = new Map<string, RateSpark>();
  for (const item of items)
    sparks.set(item.name, {
      in: pointColumns(item.points, [read], step),
      out: pointColumns(item.points, [write], step),
      max: Math.max(MIN_RATE_SCALE, ...item.points.map(read), ...item.points.map(write)),
    });
  return sparks;
}

/** Each disk's read and write sparklines, by name. */
export function diskSparks(metrics: DiskMetrics): Map<string, RateSpark> {
  return rateSparks(
    metrics.disks,
    metrics.step_seconds,
    (p) => p.read_bps,
    (p) => p.write_bps,
  );
}

/** Each interface's received and sent sparklines, by name. */
export function nicSparks(metrics: NicMetrics): Map<string, RateSpark> {
  return rateSparks(
    metrics.nics,
    metrics.step_seconds,
    (p) => p.rx_bps,
    (p) => p.tx_bps,
  );
}

/** Each filesystem's share used over the range (0–100), by mount point. */
export function filesystemSparks(metrics: FilesystemMetrics): Map<string, Columns> {
  return new Map(metrics.filesystems.map((fs) => [fs.mount, pointColumns(fs.points, [(p) => p.used_pct], metrics.step_seconds)]));
}
