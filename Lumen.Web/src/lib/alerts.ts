// Alerts as the hub's API speaks them (docs/api.md, go-lumen-compat §2.1 and §2.3): rules, events
// and the stream's alert frames, and how severities rank. Each type has a key list the e2e spec
// compares with the hub's answers, so a field added or renamed on the C# side fails there. The
// metrics a rule can watch are in alert-metrics.ts, which only the alerts page loads.

import type { MetricScalars } from './protocol';

export type Severity = 'info' | 'warning' | 'critical';
export type Comparator = 'gt' | 'lt';
export type AlertState = 'firing' | 'resolved';

/** Every severity, mildest first. */
export const SEVERITIES: readonly Severity[] = ['info', 'warning', 'critical'];

/** How bad, as the hub ranks it (info 0, warning 1, critical 2); an unknown word counts as info. */
export function severityRank(severity: string): number {
  return Math.max(0, SEVERITIES.indexOf(severity as Severity));
}

/** The worse of two severities. */
export function worse(a: Severity, b: Severity): Severity {
  return severityRank(b) > severityRank(a) ? b : a;
}

/** The metrics no frame carries: judged from the frames' absence, the containers, the boot time, the disk's trend. */
export type EventMetric = 'offline' | 'container_down' | 'host_rebooted' | 'disk_full_hours';
export type AlertMetricName = keyof MetricScalars | EventMetric;

/** One rule as GET /api/alerts/rules lists it. */
export interface AlertRule {
  id: number;
  name: string;
  metric: AlertMetricName;
  comparator: Comparator;
  threshold: number;
  for_seconds: number;
  cooldown_seconds: number;
  /** A comma list of names and globs; null when the rule names no host. */
  host: string | null;
  /** `key=value` pairs, all of which must match; when set it wins over `host`. */
  host_selector: string;
  /** A container name or glob, for container_down only; empty means every container. */
  container: string;
  severity: Severity;
  enabled: boolean;
  channel_ids: number[];
  created_at: string;
  updated_at: string;
}

/** What POST and PUT /api/alerts/rules take. Unknown fields are refused, so nothing else may ride along. */
export interface AlertRuleBody {
  name: string;
  metric: AlertMetricName;
  comparator: Comparator;
  threshold: number;
  for_seconds: number;
  cooldown_seconds: number;
  host: string;
  host_selector: string;
  container: string;
  severity: Severity;
  enabled: boolean;
  /** Omitted: the rule's channel links stay as they are (none for a new rule). */
  channel_ids?: number[];
}

/** One alert event as GET /api/alerts/events and the stream's alert frames carry it. */
export interface AlertEvent {
  id: number;
  rule_id: number;
  rule_name: string;
  host_id: number;
  host: string;
  /** The container a container_down event is about; empty for others. */
  subject: string;
  metric: string;
  severity: Severity;
  state: AlertState;
  /** The value that breached; 0 when there is none. */
  value: number;
  threshold: number | null;
  message: string;
  /** Recorded while the host was silenced, in maintenance or the rule cooling down: nobody was notified. */
  suppressed: boolean;
  started_at: string;
  resolved_at: string | null;
  /** How it ended, in words ("CPU back to 41 % (below 80 %) after 10 min"); null while it fires. */
  resolved_message: string | null;
}

/** What /api/stream sends, beside the snapshot arrays, when an alert fires or resolves. */
export interface AlertStreamFrame {
  type: 'alert';
  state: AlertState;
  event: AlertEvent;
  /** The firing message, or what the resolution says (the event keeps its firing message). */
  message: string | null;
}

/** The registered hosts a rule's host fields would watch (POST /api/alerts/rules/preview). */
export interface RulePreview {
  hosts: { id: number; name: string }[];
}

type Keys<T> = { [K in keyof Required<T>]: true };
// Pure: the production bundle drops the lists, which only the e2e spec reads.
const keysOf = <T>(table: Keys<T>) => Object.keys(table) as (keyof T)[];

export const ALERT_RULE_KEYS = /* @__PURE__ */ keysOf<AlertRule>({
  id: true,
  name: true,
  metric: true,
  comparator: true,
  threshold: true,
  for_seconds: true,
  cooldown_seconds: true,
  host: true,
  host_selector: true,
  container: true,
  severity: true,
  enabled: true,
  channel_ids: true,
  created_at: true,
  updated_at: true,
});

export const ALERT_EVENT_KEYS = /* @__PURE__ */ keysOf<AlertEvent>({
  id: true,
  rule_id: true,
  rule_name: true,
  host_id: true,
  host: true,
  subject: true,
  metric: true,
  severity: true,
  state: true,
  value: true,
  threshold: true,
  message: true,
  suppressed: true,
  started_at: true,
  resolved_at: true,
  resolved_message: true,
});

export const ALERT_FRAME_KEYS = /* @__PURE__ */ keysOf<AlertStreamFrame>({ type: true, state: true, event: true, message: true });

/** Whether a parsed stream message is an alert frame (the snapshot frames are arrays). */
export function isAlertFrame(value: unknown): value is AlertStreamFrame {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const frame = value as Partial<AlertStreamFrame>;
  return frame.type === 'alert' && (frame.state === 'firing' || frame.state === 'resolved') && typeof frame.event?.id === 'number';
}
