import { describe, expect, it } from 'vitest';
import type { AlertRule } from '../../src/lib/alerts';
import {
  bodyFromRule,
  describePreview,
  durationReads,
  formFromRule,
  metricFields,
  newRuleForm,
  previewNames,
  problemField,
  type RuleForm,
  ruleBody,
  withMetric,
} from '../../src/lib/alert-rule-form';

const MiB = 1024 * 1024;

function rule(changes: Partial<AlertRule> = {}): AlertRule {
  return {
    id: 4,
    name: 'Memory high',
    metric: 'ram_pct',
    comparator: 'gt',
    threshold: 90,
    for_seconds: 300,
    cooldown_seconds: 3600,
    host: 'nas,pi-*',
    host_selector: '',
    container: '',
    severity: 'critical',
    enabled: true,
    channel_ids: [2],
    created_at: new Date().toISOString(),
    updated_at: new Date().toISOString(),
    ...changes,
  };
}

const form = (changes: Partial<RuleForm> = {}): RuleForm => ({ ...newRuleForm(), name: 'CPU busy', ...changes });
const bodyOf = (f: RuleForm) => {
  const result = ruleBody(f);
  if (!('body' in result)) throw new Error(`problems: ${JSON.stringify(result.problems)}`);
  return result.body;
};
const problemsOf = (f: RuleForm) => {
  const result = ruleBody(f);
  if (!('problems' in result)) throw new Error('expected problems');
  return result.problems;
};

describe('the fields a metric has', () => {
  it('a scalar has a comparator and a threshold in its unit', () => {
    expect(metricFields('cpu_pct')).toMatchObject({ threshold: 'value', comparator: true, unit: '%', container: false, hold: true, rate: false });
    expect(metricFields('net_rx_bps')).toMatchObject({ threshold: 'value', unit: 'B/s', rate: true });
    expect(metricFields('load1')).toMatchObject({ threshold: 'value', unit: '' });
  });
  it('the events have no threshold; the disk forecast has hours and no comparator', () => {
    for (const metric of ['offline', 'container_down', 'host_rebooted'] as const)
      expect(metricFields(metric)).toMatchObject({ threshold: 'none', comparator: false });
    expect(metricFields('disk_full_hours')).toMatchObject({ threshold: 'hours', comparator: false, unit: 'h' });
  });
  it('only container_down has a container; a reboot does not hold; offline holds as "offline after"', () => {
    expect(metricFields('container_down').container).toBe(true);
    expect(metricFields('host_rebooted').hold).toBe(false);
    expect(metricFields('offline').holdLabel).toBe('Offline after');
  });
});

describe('changing the metric', () => {
  it('keeps the threshold while the unit stays, and picks one that means something when it changes', () => {
    expect(withMetric(form({ threshold: '75' }), 'ram_pct').threshold).toBe('75');
    expect(withMetric(form({ threshold: '75' }), 'temp_c').threshold).toBe('80');
    expect(withMetric(form(), 'net_tx_bps')).toMatchObject({ threshold: '100', rateFactor: MiB });
    expect(withMetric(form(), 'disk_full_hours')).toMatchObject({ threshold: '24', comparator: 'lt' });
    expect(withMetric(form({ comparator: 'lt' }), 'offline')).toMatchObject({ threshold: '', comparator: 'gt' });
  });
  it('gives an offline rule a hold of at least the hub’s minute', () => {
    expect(withMetric(form({ hold: '0s' }), 'offline').hold).toBe('2m');
    expect(withMetric(form({ hold: '10m' }), 'offline').hold).toBe('10m');
  });
});

describe('form to body', () => {
  it('sends a scalar rule with seconds, trimmed names and no container', () => {
    expect(bodyOf(form({ name: '  CPU busy ', threshold: '85.5', hold: '5m', cooldown: '1h', host: ' nas, pi-* ', container: 'web' }))).toEqual({
      name: 'CPU busy',
      metric: 'cpu_pct',
      comparator: 'gt',
      threshold: 85.5,
      for_seconds: 300,
      cooldown_seconds: 3600,
      host: 'nas, pi-*',
      host_selector: '',
      container: '',
      severity: 'warning',
      enabled: true,
      channel_ids: [],
    });
  });
  it('sends the chosen channels, none meaning every enabled channel', () => {
    expect(bodyOf(form({ channelIds: [3, 7] })).channel_ids).toEqual([3, 7]);
    expect(bodyOf(form()).channel_ids).toEqual([]);
  });
  it('sends a rate in bytes per second', () => {
    expect(bodyOf(form({ metric: 'net_rx_bps', threshold: '12.5', rateFactor: MiB })).threshold).toBe(12.5 * MiB);
  });
  it('sends the events without threshold, the disk forecast as lt, a container glob only for container_down', () => {
    expect(bodyOf(form({ metric: 'offline', threshold: '', comparator: 'lt', hold: '2m' }))).toMatchObject({
      comparator: 'gt',
      threshold: 0,
      for_seconds: 120,
    });
    expect(bodyOf(form({ metric: 'disk_full_hours', threshold: '12', comparator: 'gt' }))).toMatchObject({ comparator: 'lt', threshold: 12 });
    expect(bodyOf(form({ metric: 'container_down', threshold: '', container: ' web-* ' }))).toMatchObject({ container: 'web-*', threshold: 0 });
    expect(bodyOf(form({ metric: 'host_rebooted', threshold: '', hold: 'whatever' }))).toMatchObject({ for_seconds: 0 });
  });
  it('names each problem at its field', () => {
    expect(problemsOf(form({ name: ' ', threshold: 'lots', hold: '2 minutes', cooldown: '8d' }))).toEqual({
      name: 'Give the rule a name.',
      threshold: 'Give a number.',
      hold: 'Use a duration in whole seconds, such as 0s, 90s, 5m or 1h.',
      cooldown: 'Cooldown can be at most 7 d.',
    });
    expect(problemsOf(form({ threshold: '101' })).threshold).toBe('Must be 0 to 100.');
    expect(problemsOf(form({ metric: 'load1', threshold: '-1' })).threshold).toBe('Must be at least 0.');
    expect(problemsOf(form({ metric: 'temp_c', threshold: '-60' })).threshold).toBe('Must be -50 to 150.');
    expect(problemsOf(form({ metric: 'disk_full_hours', threshold: '0' })).threshold).toBe('Must be more than 0 hours.');
    expect(problemsOf(form({ hold: '25h' })).hold).toBe('For can be at most 1 d.');
    expect(problemsOf(form({ name: 'x'.repeat(129) })).name).toBe('At most 128 characters.');
  });
});

