// TypeScript mirror of Lumen's wire contract (design §4, Lumen.Protocol). Each type comes with a
// field table naming every JSON key and its kind: tests/unit/protocol.test.ts checks the tables
// against the protocol's golden JSON, so a field added or renamed on the C# side fails here.

export type FieldKind = 'string' | 'number' | 'number[]' | 'object' | 'object[]' | 'object?';

/** One running container as the agent saw it. `cpu_pct` is a share of one core (can pass 100). */
export interface ContainerSample {
  id: string;
  name: string;
  image: string;
  state: string;
  cpu_pct: number;
  mem_used_bytes: number;
  mem_limit_bytes: number;
  mem_pct: number;
}

/** Facts about a monitored machine that change rarely. */
export interface SystemInfo {
  os: string;
  hostname: string;
  primary_ip: string;
  kernel: string;
  arch: string;
  cpu_model: string;
  uptime_seconds: number;
  agent_version: string;
  /** container, lxc, kvm, … or empty on bare metal. */
  virt_type: string;
}

export interface GpuSample {
  index: number;
  name: string;
  util_pct: number;
  mem_used_mb: number;
  mem_total_mb: number;
  temp_c: number;
}

export interface ProcessSample {
  pid: number;
  name: string;
  user: string;
  cpu_pct: number;
  rss_mb: number;
  cmd: string;
}

/** One whole disk's throughput over the agent's last tick (bytes per second). */
export interface DiskSample {
  name: string;
  read_bps: number;
  write_bps: number;
}

/** One physical network interface's traffic over the agent's last tick (bytes per second). */
export interface NicSample {
  name: string;
  rx_bps: number;
  tx_bps: number;
}

/** How full one mounted filesystem is, as df shows it: `used_pct` is used / (used + available). */
export interface FilesystemSample {
  mount: string;
  device: string;
  fs_type: string;
  used_bytes: number;
  total_bytes: number;
  used_pct: number;
}

/** The scalars every frame, live snapshot and history bucket carries, in the agent's units. */
export interface MetricScalars {
  cpu_pct: number;
  ram_pct: number;
  swap_pct: number;
  disk_pct: number;
  load1: number;
  load5: number;
  load15: number;
  net_rx_bps: number;
  net_tx_bps: number;
  disk_r_bps: number;
  disk_w_bps: number;
  temp_c: number;
  /** CPU time a VM was ready to run but its hypervisor ran another guest (0 on bare metal and from Go agents). */
  cpu_steal_pct: number;
}

/** One agent tick as POSTed to /api/ingest. */
export interface IngestFrame extends MetricScalars {
  host?: string;
  ts: string;
  cpu_per_core?: number[];
  containers?: ContainerSample[];
  system?: SystemInfo | null;
  gpus?: GpuSample[];
  processes?: ProcessSample[];
  /** Beyond the Go frame: sent only to a hub whose policy lists them. */
  disks?: DiskSample[];
  nics?: NicSample[];
  filesystems?: FilesystemSample[];
}

/** One sparkline sample: unix seconds and CPU percent. */
export interface CpuPoint {
  ts: number;
  cpu_pct: number;
}

/** One host as the live view shows it: what a full entry of GET /api/stream holds. */
export interface LiveSnapshot extends MetricScalars {
  host_id: number;
  host: string;
  ts: string;
  received_at: string;
  /** Oldest first, at most 120 samples. */
  cpu_series: CpuPoint[];
  cpu_per_core: number[];
  containers: ContainerSample[];
  system: SystemInfo | null;
  gpus: GpuSample[];
  disks: DiskSample[];
  nics: NicSample[];
  filesystems: FilesystemSample[];
}

/**
 * A delta entry of GET /api/stream: the host whole but for its CPU series, of which it carries
 * only the points gained since the previous frame, to append to a series ending at `cpu_after_ts`.
 */
export interface LiveDelta extends Omit<LiveSnapshot, 'cpu_series'> {
  /** Oldest first, each newer than `cpu_after_ts`; possibly none. */
  cpu_append: CpuPoint[];
  /** The ts of the newest point the client must hold for `cpu_append` to follow on. */
  cpu_after_ts: number;
}

/** One host in a frame of GET /api/stream: full (first sight, after a subscribe or a loss) or a delta. */
export type LiveStreamEntry = LiveSnapshot | LiveDelta;

/** Each metric's lowest and highest sample in a bucket: `cpu_pct_min`, `cpu_pct_max`, … */
export type MetricRanges = { [K in keyof MetricScalars as `${K}_min` | `${K}_max`]?: number };

/**
 * One bucket of GET /api/hosts/{id}/metrics: the average of each metric, how many raw samples
 * that is, and, only when more than one, each metric's lowest and highest sample.
 */
export interface MetricsPoint extends MetricScalars, MetricRanges {
  ts: string;
  samples: number;
}

export interface HostMetrics {
  host: string;
  from: string;
  to: string;
  step_seconds: number;
  points: MetricsPoint[];
}

type Fields<T> = { [K in keyof Required<T>]: FieldKind };

export const scalarFields: Fields<MetricScalars> = {
  cpu_pct: 'number',
  ram_pct: 'number',
  swap_pct: 'number',
  disk_pct: 'number',
  load1: 'number',
  load5: 'number',
  load15: 'number',
  net_rx_bps: 'number',
  net_tx_bps: 'number',
  disk_r_bps: 'number',
  disk_w_bps: 'number',
  temp_c: 'number',
  cpu_steal_pct: 'number',
};

