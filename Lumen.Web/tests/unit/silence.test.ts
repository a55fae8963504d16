import { describe, expect, it } from 'vitest';
import { customBody, MAX_SILENCE_SECONDS, presetBody, rfc3339, SILENCE_PRESETS, silencedUntil, silenceProblemField, untilText } from '../../src/lib/silence';

// vitest.config.ts runs these in Europe/Berlin: 1 h ahead of UTC in winter, 2 h in summer.
const NOW = Date.parse('2026-12-03T15:20:00Z'); // Thursday 16:20 in Berlin

describe('silence presets', () => {
  it('offer 1 h, 8 h and 24 h, each sent as seconds the hub counts from its own clock', () => {
    expect(SILENCE_PRESETS.map((p) => p.label)).toEqual(['1 h', '8 h', '24 h']);
    expect(presetBody('1h')).toEqual({ seconds: 3600 });
    expect(presetBody('8h')).toEqual({ seconds: 28_800 });
    expect(presetBody('24h')).toEqual({ seconds: 86_400 });
  });
});

describe('a custom end', () => {
  it('is the typed local time sent as RFC 3339 UTC, whole seconds without a fraction', () => {
    expect(customBody('2026-12-03T18:30', NOW)).toEqual({ body: { until: '2026-12-03T17:30:00Z' } });
    // Summer time: two hours ahead of UTC.
    expect(customBody('2027-07-01T09:00', NOW)).toEqual({ body: { until: '2027-07-01T07:00:00Z' } });
  });

  it('is refused before the request when empty, past or more than a year ahead, as the hub would', () => {
    expect(customBody('', NOW)).toEqual({ error: 'Pick the date and time the silence ends.' });
    expect(customBody('2026-12-03T16:20', NOW)).toEqual({ error: 'The end must be in the future.' });
    expect(customBody('2026-12-03T16:00', NOW)).toEqual({ error: 'The end must be in the future.' });
    // A year (365 days) from 16:20 on 3 Dec 2026 is 16:20 on 3 Dec 2027: up to it, not a minute beyond.
    expect(NOW + MAX_SILENCE_SECONDS * 1000).toBe(Date.parse('2027-12-03T15:20:00Z'));
    expect(customBody('2027-12-03T16:20', NOW)).toEqual({ body: { until: '2027-12-03T15:20:00Z' } });
    expect(customBody('2027-12-03T16:21', NOW)).toEqual({ error: 'A silence lasts at most a year.' });
  });

  it('writes instants as the hub reads them', () => {
    expect(rfc3339(Date.parse('2026-12-03T17:30:00Z'))).toBe('2026-12-03T17:30:00Z');
    expect(rfc3339(Date.parse('2026-12-03T17:30:00.250Z'))).toBe('2026-12-03T17:30:00.250Z');
  });
});

describe('whether a host is silenced', () => {
  it('only while silenced_until lies after the hub’s now', () => {
    expect(silencedUntil({ silenced_until: null }, NOW)).toBeNull();
    expect(silencedUntil({ silenced_until: '2026-12-03T16:20:00Z' }, NOW)).toBe(NOW + 3600_000);
    expect(silencedUntil({ silenced_until: '2026-12-03T15:20:00Z' }, NOW)).toBeNull();
    expect(silencedUntil({ silenced_until: 'soon' }, NOW)).toBeNull();
  });
});

describe('the end in words, in the browser’s zone', () => {
  it('is the time alone today, “tomorrow” and the time, else the day and the time', () => {
    expect(untilText(Date.parse('2026-12-03T16:20:00Z'), NOW, 'en-GB')).toBe('17:20');
    expect(untilText(Date.parse('2026-12-03T22:59:00Z'), NOW, 'en-GB')).toBe('23:59');
    // 23:00 UTC is already Friday in Berlin.
    expect(untilText(Date.parse('2026-12-03T23:00:00Z'), NOW, 'en-GB')).toBe('tomorrow 00:00');
    expect(untilText(Date.parse('2026-12-05T08:00:00Z'), NOW, 'en-GB')).toBe('Sat 5 Dec, 09:00');
    expect(untilText(Date.parse('2027-01-02T08:00:00Z'), NOW, 'en-GB')).toBe('Sat, 2 Jan 2027, 09:00');
  });
});

describe('the hub’s refusal', () => {
  it('is placed at the preset or the custom field by the word it starts with', () => {
    expect(silenceProblemField('seconds must be between 0 and 31536000 (a year); got -5')).toBe('seconds');
    expect(silenceProblemField('until (2026-12-03T15:00:00Z) must be in the future')).toBe('until');
    expect(silenceProblemField('no host with id 9')).toBeNull();
  });
});
