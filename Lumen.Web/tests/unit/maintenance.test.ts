import { describe, expect, it } from 'vitest';
import {
  coveredHosts,
  describeCoverage,
  describeCovered,
  describeSpan,
  describeWhen,
  type MaintenanceWindow,
  nextChange,
  occurrenceAt,
  recurrenceLabel,
  windowState,
} from '../../src/lib/maintenance';
import {
  formFromWindow,
  hasStarted,
  localInputToUtc,
  newWindowForm,
  utcToLocalInput,
  type WindowForm,
  windowBody,
  windowProblemField,
} from '../../src/lib/maintenance-form';

// vitest.config.ts runs these in Europe/Berlin: 1 h ahead of UTC in winter, 2 h in summer.
const NOW = Date.parse('2026-12-03T15:20:00Z'); // Thursday 16:20 in Berlin
const H = 3600_000;
const DAY = 24 * H;

function window(changes: Partial<MaintenanceWindow> = {}): MaintenanceWindow {
  return {
    id: 3,
    reason: 'router firmware',
    // Friday 4 Dec, 22:00 to Saturday 02:00 in Berlin.
    start_at: '2026-12-04T21:00:00Z',
    end_at: '2026-12-05T01:00:00Z',
    recurrence: 'none',
    host: 'nas, web-*',
    scope_tags: { env: 'home' },
    created_at: '2026-12-01T10:00:00Z',
    ...changes,
  };
}

const bodyOf = (f: WindowForm) => {
  const result = windowBody(f);
  if (!('body' in result)) throw new Error(`problems: ${JSON.stringify(result.problems)}`);
  return result.body;
};
const problemsOf = (f: WindowForm) => {
  const result = windowBody(f);
  if (!('problems' in result)) throw new Error('expected problems');
  return result.problems;
};

describe('where a window stands', () => {
  it('a one-off window is upcoming, then running from its start (inclusive) to its end (exclusive), then past', () => {
    const w = window();
    const start = Date.parse(w.start_at);
    const end = Date.parse(w.end_at);
    expect(windowState(w, NOW)).toBe('upcoming');
    expect(windowState(w, start)).toBe('active');
    expect(windowState(w, end - 1)).toBe('active');
    expect(windowState(w, end)).toBe('past');
    expect(occurrenceAt(w, end)).toBeNull();
  });

  it('a weekly window comes back every 7 × 24 h from its first occurrence, for ever', () => {
    const w = window({ recurrence: 'weekly', start_at: '2026-11-06T21:00:00Z', end_at: '2026-11-07T01:00:00Z' });
    const first = Date.parse(w.start_at);
    // Four weeks on, running: the current occurrence.
    expect(occurrenceAt(w, first + 4 * 7 * DAY + H)).toEqual({ start: first + 4 * 7 * DAY, end: first + 4 * 7 * DAY + 4 * H });
    expect(windowState(w, first + 4 * 7 * DAY + H)).toBe('active');
    // Between occurrences: the next one.
    expect(occurrenceAt(w, NOW)).toEqual({ start: first + 4 * 7 * DAY, end: first + 4 * 7 * DAY + 4 * H });
    expect(windowState(w, NOW)).toBe('upcoming');
    expect(windowState(w, first + 400 * 7 * DAY)).toBe('active');
  });

  it('the list changes next at the soonest start or end of any window', () => {
    const running = window({ id: 1, start_at: '2026-12-03T15:00:00Z', end_at: '2026-12-03T17:00:00Z' });
    const coming = window({ id: 2 });
    const over = window({ id: 4, start_at: '2026-12-01T10:00:00Z', end_at: '2026-12-01T11:00:00Z' });
    expect(nextChange([coming, running, over], NOW)).toBe(Date.parse('2026-12-03T17:00:00Z'));
    expect(nextChange([coming], NOW)).toBe(Date.parse(coming.start_at));
    expect(nextChange([over], NOW)).toBeNull();
  });
});