export const containerFields: Fields<ContainerSample> = {
  id: 'string',
  name: 'string',
  image: 'string',
  state: 'string',
  cpu_pct: 'number',
  mem_used_bytes: 'number',
  mem_limit_bytes: 'number',
  mem_pct: 'number',
};

export const systemFields: Fields<SystemInfo> = {
  os: 'string',
  hostname: 'string',
  primary_ip: 'string',
  kernel: 'string',
  arch: 'string',
  cpu_model: 'string',
  uptime_seconds: 'number',
  agent_version: 'string',
  virt_type: 'string',
};

export const gpuFields: Fields<GpuSample> = {
  index: 'number',
  name: 'string',
  util_pct: 'number',
  mem_used_mb: 'number',
  mem_total_mb: 'number',
  temp_c: 'number',
};

export const processFields: Fields<ProcessSample> = {
  pid: 'number',
  name: 'string',
  user: 'string',
  cpu_pct: 'number',
  rss_mb: 'number',
  cmd: 'string',
};

export const diskFields: Fields<DiskSample> = { name: 'string', read_bps: 'number', write_bps: 'number' };

export const nicFields: Fields<NicSample> = { name: 'string', rx_bps: 'number', tx_bps: 'number' };

export const filesystemFields: Fields<FilesystemSample> = {
  mount: 'string',
  device: 'string',
  fs_type: 'string',
  used_bytes: 'number',
  total_bytes: 'number',
  used_pct: 'number',
};

export const ingestFrameFields: Fields<IngestFrame> = {
  host: 'string',
  ts: 'string',
  ...scalarFields,
  cpu_per_core: 'number[]',
  containers: 'object[]',
  system: 'object?',
  gpus: 'object[]',
  processes: 'object[]',
  disks: 'object[]',
  nics: 'object[]',
  filesystems: 'object[]',
};

export const cpuPointFields: Fields<CpuPoint> = { ts: 'number', cpu_pct: 'number' };

export const liveSnapshotFields: Fields<LiveSnapshot> = {
  host_id: 'number',
  host: 'string',
  ts: 'string',
  received_at: 'string',
  ...scalarFields,
  cpu_series: 'object[]',
  cpu_per_core: 'number[]',
  containers: 'object[]',
  system: 'object?',
  gpus: 'object[]',
  disks: 'object[]',
  nics: 'object[]',
  filesystems: 'object[]',
};

const { cpu_series: _fullOnly, ...liveSharedFields } = liveSnapshotFields;

export const liveDeltaFields: Fields<LiveDelta> = {
  ...liveSharedFields,
  cpu_append: 'object[]',
  cpu_after_ts: 'number',
};

/** `<metric>_min` and `<metric>_max` for every scalar, as a history point may carry them. */
export const rangeFields = Object.fromEntries(
  Object.keys(scalarFields).flatMap((key) => [
    [`${key}_min`, 'number'],
    [`${key}_max`, 'number'],
  ]),
) as Fields<MetricRanges>;

export const metricsPointFields: Fields<MetricsPoint> = { ts: 'string', samples: 'number', ...scalarFields, ...rangeFields };

/** The nested tables, by the key that holds them. */
export const nestedFields: Record<string, Record<string, FieldKind>> = {
  containers: containerFields,
  system: systemFields,
  gpus: gpuFields,
  processes: processFields,
  disks: diskFields,
  nics: nicFields,
  filesystems: filesystemFields,
  cpu_series: cpuPointFields,
  cpu_append: cpuPointFields,
  points: metricsPointFields,
};

function kindOf(value: unknown): FieldKind | 'null' | 'other' {
  if (value === null) return 'null';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'number') return 'number';
  if (Array.isArray(value)) {
    if (value.every((v) => typeof v === 'number')) return value.length === 0 ? 'object[]' : 'number[]';
    return 'object[]';
  }
  if (typeof value === 'object') return 'object';
  return 'other';
}

function fits(expected: FieldKind, actual: ReturnType<typeof kindOf>, value: unknown): boolean {
  if (expected === actual) return true;
  if (expected === 'object?') return actual === 'object' || actual === 'null';
  // An empty list is both kinds of list.
  if (Array.isArray(value) && value.length === 0) return expected === 'number[]' || expected === 'object[]';
  return false;
}

/**
 * Every problem between a JSON object and a field table: keys the mirror does not know,
 * values of the wrong kind, nested objects checked by their own tables. Empty when it fits.
 */
export function shapeProblems(value: unknown, fields: Record<string, FieldKind>, path = '$'): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [`${path} is not an object`];
  const problems: string[] = [];
  for (const [key, v] of Object.entries(value)) {
    const expected = fields[key];
    const at = `${path}.${key}`;
    if (!expected) {
      problems.push(`${at} is not in the TypeScript mirror`);
      continue;
    }
    const actual = kindOf(v);
    if (!fits(expected, actual, v)) {
      problems.push(`${at} is ${actual}, the mirror says ${expected}`);
      continue;
    }
    const nested = nestedFields[key];
    if (nested && Array.isArray(v)) for (const [i, item] of v.entries()) problems.push(...shapeProblems(item, nested, `${at}[${i}]`));
    else if (nested && actual === 'object') problems.push(...shapeProblems(v, nested, at));
  }
  return problems;
}

/** Keys of the table absent from the object: for checks that a full example names every field. */
export function missingFields(value: object, fields: Record<string, FieldKind>): string[] {
  return Object.keys(fields).filter((key) => !(key in value));
}
