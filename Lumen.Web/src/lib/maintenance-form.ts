// The maintenance window editor's model: the form as typed (start and end in the browser's zone,
// as `datetime-local` fields hold them), the body it becomes (RFC 3339 UTC, checked as
// Lumen.Hub/Maintenance/MaintenanceDraft.cs checks it), the form a window fills, and which field
// a hub's 400 or 409 names.

import type { MaintenanceBody, MaintenanceWindow } from './maintenance';
import { WEEK_MS } from './maintenance';
import { fromLocalInput, toLocalInput } from './ranges';
import { rfc3339 } from './silence';
import { parseTags, tagsToText } from './tags';

export const MAX_REASON = 256;
/** A new window lasts this long unless changed. */
const DEFAULT_SPAN_MS = 2 * 3600_000;

export interface WindowForm {
  reason: string;
  /** `datetime-local` text, the browser's zone, to the minute. */
  start: string;
  end: string;
  weekly: boolean;
  host: string;
  /** "key=value, key=value" */
  scopeTags: string;
  /** A stored window's times as the hub has them (to the millisecond) and as the fields first showed them: unchanged fields send them back exactly. */
  stored?: { start_at: string; end_at: string; start: string; end: string };
}

export type WindowField = 'reason' | 'start' | 'end' | 'recurrence' | 'host' | 'scopeTags';
export type WindowProblems = Partial<Record<WindowField, string>>;

/** A new window: from this minute for two hours, once, every host. */
export function newWindowForm(nowMs: number): WindowForm {
  const start = Math.floor(nowMs / 60_000) * 60;
  return {
    reason: '',
    start: toLocalInput(start),
    end: toLocalInput(start + DEFAULT_SPAN_MS / 1000),
    weekly: false,
    host: '',
    scopeTags: '',
  };
}

/** The form a stored window fills; its first occurrence's times in the browser's zone. */
export function formFromWindow(window: MaintenanceWindow): WindowForm {
  const start = utcToLocalInput(window.start_at);
  const end = utcToLocalInput(window.end_at);
  return {
    reason: window.reason,
    start,
    end,
    weekly: window.recurrence === 'weekly',
    host: window.host,
    scopeTags: tagsToText(window.scope_tags),
    stored: { start_at: window.start_at, end_at: window.end_at, start, end },
  };
}

/** An RFC 3339 time as a `datetime-local` field shows it: the browser's zone, to the minute. */
export function utcToLocalInput(iso: string): string {
  return toLocalInput(Date.parse(iso) / 1000);
}

/** A `datetime-local` field's text (the browser's zone) as RFC 3339 UTC; null when it holds no time. */
export function localInputToUtc(value: string): string | null {
  const seconds = value.trim() ? fromLocalInput(value) : null;
  return seconds === null ? null : rfc3339(seconds * 1000);
}

function time(typed: string, stored: string | undefined, storedText: string | undefined): string | null {
  // Unchanged, the stored time goes back to the millisecond: a started window's start must not move (409).
  if (stored !== undefined && typed === storedText) return stored;
  return localInputToUtc(typed);
}

/** The body to send, or what is wrong, field by field. */
export function windowBody(form: WindowForm): { body: MaintenanceBody } | { problems: WindowProblems } {
  const problems: WindowProblems = {};
  const startAt = time(form.start, form.stored?.start_at, form.stored?.start);
  const endAt = time(form.end, form.stored?.end_at, form.stored?.end);
  if (startAt === null) problems.start = 'Pick when the window starts.';
  if (endAt === null) problems.end = 'Pick when the window ends.';
  if (startAt !== null && endAt !== null) {
    const span = Date.parse(endAt) - Date.parse(startAt);
    if (span <= 0) problems.end = 'The end must be after the start.';
    else if (form.weekly && span >= WEEK_MS) problems.end = 'A weekly window must be shorter than a week.';
  }
  const reason = form.reason.trim();
  if (reason.length > MAX_REASON) problems.reason = `At most ${MAX_REASON} characters.`;
  const scope = parseTags(form.scopeTags);
  if ('error' in scope) problems.scopeTags = scope.error;

  if (Object.keys(problems).length > 0 || startAt === null || endAt === null || 'error' in scope) return { problems };
  return {
    body: {
      start_at: startAt,
      end_at: endAt,
      reason,
      recurrence: form.weekly ? 'weekly' : 'none',
      host: form.host.trim(),
      scope_tags: scope.tags,
    },
  };
}

/** The form field a hub's 400 or 409 names by its first word ("end_at must be after…", "start_at cannot change…"), or null for the form as a whole. */
export function windowProblemField(message: string): WindowField | null {
  const match = /^(start_at|end_at|reason|recurrence|host|scope_tags)\b/.exec(message);
  if (!match) return null;
  const byWire: Record<string, WindowField> = { start_at: 'start', end_at: 'end', scope_tags: 'scopeTags' };
  return byWire[match[1]] ?? (match[1] as WindowField);
}

/** Whether a stored window has begun, so the hub keeps its start (a change is refused with 409). */
export function hasStarted(form: WindowForm, hubNowMs: number): boolean {
  return form.stored !== undefined && Date.parse(form.stored.start_at) <= hubNowMs;
}
