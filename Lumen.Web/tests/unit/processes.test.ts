import { describe, expect, it } from 'vitest';
import { formatMiB, type ProcessSettings, processChanges, processRefusalField } from '../../src/lib/processes';

const saved: ProcessSettings = { processes_enabled: false, processes_top_n: 10, processes_sort_by: 'cpu', processes_redact_regex: '' };

describe('processes settings', () => {
  it('sends only what changed', () => {
    expect(processChanges(saved, { ...saved, processes_enabled: true, processes_sort_by: 'mem' })).toEqual({
      changes: { processes_enabled: true, processes_sort_by: 'mem' },
      problems: {},
    });
  });

  it('refuses a count outside 1 to 50 or not whole, and a pattern over 512 characters, before the hub is asked', () => {
    for (const n of [0, 51, 2.5, Number.NaN]) {
      expect(processChanges(saved, { ...saved, processes_top_n: n }).problems.processes_top_n).toBe('Must be a whole number from 1 to 50.');
    }
    const { changes, problems } = processChanges(saved, { ...saved, processes_top_n: 50, processes_redact_regex: 'a'.repeat(513) });
    expect(changes).toEqual({ processes_top_n: 50 });
    expect(problems).toEqual({ processes_redact_regex: 'At most 512 characters.' });
  });

  it('puts the hub’s refusal at the field it names', () => {
    expect(processRefusalField('settings: processes_redact_regex must be …')).toBeNull();
    expect(processRefusalField('processes_redact_regex: processes_redact_regex must be a regular expression')).toBe('processes_redact_regex');
    expect(processRefusalField('retention_window must be between 5m and 8760h')).toBeNull();
  });
});

describe('process memory', () => {
  it('reads as MiB, then GiB', () => {
    expect([formatMiB(3.25), formatMiB(312.25), formatMiB(2048)]).toEqual(['3.3 MiB', '312 MiB', '2.0 GiB']);
  });
});