describe('rule to form and back', () => {
  it('fills the form from a rule and gives the same body back, its channel links included', () => {
    const r = rule();
    const f = formFromRule(r);
    expect(f).toMatchObject({ name: 'Memory high', threshold: '90', hold: '5m', cooldown: '1h', host: 'nas,pi-*', severity: 'critical', channelIds: [2] });
    const { id, created_at, updated_at, ...rest } = r;
    expect(bodyOf(f)).toEqual({ ...rest, host: 'nas,pi-*' });
  });
  it('shows a rate in the largest unit that shows it exactly', () => {
    expect(formFromRule(rule({ metric: 'net_rx_bps', threshold: 100 * MiB }))).toMatchObject({ threshold: '100', rateFactor: MiB });
    expect(formFromRule(rule({ metric: 'net_rx_bps', threshold: 1536 }))).toMatchObject({ threshold: '1.5', rateFactor: 1024 });
    expect(formFromRule(rule({ metric: 'net_rx_bps', threshold: 1000 }))).toMatchObject({ threshold: '1000', rateFactor: 1 });
    expect(formFromRule(rule({ metric: 'net_rx_bps', threshold: 0 }))).toMatchObject({ threshold: '0', rateFactor: 1 });
  });
  it('leaves the threshold empty for the events and shows a null host as empty', () => {
    expect(formFromRule(rule({ metric: 'offline', threshold: 0, host: null }))).toMatchObject({ threshold: '', host: '', hold: '5m' });
  });
  it('turns a rule on or off as it is', () => {
    const { channel_ids, id, created_at, updated_at, ...rest } = rule();
    expect(bodyFromRule(rule(), { enabled: false })).toEqual({ ...rest, enabled: false });
    expect(bodyFromRule(rule({ host: null })).host).toBe('');
  });
});

describe('the hub’s refusals', () => {
  it('land at the field their first word names', () => {
    expect(problemField('threshold is required for cpu_pct')).toBe('threshold');
    expect(problemField('threshold 120 is outside what cpu_pct can be (0 to 100)')).toBe('threshold');
    expect(problemField('for_seconds must be between 0 and 86400')).toBe('hold');
    expect(problemField('cooldown_seconds must be between 0 and 604800')).toBe('cooldown');
    expect(problemField("host: host pattern 'a[' has a '[' without its ']'")).toBe('host');
    expect(problemField('host_selector: tag key "!" is not valid')).toBe('hostSelector');
    expect(problemField("container pattern 'a[' has a '[' without its ']'")).toBe('container');
    expect(problemField('name must be 1 to 128 characters')).toBe('name');
  });
  it('a channel that no longer exists at the channel picker', () => {
    expect(problemField('channel_ids: no channel with id 3')).toBe('channels');
  });
  it('or under the form when they name none', () => {
    expect(problemField('The hub cannot be reached. Is it running?')).toBeNull();
  });
});

describe('durations and the preview in words', () => {
  it('reads a typed duration', () => {
    expect(durationReads('90s')).toBe('1 min 30 s');
    expect(durationReads('0s')).toBe('at once');
    expect(durationReads('0', 'none')).toBe('none');
    expect(durationReads('soon')).toBeNull();
  });
  it('says which hosts match and what chose them', () => {
    const two = {
      hosts: [
        { id: 1, name: 'nas' },
        { id: 2, name: 'pi-kitchen' },
      ],
    };
    expect(describePreview(two, '', '')).toBe('Watches every host (2 hosts):');
    expect(describePreview(two, 'nas, pi-*', '')).toBe('Watches 2 hosts, chosen by these names:');
    expect(describePreview({ hosts: [two.hosts[0]] }, 'nas', 'env=home')).toBe('Watches 1 host, chosen by the tag selector:');
    expect(describePreview({ hosts: [] }, 'nope', '')).toBe('No registered host matches these names yet.');
    expect(describePreview({ hosts: [] }, '', '')).toBe('No host is registered yet.');
  });
  it('lists the first names and counts the rest', () => {
    const many = { hosts: Array.from({ length: 15 }, (_, i) => ({ id: i, name: `h${i}` })) };
    expect(previewNames(many)).toEqual({ names: many.hosts.slice(0, 12).map((h) => h.name), more: 3 });
  });
});
