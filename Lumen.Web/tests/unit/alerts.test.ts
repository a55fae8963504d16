import { describe, expect, it, vi } from 'vitest';
import { type AlertEvent, type AlertRule, type AlertStreamFrame, isAlertFrame, severityRank, worse } from '../../src/lib/alerts';
import { ALERT_METRICS, describeCondition, describeHold, describeTargets, formatMetricValue, metricInfo } from '../../src/lib/alert-metrics';
import { applyAlertFrame, FiringStore, firingByHost, firingFromList, firingSentence, sortFiring } from '../../src/lib/firing';
import { applyToHistory, eventDuration } from '../../src/lib/alert-history';
import { scalarFields } from '../../src/lib/protocol';

const T = Date.now();
const iso = (secondsAgo: number) => new Date(T - secondsAgo * 1000).toISOString();

function event(id: number, changes: Partial<AlertEvent> = {}): AlertEvent {
  return {
    id,
    rule_id: 1,
    rule_name: 'CPU busy',
    host_id: 1,
    host: 'nas',
    subject: '',
    metric: 'cpu_pct',
    severity: 'warning',
    state: 'firing',
    value: 93.2,
    threshold: 80,
    message: 'CPU 93.2 % > 80 %',
    suppressed: false,
    started_at: iso(60),
    resolved_at: null,
    resolved_message: null,
    ...changes,
  };
}

const fired = (e: AlertEvent): AlertStreamFrame => ({ type: 'alert', state: 'firing', event: e, message: e.message });
const resolved = (e: AlertEvent): AlertStreamFrame => ({
  type: 'alert',
  state: 'resolved',
  event: { ...e, state: 'resolved', resolved_at: iso(0) },
  message: 'CPU back to 12 % (below 80 %) after 1 min',
});

describe('severities', () => {
  it('rank info, warning, critical as the hub does, an unknown word as info', () => {
    expect(['critical', 'info', 'warning', 'bogus'].map(severityRank)).toEqual([2, 0, 1, 0]);
    expect(worse('warning', 'critical')).toBe('critical');
    expect(worse('critical', 'info')).toBe('critical');
  });
});

describe('the metrics a rule can watch', () => {
  it('are every scalar of the protocol mirror in its order, then the four events', () => {
    expect(ALERT_METRICS.map((m) => m.name)).toEqual([...Object.keys(scalarFields), 'offline', 'container_down', 'host_rebooted', 'disk_full_hours']);
  });
  it('carry the catalogue’s units and bounds', () => {
    expect(metricInfo('cpu_pct')).toMatchObject({ unit: '%', threshold: 'value', min: 0, max: 100 });
    expect(metricInfo('temp_c')).toMatchObject({ unit: '°C', min: -50, max: 150 });
    expect(metricInfo('net_rx_bps')).toMatchObject({ unit: 'B/s', min: 0, max: Number.POSITIVE_INFINITY });
    expect(metricInfo('disk_full_hours')).toMatchObject({ unit: 'h', threshold: 'hours' });
    for (const name of ['offline', 'container_down', 'host_rebooted']) expect(metricInfo(name).threshold).toBe('none');
    expect(metricInfo('gpu_pct')).toMatchObject({ label: 'gpu_pct', threshold: 'none' });
  });
  it('format values in their unit', () => {
    expect(formatMetricValue('ram_pct', 90)).toBe('90 %');
    expect(formatMetricValue('cpu_pct', 93.25)).toBe('93.3 %');
    expect(formatMetricValue('net_tx_bps', 100 * 1024 * 1024)).toBe('100 MiB/s');
    expect(formatMetricValue('load5', 4)).toBe('4.00');
    expect(formatMetricValue('disk_full_hours', 24)).toBe('24 h');
  });
});

