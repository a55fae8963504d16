// The metrics an alert rule can watch: every scalar of the protocol mirror with the label, unit
// and bounds Lumen.Protocol's ScalarMetrics gives it, and the four events no frame carries; and
// rules said in words for the list. Loaded with the alerts page only.

import type { AlertMetricName, AlertRule, EventMetric } from './alerts';
import { type MetricScalars, scalarFields } from './protocol';
import { describeDuration, formatLoad, formatPct, formatRate, formatTemp } from './units';

/** How a metric's threshold is given: a measured value in its unit, hours for the disk forecast, or none. */
export type ThresholdKind = 'value' | 'hours' | 'none';
export type MetricUnit = '%' | 'B/s' | '°C' | '' | 'h';

export interface AlertMetricInfo {
  name: AlertMetricName;
  label: string;
  unit: MetricUnit;
  threshold: ThresholdKind;
  /** What the hub accepts as a threshold (the catalogue's bounds for a scalar). */
  min: number;
  max: number;
  /** One line for the editor: what the rule watches. */
  help: string;
}

const pct = (label: string, help: string) => ({ label, unit: '%' as const, threshold: 'value' as const, min: 0, max: 100, help });
const plain = (label: string, unit: MetricUnit, help: string) => ({ label, unit, threshold: 'value' as const, min: 0, max: Number.POSITIVE_INFINITY, help });

/** The scalars with their labels, units and bounds, as Lumen.Protocol's ScalarMetrics defines them; keyed so a new scalar fails the type check here. */
const SCALARS: Record<keyof MetricScalars, Omit<AlertMetricInfo, 'name'>> = {
  cpu_pct: pct('CPU', 'Share of CPU time busy, all cores together.'),
  ram_pct: pct('Memory', 'Share of memory in use.'),
  swap_pct: pct('Swap', 'Share of swap in use.'),
  disk_pct: pct('Disk', 'Share of the root filesystem used.'),
  load1: plain('Load 1 m', '', 'Load average over 1 minute.'),
  load5: plain('Load 5 m', '', 'Load average over 5 minutes.'),
  load15: plain('Load 15 m', '', 'Load average over 15 minutes.'),
  net_rx_bps: plain('Network in', 'B/s', 'Bytes received per second, all interfaces.'),
  net_tx_bps: plain('Network out', 'B/s', 'Bytes sent per second, all interfaces.'),
  disk_r_bps: plain('Disk read', 'B/s', 'Bytes read from disk per second.'),
  disk_w_bps: plain('Disk write', 'B/s', 'Bytes written to disk per second.'),
  temp_c: { label: 'Temperature', unit: '°C', threshold: 'value', min: -50, max: 150, help: 'The hottest sensor.' },
  cpu_steal_pct: pct('CPU steal', 'CPU time a virtual machine lost to other guests of its hypervisor.'),
};

const EVENTS: Record<EventMetric, Omit<AlertMetricInfo, 'name'>> = {
  offline: { label: 'Offline', unit: '', threshold: 'none', min: 0, max: 0, help: 'Fires when the host sends no report for the hold time, at least 60 s.' },
  container_down: {
    label: 'Container down',
    unit: '',
    threshold: 'none',
    min: 0,
    max: 0,
    help: 'Fires for each container seen running that stops or disappears.',
  },
  host_rebooted: {
    label: 'Host rebooted',
    unit: '',
    threshold: 'none',
    min: 0,
    max: 0,
    help: 'Fires once when the host boots again; it resolves at once.',
  },
  disk_full_hours: {
    label: 'Disk full soon',
    unit: 'h',
    threshold: 'hours',
    min: 0,
    max: Number.POSITIVE_INFINITY,
    help: 'Fires when the last 6 hours’ trend fills the disk within the given hours.',
  },
};

/** Every metric a rule can watch: the scalars in the catalogue's order, then the four events. */
export const ALERT_METRICS: readonly AlertMetricInfo[] = [
  ...(Object.keys(scalarFields) as (keyof MetricScalars)[]).map((name) => ({ name, ...SCALARS[name] })),
  ...(Object.keys(EVENTS) as EventMetric[]).map((name) => ({ name, ...EVENTS[name] })),
];

const BY_NAME = new Map<string, AlertMetricInfo>(ALERT_METRICS.map((m) => [m.name, m]));

/** The metric of this name; an unknown name (a newer hub's) reads as itself, without threshold. */
export function metricInfo(name: string): AlertMetricInfo {
  return BY_NAME.get(name) ?? { name: name as AlertMetricName, label: name, unit: '', threshold: 'none', min: 0, max: 0, help: '' };
}

/** A metric's value in its unit, as the dashboard writes numbers elsewhere. */
export function formatMetricValue(metric: string, value: number): string {
  const info = metricInfo(metric);
  switch (info.unit) {
    case '%':
      return formatPct(value, value % 1 === 0 ? 0 : 1);
    case 'B/s':
      return formatRate(value);
    case '°C':
      return formatTemp(value);
    case 'h':
      return `${Number(value.toFixed(1))} h`;
    default:
      return info.threshold === 'value' ? formatLoad(value) : String(value);
  }
}

/** A rule's condition in a few words: "Memory > 90 %", "Disk full within 24 h", "Offline for 2 min". */
export function describeCondition(rule: Pick<AlertRule, 'metric' | 'comparator' | 'threshold' | 'for_seconds' | 'container'>): string {
  const info = metricInfo(rule.metric);
  switch (rule.metric) {
    case 'offline':
      return `Offline for ${describeDuration(Math.max(60, rule.for_seconds))}`;
    case 'container_down':
      return rule.container ? `Container ${rule.container} down` : 'Any container down';
    case 'host_rebooted':
      return 'Host rebooted';
    case 'disk_full_hours':
      return `Disk full within ${formatMetricValue(rule.metric, rule.threshold)}`;
  }
  if (info.threshold === 'none') return info.label;
  return `${info.label} ${rule.comparator === 'lt' ? '<' : '>'} ${formatMetricValue(rule.metric, rule.threshold)}`;
}

/** How long a condition must hold, for the rules list: "at once", "5 min". Offline rules carry it in their condition. */
export function describeHold(rule: Pick<AlertRule, 'metric' | 'for_seconds'>): string {
  if (rule.metric === 'offline' || rule.metric === 'host_rebooted') return '–';
  return rule.for_seconds > 0 ? describeDuration(rule.for_seconds) : 'at once';
}

/** Which hosts a rule names, in words: the selector when set (it wins), else the names, else every host. */
export function describeTargets(rule: Pick<AlertRule, 'host' | 'host_selector'>): string {
  if (rule.host_selector.trim()) return `tags ${rule.host_selector}`;
  if (rule.host?.trim())
    return rule.host
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
      .join(', ');
  return 'every host';
}
