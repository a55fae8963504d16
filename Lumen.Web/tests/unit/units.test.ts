import { describe, expect, it } from 'vitest';
import {
  describeDuration,
  formatAgo,
  formatBytes,
  formatDuration,
  formatLoad,
  formatPct,
  formatRate,
  formatTemp,
  formatUptime,
  parseDuration,
} from '../../src/lib/units';

describe('formatBytes', () => {
  it('uses binary units with at most three significant digits', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(734003200)).toBe('700 MiB');
    expect(formatBytes(4294967296)).toBe('4 GiB');
    expect(formatBytes(12.34 * 1024 ** 3)).toBe('12.3 GiB');
    expect(formatBytes(3 * 1024 ** 4)).toBe('3 TiB');
  });
  it('shows a dash for a missing value', () => {
    expect(formatBytes(null)).toBe('–');
    expect(formatBytes(NaN)).toBe('–');
  });
});

describe('formatRate', () => {
  it('appends per second', () => {
    expect(formatRate(0)).toBe('0 B/s');
    expect(formatRate(125000.5)).toBe('122 KiB/s');
    expect(formatRate(524288)).toBe('512 KiB/s');
    expect(formatRate(1.5 * 1024 * 1024)).toBe('1.5 MiB/s');
  });
});

describe('percent, temperature, load', () => {
  it('formats with their units', () => {
    expect(formatPct(12.345)).toBe('12.3 %');
    expect(formatPct(61.3, 0)).toBe('61 %');
    expect(formatPct(undefined)).toBe('–');
    expect(formatTemp(47.5)).toBe('47.5 °C');
    expect(formatLoad(0.3)).toBe('0.30');
  });
});

describe('formatUptime', () => {
  it('gives the two largest units', () => {
    expect(formatUptime(42)).toBe('42 s');
    expect(formatUptime(3 * 60 + 5)).toBe('3 min');
    expect(formatUptime(3600 * 5 + 60 * 7)).toBe('5 h 7 min');
    expect(formatUptime(864000)).toBe('10 d');
    expect(formatUptime(90061)).toBe('1 d 1 h');
    expect(formatUptime(-1)).toBe('–');
  });
});

describe('formatAgo', () => {
  it('reads as a person would say it', () => {
    const now = 1_000_000_000;
    expect(formatAgo(now - 1000, now)).toBe('just now');
    expect(formatAgo(now - 12_000, now)).toBe('12 s ago');
    expect(formatAgo(now - 5 * 60_000, now)).toBe('5 min ago');
    expect(formatAgo(now - 3 * 3_600_000, now)).toBe('3 h ago');
    expect(formatAgo(now - 2 * 86_400_000, now)).toBe('2 d ago');
    expect(formatAgo(null, now)).toBe('never');
  });
});

describe('Go durations', () => {
  it('parses what the settings API speaks, plus days', () => {
    expect(parseDuration('5s')).toBe(5);
    expect(parseDuration('1h30m')).toBe(5400);
    expect(parseDuration('720h')).toBe(30 * 86400);
    expect(parseDuration('7d')).toBe(7 * 86400);
    expect(parseDuration('1.5h')).toBe(5400);
    expect(parseDuration('0')).toBe(0);
    expect(parseDuration('')).toBeNull();
    expect(parseDuration('5 minutes')).toBeNull();
    expect(parseDuration('h')).toBeNull();
  });
  it('formats in hours, minutes and seconds as Go does', () => {
    expect(formatDuration(5)).toBe('5s');
    expect(formatDuration(5400)).toBe('1h30m');
    expect(formatDuration(7 * 86400)).toBe('168h');
    expect(formatDuration(3661)).toBe('1h1m1s');
  });
  it('describes a duration for reading', () => {
    expect(describeDuration(7 * 86400)).toBe('7 d');
    expect(describeDuration(90)).toBe('1 min 30 s');
    expect(describeDuration(0)).toBe('off');
  });
});
