// The alerts page's history: resolved events (newest resolution first) or all of them (newest
// start first), as GET /api/alerts/events orders them, kept current by the stream's alert frames;
// and how long an event lasted, in words.

import type { AlertEvent, AlertStreamFrame } from './alerts';
import { describeDuration, formatAgo } from './units';

export type HistoryMode = 'resolved' | 'all';

/** The list after one alert frame: the event put in its place, or left out when the list does not show its state. */
export function applyToHistory(list: AlertEvent[], frame: AlertStreamFrame, mode: HistoryMode): AlertEvent[] {
  // The hub reads the event back after writing it, so its state is the frame's (a reboot arrives resolved at once).
  const { event } = frame;
  const rest = list.filter((e) => e.id !== event.id);
  if (mode === 'resolved' && event.state !== 'resolved') return list;
  const key = (e: AlertEvent) => Date.parse((mode === 'resolved' ? e.resolved_at : e.started_at) ?? e.started_at);
  const at = rest.findIndex((e) => key(e) < key(event) || (key(e) === key(event) && e.id < event.id));
  return at < 0 ? [...rest, event] : [...rest.slice(0, at), event, ...rest.slice(at)];
}

/** How long an event lasted, or has lasted so far: "3 min", "2 h 5 min"; "under 1 s" for a one-off. */
export function eventDuration(event: AlertEvent, nowMs: number): string {
  const end = event.resolved_at ? Date.parse(event.resolved_at) : nowMs;
  const seconds = Math.max(0, Math.round((end - Date.parse(event.started_at)) / 1000));
  return seconds === 0 ? 'under 1 s' : describeDuration(seconds);
}

/** How long ago a time of an event was: "5 min ago". */
export function ago(iso: string, nowMs: number): string {
  return formatAgo(Date.parse(iso), nowMs);
}

/** A time as the browser's locale writes it, for a tooltip. */
export function localTime(iso: string): string {
  return new Date(Date.parse(iso)).toLocaleString();
}
