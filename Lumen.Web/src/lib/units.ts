// Numbers as people read them: binary byte units, rates per second, percentages, degrees,
// durations. Every formatter takes null/NaN and answers an en dash, so a missing value never
// shows as "NaN %".

const DASH = '–';
const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];

function missing(value: number | null | undefined): value is null | undefined {
  return value === null || value === undefined || !Number.isFinite(value);
}

/** Three significant digits at most, never trailing zeros after the point ("1.5", "12.3", "512"). */
function compact(value: number): string {
  const abs = Math.abs(value);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : 2;
  return Number(value.toFixed(digits)).toString();
}

/** 1536 → "1.5 KiB"; binary units, as `free -h` and `df -h` show them. */
export function formatBytes(bytes: number | null | undefined): string {
  if (missing(bytes)) return DASH;
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? Math.round(value) : compact(value)} ${BYTE_UNITS[unit]}`;
}

/** Bytes per second: 125000 → "122 KiB/s". */
export function formatRate(bytesPerSecond: number | null | undefined): string {
  if (missing(bytesPerSecond)) return DASH;
  return `${formatBytes(bytesPerSecond)}/s`;
}

/** 12.345 → "12.3 %"; a whole number under 10 keeps one decimal ("4.0 %" reads as 4.0 %, not 4). */
export function formatPct(pct: number | null | undefined, decimals = 1): string {
  if (missing(pct)) return DASH;
  return `${pct.toFixed(decimals)} %`;
}

/** 47.5 → "47.5 °C"; 0 is "–" only when the host has no sensor (the caller decides). */
export function formatTemp(celsius: number | null | undefined): string {
  if (missing(celsius)) return DASH;
  return `${celsius.toFixed(1)} °C`;
}

/** Load averages to two decimals: "0.42". */
export function formatLoad(load: number | null | undefined): string {
  if (missing(load)) return DASH;
  return load.toFixed(2);
}

/** 90061 → "1 d 1 h"; the two largest units, as a person says an uptime. */
export function formatUptime(seconds: number | null | undefined): string {
  if (missing(seconds) || seconds < 0) return DASH;
  const s = Math.floor(seconds);
  const days = Math.floor(s / 86400);
  const hours = Math.floor((s % 86400) / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  if (days > 0) return hours > 0 ? `${days} d ${hours} h` : `${days} d`;
  if (hours > 0) return minutes > 0 ? `${hours} h ${minutes} min` : `${hours} h`;
  if (minutes > 0) return `${minutes} min`;
  return `${s} s`;
}

/** Uptime in the host detail's subtitle, always two units from hours up: "3 d 0 h", "2 h 5 min", "4 min"; "–" when unknown. */
export function formatUptimeShort(seconds: number | null): string {
  if (seconds === null) return '–';
  const d = Math.floor(seconds / 86400);
  const h = Math.floor((seconds % 86400) / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  return d > 0 ? `${d} d ${h} h` : h > 0 ? `${h} h ${m} min` : `${m} min`;
}

/** How long ago, for "last seen": "just now", "12 s ago", "5 min ago", "3 h ago", "2 d ago". */
export function formatAgo(thenMs: number | null | undefined, nowMs: number): string {
  if (missing(thenMs)) return 'never';
  const seconds = Math.max(0, Math.round((nowMs - thenMs) / 1000));
  if (seconds < 3) return 'just now';
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 86400) return `${Math.floor(seconds / 3600)} h ago`;
  return `${Math.floor(seconds / 86400)} d ago`;
}

/** Value formatter for a chart axis or tooltip by unit name. */
export type Unit = 'pct' | 'bps' | 'load' | 'temp' | 'bytes';

export function formatUnit(unit: Unit, value: number | null | undefined): string {
  switch (unit) {
    case 'pct':
      return formatPct(value);
    case 'bps':
      return formatRate(value);
    case 'load':
      return formatLoad(value);
    case 'temp':
      return formatTemp(value);
    case 'bytes':
      return formatBytes(value);
  }
}

/** Shorter axis labels: "50%", "1.2 MiB/s", "45°". */
export function formatAxis(unit: Unit, value: number): string {
  switch (unit) {
    case 'pct':
      return `${compact(value)}%`;
    case 'bps':
      return formatRate(value).replace(' ', '\u202f');
    case 'load':
      return compact(value);
    case 'temp':
      return `${compact(value)}°`;
    case 'bytes':
      return formatBytes(value);
  }
}

// Go-style durations as the settings API speaks them ("90s", "1h30m", "720h"). Parsing and
// formatting in whole seconds, which is what every Lumen setting is measured in.

const DURATION_PART = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h|d)/g;
const UNIT_SECONDS: Record<string, number> = { ns: 1e-9, us: 1e-6, µs: 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600, d: 86400 };

/** "1h30m" → 5400; "0" → 0; anything else → null. Accepts "d" for convenience; the hub gets hours back. */
export function parseDuration(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === '0') return 0;
  if (!/^((\d+(\.\d+)?)(ns|us|µs|ms|s|m|h|d))+$/.test(trimmed)) return null;
  let total = 0;
  for (const match of trimmed.matchAll(DURATION_PART)) total += Number(match[1]) * UNIT_SECONDS[match[2]];
  return total;
}

/** 5400 → "1h30m0s" as Go prints it, shortened: "1h30m". 0 → "0s". */
export function formatDuration(seconds: number): string {
  if (seconds === 0) return '0s';
  let rest = Math.round(seconds);
  const h = Math.floor(rest / 3600);
  rest -= h * 3600;
  const m = Math.floor(rest / 60);
  const s = rest - m * 60;
  return `${h ? `${h}h` : ''}${m ? `${m}m` : ''}${s ? `${s}s` : ''}`;
}

/** 604800 → "7 d", 3600 → "1 h", 90 → "1 min 30 s": a duration for reading, not for the API. */
export function describeDuration(seconds: number): string {
  if (seconds === 0) return 'off';
  const parts: string[] = [];
  let rest = seconds;
  for (const [size, name] of [
    [86400, 'd'],
    [3600, 'h'],
    [60, 'min'],
    [1, 's'],
  ] as const) {
    const n = Math.floor(rest / size);
    if (n > 0) parts.push(`${n} ${name}`);
    rest -= n * size;
  }
  return parts.slice(0, 2).join(' ');
}