describe('rules in words', () => {
  const rule = (changes: Partial<AlertRule>) =>
    ({ metric: 'ram_pct', comparator: 'gt', threshold: 90, for_seconds: 300, container: '', host: null, host_selector: '', ...changes }) as AlertRule;
  it('say the condition with its unit and comparison', () => {
    expect(describeCondition(rule({}))).toBe('Memory > 90 %');
    expect(describeCondition(rule({ metric: 'temp_c', comparator: 'lt', threshold: 5 }))).toBe('Temperature < 5.0 °C');
    expect(describeCondition(rule({ metric: 'disk_full_hours', comparator: 'lt', threshold: 12 }))).toBe('Disk full within 12 h');
    expect(describeCondition(rule({ metric: 'container_down', container: 'web-*' }))).toBe('Container web-* down');
    expect(describeCondition(rule({ metric: 'container_down' }))).toBe('Any container down');
  });
  it('give an offline rule at least the hub’s 60 s, and it carries its hold in the condition', () => {
    expect(describeCondition(rule({ metric: 'offline', for_seconds: 120 }))).toBe('Offline for 2 min');
    expect(describeCondition(rule({ metric: 'offline', for_seconds: 0 }))).toBe('Offline for 1 min');
    expect(describeHold(rule({ metric: 'offline' }))).toBe('–');
    expect(describeHold(rule({ for_seconds: 0 }))).toBe('at once');
    expect(describeHold(rule({ for_seconds: 5400 }))).toBe('1 h 30 min');
  });
  it('name the hosts: a selector wins over names, nothing is every host', () => {
    expect(describeTargets(rule({ host: 'nas,pi-*' }))).toBe('nas, pi-*');
    expect(describeTargets(rule({ host: 'nas', host_selector: 'env=home' }))).toBe('tags env=home');
    expect(describeTargets(rule({}))).toBe('every host');
  });
});

describe('stream alert frames', () => {
  it('are told from snapshot arrays and from other objects', () => {
    expect(isAlertFrame(fired(event(1)))).toBe(true);
    expect(isAlertFrame([])).toBe(false);
    expect(isAlertFrame({ type: 'alert', state: 'firing' })).toBe(false);
    expect(isAlertFrame({ type: 'other', state: 'firing', event: event(1) })).toBe(false);
    expect(isAlertFrame(null)).toBe(false);
  });
});

describe('firing alerts by host', () => {
  it('adds a firing event and removes it when it resolves', () => {
    const e = event(7);
    const one = applyAlertFrame(new Map(), fired(e));
    expect([...one.keys()]).toEqual([7]);
    expect(applyAlertFrame(one, resolved(e)).size).toBe(0);
  });
  it('leaves the set as it was when an unknown event resolves or a one-off arrives resolved', () => {
    const one = applyAlertFrame(new Map(), fired(event(7)));
    expect(applyAlertFrame(one, resolved(event(8)))).toBe(one);
    const reboot = event(9, { metric: 'host_rebooted', state: 'resolved', resolved_at: iso(0) });
    expect(applyAlertFrame(one, { type: 'alert', state: 'resolved', event: reboot, message: null })).toBe(one);
  });
  it('sums each host: count, worst severity, suppressed ones', () => {
    const byHost = firingByHost([
      event(1, { severity: 'warning' }),
      event(2, { severity: 'critical', suppressed: true }),
      event(3, { severity: 'info' }),
      event(4, { host_id: 2, host: 'pi', severity: 'info' }),
    ]);
    expect(byHost.get(1)).toEqual({ count: 3, worst: 'critical', suppressed: 1 });
    expect(byHost.get(2)).toEqual({ count: 1, worst: 'info', suppressed: 0 });
    expect(byHost.get(3)).toBeUndefined();
  });
  it('says a badge in words', () => {
    expect(firingSentence({ count: 1, worst: 'warning', suppressed: 0 })).toBe('1 firing alert, warning');
    expect(firingSentence({ count: 3, worst: 'critical', suppressed: 1 })).toBe('3 firing alerts, worst critical (1 suppressed)');
  });
  it('lists the worst first, then the newest', () => {
    const sorted = sortFiring([event(1, { started_at: iso(50) }), event(2, { severity: 'critical', started_at: iso(500) }), event(3, { started_at: iso(5) })]);
    expect(sorted.map((e) => e.id)).toEqual([2, 3, 1]);
  });
  it('applies frames that arrived during a fetch on top of its answer', () => {
    const stale = [event(1), event(2)];
    const firing = firingFromList(stale, [resolved(event(1)), fired(event(3))]);
    expect([...firing.keys()].sort()).toEqual([2, 3]);
  });
});