describe('how a window reads', () => {
  it('weekly windows say the weekday and times in the browser’s zone; a one-off says once', () => {
    expect(recurrenceLabel(window(), 'en-GB')).toBe('Once');
    expect(recurrenceLabel(window({ recurrence: 'weekly' }), 'en-GB')).toBe('Every Friday 22:00 – Saturday 02:00');
    expect(recurrenceLabel(window({ recurrence: 'weekly', start_at: '2026-12-06T08:00:00Z', end_at: '2026-12-06T10:30:00Z' }), 'en-GB')).toBe(
      'Every Sunday 09:00–11:30',
    );
    // 23:30 UTC on a Sunday is Monday in Berlin.
    expect(recurrenceLabel(window({ recurrence: 'weekly', start_at: '2026-12-06T23:30:00Z', end_at: '2026-12-07T00:30:00Z' }), 'en-GB')).toBe(
      'Every Monday 00:30–01:30',
    );
  });

  it('says when it ends, starts or ended, to the minute', () => {
    expect(describeWhen(window(), NOW)).toBe('starts in 1 d 5 h');
    expect(describeWhen(window({ start_at: '2026-12-03T15:00:00Z', end_at: '2026-12-03T16:40:00Z' }), NOW)).toBe('ends in 1 h 20 min');
    expect(describeWhen(window({ start_at: '2026-12-03T15:00:00Z', end_at: '2026-12-03T15:20:20Z' }), NOW)).toBe('ends in 1 min');
    expect(describeWhen(window({ start_at: '2026-12-01T10:00:00Z', end_at: '2026-12-01T11:00:00Z' }), NOW)).toBe('ended 2 d 4 h ago');
  });

  it('shows the occurrence the list is about, with the end’s day only when it differs', () => {
    expect(describeSpan(window(), NOW, 'en-GB')).toBe('Fri, 4 Dec 2026, 22:00 → Sat, 5 Dec 2026, 02:00');
    expect(describeSpan(window({ start_at: '2026-12-04T08:00:00Z', end_at: '2026-12-04T10:00:00Z' }), NOW, 'en-GB')).toBe('Fri, 4 Dec 2026, 09:00 → 11:00');
    // A weekly window started weeks ago: its next occurrence.
    expect(describeSpan(window({ recurrence: 'weekly', start_at: '2026-11-06T08:00:00Z', end_at: '2026-11-06T10:00:00Z' }), NOW, 'en-GB')).toBe(
      'Fri, 4 Dec 2026, 09:00 → 11:00',
    );
  });

  it('names the hosts by pattern and scope tags', () => {
    expect(describeCoverage({ host: '', scope_tags: {} })).toBe('every host');
    expect(describeCoverage({ host: 'nas,web-*', scope_tags: {} })).toBe('nas, web-*');
    expect(describeCoverage({ host: 'web-*', scope_tags: { env: 'home' } })).toBe('web-* with env=home');
    expect(describeCoverage({ host: '', scope_tags: { env: 'home', role: 'nas' } })).toBe('hosts with env=home, role=nas');
  });
});

describe('the hosts a window covers', () => {
  const byName = [
    { id: 1, name: 'nas' },
    { id: 2, name: 'web-1' },
    { id: 3, name: 'web-2' },
  ];
  const tags = new Map<number, Record<string, string>>([
    [1, { env: 'Home' }],
    [2, { env: 'home', role: 'web' }],
    [3, { env: 'lab' }],
  ]);

  it('are the ones its names match, narrowed by scope tags whose values match ignoring case', () => {
    expect(coveredHosts(byName, tags, {}).map((h) => h.name)).toEqual(['nas', 'web-1', 'web-2']);
    expect(coveredHosts(byName, tags, { env: 'HOME' }).map((h) => h.name)).toEqual(['nas', 'web-1']);
    expect(coveredHosts(byName, tags, { env: 'home', role: 'web' }).map((h) => h.name)).toEqual(['web-1']);
    // Keys match exactly, as host tag keys are written.
    expect(coveredHosts(byName, tags, { ENV: 'home' })).toEqual([]);
    expect(coveredHosts(byName, new Map(), { env: 'home' })).toEqual([]);
  });

  it('are counted in a sentence that says when every host is meant', () => {
    expect(describeCovered(3, true)).toBe('Covers every host (3 hosts):');
    expect(describeCovered(0, true)).toBe('Covers every host; none is registered yet.');
    expect(describeCovered(1, false)).toBe('Covers 1 host:');
    expect(describeCovered(0, false)).toBe('Covers no registered host yet.');
  });
});

