// A host's silence (docs/api.md, Hosts): the presets and the custom end the host page offers, the
// bodies they become, whether a host is silenced now, and how its end reads. A silenced host's
// alerts are still evaluated and recorded, marked suppressed; nobody is notified of them.

import { fromLocalInput } from './ranges';

/** What POST /api/hosts/{id}/silence takes: seconds from now (the Go hub's), or an RFC 3339 end (this hub's). */
export type SilenceBody = { seconds: number } | { until: string };

export const SILENCE_PRESETS = [
  { key: '1h', label: '1 h', seconds: 3600 },
  { key: '8h', label: '8 h', seconds: 8 * 3600 },
  { key: '24h', label: '24 h', seconds: 24 * 3600 },
] as const;

export type SilencePreset = (typeof SILENCE_PRESETS)[number]['key'];

/** The hub's bound: a silence reaches at most a year ahead (HostSilence.MaxSeconds). */
export const MAX_SILENCE_SECONDS = 365 * 86400;

/** A preset's body: seconds, which the hub counts from its own clock. */
export function presetBody(preset: SilencePreset): SilenceBody {
  const found = SILENCE_PRESETS.find((p) => p.key === preset) ?? SILENCE_PRESETS[0];
  return { seconds: found.seconds };
}

/** An instant as RFC 3339 UTC, without a fraction when it has none: "2026-12-05T21:00:00Z". */
export function rfc3339(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

/**
 * The body for a custom end typed in a `datetime-local` field (the browser's zone), sent as the
 * time itself, in UTC; or what is wrong with it, checked against the hub's clock as the hub checks.
 */
export function customBody(localInput: string, hubNowMs: number): { body: SilenceBody } | { error: string } {
  const seconds = localInput.trim() ? fromLocalInput(localInput) : null;
  if (seconds === null) return { error: 'Pick the date and time the silence ends.' };
  const ms = seconds * 1000;
  if (ms <= hubNowMs) return { error: 'The end must be in the future.' };
  if (ms > hubNowMs + MAX_SILENCE_SECONDS * 1000) return { error: 'A silence lasts at most a year.' };
  return { body: { until: rfc3339(ms) } };
}

/** When the host's silence ends (ms), or null when it is not silenced at `hubNowMs`. */
export function silencedUntil(host: { silenced_until: string | null }, hubNowMs: number): number | null {
  if (!host.silenced_until) return null;
  const until = Date.parse(host.silenced_until);
  return Number.isFinite(until) && until > hubNowMs ? until : null;
}

const DAY_MS = 86_400_000;

function localDay(ms: number): number {
  const d = new Date(ms);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
}

/**
 * A coming time in the browser's zone, as short as it can be said: "14:30" today, "tomorrow
 * 09:00", else "Fri 5 Dec, 09:00" (in the locale's own order and clock).
 */
export function untilText(untilMs: number, nowMs: number, locale?: string): string {
  const time = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' }).format(untilMs);
  const days = Math.round((localDay(untilMs) - localDay(nowMs)) / DAY_MS);
  if (days === 0) return time;
  if (days === 1) return `tomorrow ${time}`;
  const options: Intl.DateTimeFormatOptions = { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' };
  if (new Date(untilMs).getFullYear() !== new Date(nowMs).getFullYear()) options.year = 'numeric';
  return new Intl.DateTimeFormat(locale, options).format(untilMs);
}

/** The form field a hub's 400 names: `seconds` is a preset's, `until` the custom end's. */
export function silenceProblemField(message: string): 'seconds' | 'until' | null {
  const match = /^(seconds|until)\b/.exec(message);
  return match ? (match[1] as 'seconds' | 'until') : null;
}
