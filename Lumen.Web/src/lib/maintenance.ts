// Maintenance windows as the hub's API speaks them (docs/api.md, Maintenance windows): the window,
// where it stands at an instant (its running or next occurrence, mirroring
// Lumen.Hub/Maintenance/MaintenanceWindow.cs), how it reads in a list, and the hosts it covers.
// The editor's form and body are in maintenance-form.ts.

import { describeDuration } from './units';

export type Recurrence = 'none' | 'weekly';
export type WindowState = 'active' | 'upcoming' | 'past';

/** One window as GET /api/maintenance lists it. A weekly one's start and end are its first occurrence. */
export interface MaintenanceWindow {
  id: number;
  reason: string;
  start_at: string;
  end_at: string;
  recurrence: Recurrence;
  /** Names and globs, comma separated, as a rule's `host`; empty covers every host. */
  host: string;
  /** Tags a covered host must carry, each value equal ignoring case; {} any host. */
  scope_tags: Record<string, string>;
  created_at: string;
}

/** What POST and PUT /api/maintenance take: the whole window (a PUT replaces every field). */
export interface MaintenanceBody {
  start_at: string;
  end_at: string;
  reason: string;
  recurrence: Recurrence;
  host: string;
  scope_tags: Record<string, string>;
}

type Keys<T> = { [K in keyof Required<T>]: true };
// Pure: the production bundle drops the list, which only the e2e spec reads.
export const MAINTENANCE_WINDOW_KEYS = /* @__PURE__ */ ((table: Keys<MaintenanceWindow>) => Object.keys(table))({
  id: true,
  reason: true,
  start_at: true,
  end_at: true,
  recurrence: true,
  host: true,
  scope_tags: true,
  created_at: true,
});

export const WEEK_MS = 7 * 86_400_000;

export interface Occurrence {
  start: number;
  end: number;
}

/** The occurrence running at `nowMs`, else the next one; null when none is left. Weeks are 7 × 24 h in UTC, as the hub counts them. */
export function occurrenceAt(window: MaintenanceWindow, nowMs: number): Occurrence | null {
  const start = Date.parse(window.start_at);
  const end = Date.parse(window.end_at);
  if (nowMs < start) return { start, end };
  if (window.recurrence !== 'weekly') return nowMs < end ? { start, end } : null;
  let at = start + Math.floor((nowMs - start) / WEEK_MS) * WEEK_MS;
  if (nowMs >= at + (end - start)) at += WEEK_MS;
  return { start: at, end: at + (end - start) };
}

export function windowState(window: MaintenanceWindow, nowMs: number): WindowState {
  const occurrence = occurrenceAt(window, nowMs);
  if (!occurrence) return 'past';
  return occurrence.start <= nowMs ? 'active' : 'upcoming';
}

/** The next instant one of the windows starts or ends (ms), when the list's grouping changes; null when none will. */
export function nextChange(windows: readonly MaintenanceWindow[], nowMs: number): number | null {
  let next: number | null = null;
  for (const window of windows) {
    const occurrence = occurrenceAt(window, nowMs);
    if (!occurrence) continue;
    const at = occurrence.start > nowMs ? occurrence.start : occurrence.end;
    if (next === null || at < next) next = at;
  }
  return next;
}

const hhmm = (ms: number, locale?: string) => new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' }).format(ms);
const weekday = (ms: number, locale?: string) => new Intl.DateTimeFormat(locale, { weekday: 'long' }).format(ms);
const dayAndTime = (ms: number, locale?: string) =>
  new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(ms);

/** How often it runs, in the browser's zone: "Once", "Every Friday 09:00–11:00", or with an end on a later day "Every Friday 22:00 – Saturday 02:00". */
export function recurrenceLabel(window: MaintenanceWindow, locale?: string): string {
  if (window.recurrence !== 'weekly') return 'Once';
  const start = Date.parse(window.start_at);
  const end = Date.parse(window.end_at);
  if (new Date(end).toDateString() === new Date(start).toDateString()) return `Every ${weekday(start, locale)} ${hhmm(start, locale)}–${hhmm(end, locale)}`;
  return `Every ${weekday(start, locale)} ${hhmm(start, locale)} – ${weekday(end, locale)} ${hhmm(end, locale)}`;
}

/** Where the window stands, in words: "ends in 1 h 20 min", "starts in 3 d 4 h", "ended 2 d ago". */
export function describeWhen(window: MaintenanceWindow, nowMs: number): string {
  const occurrence = occurrenceAt(window, nowMs);
  const words = (ms: number) => describeDuration(Math.max(60, Math.round(ms / 60_000) * 60));
  if (!occurrence) return `ended ${words(nowMs - Date.parse(window.end_at))} ago`;
  if (occurrence.start <= nowMs) return `ends in ${words(occurrence.end - nowMs)}`;
  return `starts in ${words(occurrence.start - nowMs)}`;
}

/** The occurrence a list shows (the running or next one, else the last), as "Fri 5 Dec 2026, 22:00 → Sat 6 Dec 2026, 02:00" in the browser's zone. */
export function describeSpan(window: MaintenanceWindow, nowMs: number, locale?: string): string {
  const occurrence = occurrenceAt(window, nowMs) ?? { start: Date.parse(window.start_at), end: Date.parse(window.end_at) };
  const sameDay = new Date(occurrence.start).toDateString() === new Date(occurrence.end).toDateString();
  return `${dayAndTime(occurrence.start, locale)} → ${sameDay ? hhmm(occurrence.end, locale) : dayAndTime(occurrence.end, locale)}`;
}

/** Which hosts, as the list says it: "every host", "nas, web-*", "web-* with env=home", "hosts with env=home, role=nas". */
export function describeCoverage(window: Pick<MaintenanceWindow, 'host' | 'scope_tags'>): string {
  const tags = Object.entries(window.scope_tags).map(([k, v]) => `${k}=${v}`);
  const names = window.host
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .join(', ');
  if (tags.length === 0) return names || 'every host';
  return `${names || 'hosts'} with ${tags.join(', ')}`;
}

/**
 * The hosts a window covers, from the hosts its names match (the rule preview, which reads a
 * window's `host` as a rule's) narrowed by its scope tags: every key carried, values equal
 * ignoring case, as the hub compares them for a window (a rule's selector is exact).
 */
export function coveredHosts<H extends { id: number; name: string }>(
  byName: readonly H[],
  tagsOf: ReadonlyMap<number, Record<string, string>>,
  scopeTags: Record<string, string>,
): H[] {
  const wanted = Object.entries(scopeTags);
  if (wanted.length === 0) return [...byName];
  return byName.filter((host) => {
    const tags = tagsOf.get(host.id) ?? {};
    return wanted.every(([key, value]) => key in tags && tags[key].toLowerCase() === value.toLowerCase());
  });
}

/** What the coverage found, in a sentence before the names. */
export function describeCovered(count: number, everyone: boolean): string {
  const hosts = count === 1 ? '1 host' : `${count} hosts`;
  if (everyone) return count === 0 ? 'Covers every host; none is registered yet.' : `Covers every host (${hosts}):`;
  return count === 0 ? 'Covers no registered host yet.' : `Covers ${hosts}:`;
}