describe('the firing store', () => {
  it('fetches when its first reader subscribes, and tells readers of frames', async () => {
    const fetchFiring = vi.fn(async () => [event(1)]);
    const store = new FiringStore({ fetchFiring, resyncMs: 0 });
    const listener = vi.fn();
    const stop = store.subscribe(listener);
    await vi.waitFor(() => expect(store.getSnapshot().loaded).toBe(true));
    expect(fetchFiring).toHaveBeenCalledTimes(1);
    expect(store.getSnapshot().byHost.get(1)?.count).toBe(1);
    store.apply(fired(event(2, { severity: 'critical' })));
    expect(store.getSnapshot().byHost.get(1)).toEqual({ count: 2, worst: 'critical', suppressed: 0 });
    expect(listener).toHaveBeenCalledTimes(2);
    stop();
  });

  it('keeps a resolution that arrives while a fetch is in flight, though the answer still lists the event', async () => {
    let answer: (list: AlertEvent[]) => void = () => undefined;
    const store = new FiringStore({ fetchFiring: () => new Promise((ok) => (answer = ok)), resyncMs: 0 });
    store.subscribe(() => undefined);
    store.apply(resolved(event(1)));
    answer([event(1), event(2)]);
    await vi.waitFor(() => expect(store.getSnapshot().loaded).toBe(true));
    expect(store.getSnapshot().events.map((e) => e.id)).toEqual([2]);
  });

  it('fetches once more after a fetch when asked during it, and not at all without readers', async () => {
    const answers: ((list: AlertEvent[]) => void)[] = [];
    const fetchFiring = vi.fn(() => new Promise<AlertEvent[]>((ok) => answers.push(ok)));
    const store = new FiringStore({ fetchFiring, resyncMs: 0 });
    await store.resync();
    expect(fetchFiring).not.toHaveBeenCalled();
    store.subscribe(() => undefined);
    void store.resync();
    void store.resync();
    expect(fetchFiring).toHaveBeenCalledTimes(1);
    answers[0]([]);
    await vi.waitFor(() => expect(fetchFiring).toHaveBeenCalledTimes(2));
    answers[1]([event(5)]);
    await vi.waitFor(() => expect(store.getSnapshot().events.map((e) => e.id)).toEqual([5]));
  });

  it('says why a fetch failed and keeps what it had', async () => {
    const store = new FiringStore({
      fetchFiring: async () => {
        throw new Error('The hub cannot be reached. Is it running?');
      },
      resyncMs: 0,
    });
    store.subscribe(() => undefined);
    store.apply(fired(event(1)));
    await vi.waitFor(() => expect(store.getSnapshot().error).toContain('cannot be reached'));
    expect(store.getSnapshot().events.map((e) => e.id)).toEqual([1]);
  });
});

describe('the history', () => {
  const older = event(1, { state: 'resolved', started_at: iso(600), resolved_at: iso(500) });
  it('puts a resolved event first among the resolved, and leaves a firing one out', () => {
    const list = applyToHistory([older], resolved(event(2, { started_at: iso(100) })), 'resolved');
    expect(list.map((e) => e.id)).toEqual([2, 1]);
    expect(applyToHistory(list, fired(event(3)), 'resolved')).toBe(list);
  });
  it('shows every event in the all view, a resolution replacing its firing row', () => {
    let list = applyToHistory([older], fired(event(2, { started_at: iso(100) })), 'all');
    expect(list.map((e) => [e.id, e.state])).toEqual([
      [2, 'firing'],
      [1, 'resolved'],
    ]);
    list = applyToHistory(list, resolved(event(2, { started_at: iso(100) })), 'all');
    expect(list.map((e) => [e.id, e.state])).toEqual([
      [2, 'resolved'],
      [1, 'resolved'],
    ]);
  });
  it('says how long an event lasted, or has so far', () => {
    expect(eventDuration(older, T)).toBe('1 min 40 s');
    expect(eventDuration(event(2, { started_at: iso(3600) }), T)).toBe('1 h');
    expect(eventDuration(event(3, { started_at: iso(0), resolved_at: iso(0), state: 'resolved' }), T)).toBe('under 1 s');
  });
});