describe('the window form', () => {
  it('starts this minute and lasts two hours, once, on every host', () => {
    const form = newWindowForm(NOW + 42_000);
    expect(form).toMatchObject({ start: '2026-12-03T16:20', end: '2026-12-03T18:20', weekly: false, host: '', scopeTags: '', reason: '' });
    expect(bodyOf(form)).toEqual({
      start_at: '2026-12-03T15:20:00Z',
      end_at: '2026-12-03T17:20:00Z',
      reason: '',
      recurrence: 'none',
      host: '',
      scope_tags: {},
    });
  });

  it('sends local times as UTC, in winter and in summer', () => {
    expect(localInputToUtc('2026-12-04T22:00')).toBe('2026-12-04T21:00:00Z');
    expect(localInputToUtc('2027-07-02T22:00')).toBe('2027-07-02T20:00:00Z');
    expect(localInputToUtc('')).toBeNull();
    expect(localInputToUtc('tomorrow')).toBeNull();
    expect(utcToLocalInput('2026-12-04T21:00:00Z')).toBe('2026-12-04T22:00');
    expect(utcToLocalInput('2027-07-02T20:00:00Z')).toBe('2027-07-02T22:00');
  });

  it('round-trips a stored window, sending its times back to the millisecond when untouched', () => {
    const stored = window({ recurrence: 'weekly', start_at: '2026-12-04T21:00:07.250Z', end_at: '2026-12-05T01:00:00Z' });
    const form = formFromWindow(stored);
    expect(form).toMatchObject({
      reason: 'router firmware',
      start: '2026-12-04T22:00',
      end: '2026-12-05T02:00',
      weekly: true,
      host: 'nas, web-*',
      scopeTags: 'env=home',
    });
    expect(bodyOf(form)).toEqual({
      start_at: '2026-12-04T21:00:07.250Z',
      end_at: '2026-12-05T01:00:00Z',
      reason: 'router firmware',
      recurrence: 'weekly',
      host: 'nas, web-*',
      scope_tags: { env: 'home' },
    });
    // Only the end moved: the start stays exactly as stored.
    expect(bodyOf({ ...form, end: '2026-12-05T03:30' })).toMatchObject({ start_at: '2026-12-04T21:00:07.250Z', end_at: '2026-12-05T02:30:00Z' });
  });

  it('trims the reason, the names and the tags', () => {
    const body = bodyOf({ ...newWindowForm(NOW), reason: '  kernel update ', host: ' nas ', scopeTags: ' env = home , role=nas ' });
    expect(body).toMatchObject({ reason: 'kernel update', host: 'nas', scope_tags: { env: 'home', role: 'nas' } });
  });

  it('names what is wrong at its field before the request', () => {
    const form = newWindowForm(NOW);
    expect(problemsOf({ ...form, start: '' })).toEqual({ start: 'Pick when the window starts.' });
    expect(problemsOf({ ...form, end: form.start })).toEqual({ end: 'The end must be after the start.' });
    expect(problemsOf({ ...form, end: '2026-12-03T15:00' })).toEqual({ end: 'The end must be after the start.' });
    expect(problemsOf({ ...form, weekly: true, end: '2026-12-10T16:20' })).toEqual({ end: 'A weekly window must be shorter than a week.' });
    expect('body' in windowBody({ ...form, end: '2026-12-10T16:20' })).toBe(true);
    expect(problemsOf({ ...form, reason: 'x'.repeat(257) })).toEqual({ reason: 'At most 256 characters.' });
    expect(problemsOf({ ...form, scopeTags: 'env' })).toEqual({ scopeTags: '“env” is not key=value.' });
  });

  it('knows a stored window that has begun keeps its start', () => {
    const form = formFromWindow(window());
    expect(hasStarted(form, NOW)).toBe(false);
    expect(hasStarted(form, Date.parse('2026-12-04T21:00:00Z'))).toBe(true);
    expect(hasStarted(newWindowForm(NOW), NOW + H)).toBe(false);
  });

  it('places the hub’s 400 and 409 at the field they name', () => {
    expect(windowProblemField('end_at (2026-12-05T21:00:00Z) must be after start_at (2026-12-05T22:00:00Z)')).toBe('end');
    expect(windowProblemField('end_at must be less than 7 days after start_at for a weekly window')).toBe('end');
    expect(windowProblemField('start_at cannot change: the window started at 2026-12-03T15:00:00Z; change end_at, or delete it and add a new one')).toBe(
      'start',
    );
    expect(windowProblemField("host: host pattern 'web-[' has a '[' without its ']'")).toBe('host');
    expect(windowProblemField("scope_tags: tag key 'a b' may only hold letters, digits, '.', '_' and '-'")).toBe('scopeTags');
    expect(windowProblemField('reason is longer than 256 characters')).toBe('reason');
    expect(windowProblemField('no maintenance window with id 7')).toBeNull();
  });
});
