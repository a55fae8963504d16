// The host detail's time ranges: presets that end now and keep moving with live frames, or a
// fixed custom window; both kept within the hub's archive window (downsample_archive_window:
// the API refuses a longer one, and nothing older is kept).

import { type Zoom, zoomQuery } from './zoom';

export type RangeKey = '10m' | '1h' | '6h' | '24h' | '7d' | '30d' | '90d' | '1y' | 'custom';

const DAY = 86400;

export const PRESETS: { key: Exclude<RangeKey, 'custom'>; label: string; seconds: number }[] = [
  { key: '10m', label: '10 min', seconds: 600 },
  { key: '1h', label: '1 h', seconds: 3600 },
  { key: '6h', label: '6 h', seconds: 6 * 3600 },
  { key: '24h', label: '24 h', seconds: DAY },
  { key: '7d', label: '7 d', seconds: 7 * DAY },
  { key: '30d', label: '30 d', seconds: 30 * DAY },
  { key: '90d', label: '90 d', seconds: 90 * DAY },
  // The hub's default archive window: a year is 365 days there too.
  { key: '1y', label: '1 y', seconds: 365 * DAY },
];

export interface ResolvedRange {
  from: number;
  to: number;
  /** Ends now and follows live frames. */
  live: boolean;
  /** The start was moved to the archive window's edge: older data no longer exists. */
  clamped: boolean;
}

/**
 * The window in unix seconds. `keptSeconds` is the archive window (0 while it is not known: no
 * clamp). A custom window ending within a minute of now is treated as live.
 */
export function resolveRange(key: RangeKey, custom: { from: number; to: number } | null, nowSeconds: number, keptSeconds: number): ResolvedRange {
  let from: number;
  let to: number;
  let live: boolean;
  if (key === 'custom' && custom) {
    from = custom.from;
    to = Math.min(custom.to, nowSeconds);
    live = nowSeconds - custom.to < 60;
  } else {
    const preset = PRESETS.find((p) => p.key === key) ?? PRESETS[0];
    to = nowSeconds;
    from = nowSeconds - preset.seconds;
    live = true;
  }
  // 5 s inside the edge: the hub's clock reads a little later than this page's when it checks the span.
  const oldest = keptSeconds > 0 ? nowSeconds - keptSeconds + 5 : -Infinity;
  // Moved by more than a minute: a year's preset against a year's archive moves by the 5 s alone, which is not worth a note.
  const clamped = oldest - from > 60;
  if (from < oldest) from = oldest;
  if (from >= to) from = to - 60;
  return { from, to, live, clamped };
}

/**
 * Whether live samples are drawn at their own times (true) or averaged into the history's
 * buckets: averaging only helps once a bucket spans at least two live samples.
 */
export function keepLiveRaw(stepSeconds: number, liveCadenceSeconds: number | null): boolean {
  return liveCadenceSeconds === null || stepSeconds < 2 * liveCadenceSeconds;
}

/** For <input type="datetime-local">: local time without zone, to the minute. */
export function toLocalInput(seconds: number): string {
  const d = new Date(seconds * 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function fromLocalInput(value: string): number | null {
  const ms = new Date(value).getTime();
  return Number.isNaN(ms) ? null : ms / 1000;
}

export type CustomRange = { from: number; to: number };

/** The range a page address names: `?from=&to=` (unix seconds) for a custom window, `?range=6h` for a preset, 1 h otherwise. */
export function rangeFromQuery(search: string): { key: RangeKey; custom: CustomRange | null } {
  const query = new URLSearchParams(search);
  const from = Number(query.get('from'));
  const to = Number(query.get('to'));
  if (from > 0 && to > from) return { key: 'custom', custom: { from, to } };
  const key = query.get('range');
  return { key: PRESETS.some((p) => p.key === key) ? (key as RangeKey) : '1h', custom: null };
}

/** The query that names a range (and a zoom into it) in the address; none for the default 1 h. */
export function rangeQuery(key: RangeKey, custom: CustomRange | null, zoom: Zoom | null = null): string {
  const range = key === 'custom' && custom ? `from=${Math.round(custom.from)}&to=${Math.round(custom.to)}` : key === '1h' ? '' : `range=${key}`;
  const query = [range, zoom ? zoomQuery(zoom) : ''].filter(Boolean).join('&');
  return query ? `?${query}` : '';
}
