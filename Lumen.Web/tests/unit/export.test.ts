import { describe, expect, it } from 'vitest';
import { EXPORT_FORMATS, exportUrl } from '../../src/lib/export';

const FROM = Date.parse('2026-11-27T11:00:00Z') / 1000;
const TO = Date.parse('2026-11-27T12:00:00Z') / 1000;

function parts(url: string) {
  const parsed = new URL(url, 'http://hub.invalid');
  return { path: parsed.pathname, query: Object.fromEntries(parsed.searchParams) };
}

describe('host detail: download links', () => {
  it('ask the host’s export for the range shown, at the agent’s interval', () => {
    expect(parts(exportUrl(7, 'csv', FROM, TO, 10))).toEqual({
      path: '/api/hosts/7/metrics.csv',
      query: { from: '2026-11-27T11:00:00.000Z', to: '2026-11-27T12:00:00.000Z', step: '10s' },
    });
    expect(parts(exportUrl(7, 'parquet', FROM, TO, 10)).path).toBe('/api/hosts/7/metrics.parquet');
  });

  it('keep a fraction of a second of a live window, which the hub reads', () => {
    expect(parts(exportUrl(7, 'csv', FROM + 0.25, TO + 0.5, 5)).query).toMatchObject({ from: '2026-11-27T11:00:00.250Z', to: '2026-11-27T12:00:00.500Z' });
  });

  it('never ask for a step the hub refuses: at least 5 s, in whole seconds', () => {
    expect(parts(exportUrl(7, 'csv', FROM, TO, 2)).query.step).toBe('5s');
    expect(parts(exportUrl(7, 'csv', FROM, TO, 0)).query.step).toBe('5s');
    expect(parts(exportUrl(7, 'csv', FROM, TO, 7.5)).query.step).toBe('8s');
    expect(parts(exportUrl(7, 'csv', FROM, TO, 60)).query.step).toBe('60s');
  });

  it('offer CSV and Parquet', () => {
    expect(EXPORT_FORMATS.map((f) => f.format)).toEqual(['csv', 'parquet']);
  });
});
