// The rule editor's model: the form as the user types it, which fields the chosen metric has,
// the body it becomes (checked with the hub's rules, Lumen.Hub/Alerts/Rules/AlertRuleCheck.cs,
// so a slip is named at its field before the request), the form an existing rule fills, and
// which field a hub's 400 names. Durations are typed as the settings take them ("90s", "5m").

import type { AlertMetricName, AlertRule, AlertRuleBody, Comparator, RulePreview, Severity } from './alerts';
import { metricInfo, type ThresholdKind } from './alert-metrics';
import { describeDuration, formatDuration, parseDuration } from './units';

export const MAX_NAME = 128;
export const LONGEST_FOR_SECONDS = 24 * 3600;
export const LONGEST_COOLDOWN_SECONDS = 7 * 86400;
/** An offline rule never fires sooner, whatever its hold (HostAlerts.MinOfflineWindow). */
export const MIN_OFFLINE_SECONDS = 60;

/** Rates are typed in binary units, as the dashboard shows them; the hub stores bytes per second. */
export const RATE_UNITS = [
  { label: 'B/s', factor: 1 },
  { label: 'KiB/s', factor: 1024 },
  { label: 'MiB/s', factor: 1024 ** 2 },
  { label: 'GiB/s', factor: 1024 ** 3 },
] as const;

export interface RuleForm {
  name: string;
  metric: AlertMetricName;
  comparator: Comparator;
  threshold: string;
  /** For a B/s metric, the factor of the unit the threshold is typed in. */
  rateFactor: number;
  hold: string;
  cooldown: string;
  host: string;
  hostSelector: string;
  container: string;
  severity: Severity;
  enabled: boolean;
  /** The notification channels it sends to; none means every enabled channel. */
  channelIds: number[];
}

export type RuleField = 'name' | 'metric' | 'comparator' | 'threshold' | 'hold' | 'cooldown' | 'host' | 'hostSelector' | 'container' | 'severity' | 'channels';
export type RuleProblems = Partial<Record<RuleField, string>>;

/** What the editor shows for a metric. */
export interface MetricFields {
  threshold: ThresholdKind;
  /** Above or below: only a measured value has the choice (the disk forecast is always "within"). */
  comparator: boolean;
  container: boolean;
  /** Whether the rule holds before firing; a reboot fires at once. */
  hold: boolean;
  holdLabel: string;
  holdHint: string;
  /** The unit shown beside the threshold; rates choose theirs. */
  unit: string;
  rate: boolean;
}

export function metricFields(metric: AlertMetricName): MetricFields {
  const info = metricInfo(metric);
  const base: MetricFields = {
    threshold: info.threshold,
    comparator: info.threshold === 'value',
    container: metric === 'container_down',
    hold: metric !== 'host_rebooted',
    holdLabel: 'For',
    holdHint: 'How long the condition must hold before the alert fires; 0s fires at once. Up to 24 h.',
    unit: info.unit,
    rate: info.unit === 'B/s',
  };
  if (metric === 'offline')
    return { ...base, holdLabel: 'Offline after', holdHint: 'No report for this long fires the alert; never sooner than 60 s. Up to 24 h.' };
  return base;
}

/** A new rule's form: CPU above 90 % for 5 minutes, on every host. */
export function newRuleForm(): RuleForm {
  return {
    name: '',
    metric: 'cpu_pct',
    comparator: 'gt',
    threshold: '90',
    rateFactor: 1,
    hold: '5m',
    cooldown: '0s',
    host: '',
    hostSelector: '',
    container: '',
    severity: 'warning',
    enabled: true,
    channelIds: [],
  };
}

/** A threshold to start from when the metric's kind of threshold changes: a number that means something in its unit. */
function defaultThreshold(metric: AlertMetricName): Pick<RuleForm, 'threshold' | 'rateFactor'> {
  const info = metricInfo(metric);
  if (info.threshold === 'hours') return { threshold: '24', rateFactor: 1 };
  if (info.threshold === 'none') return { threshold: '', rateFactor: 1 };
  if (info.unit === 'B/s') return { threshold: '100', rateFactor: 1024 ** 2 };
  if (info.unit === '°C') return { threshold: '80', rateFactor: 1 };
  if (info.unit === '') return { threshold: '4', rateFactor: 1 };
  return { threshold: '90', rateFactor: 1 };
}

/** The form after choosing another metric: the threshold kept while its unit stays, else a sensible one for the new unit; an offline rule holds at least 60 s. */
export function withMetric(form: RuleForm, metric: AlertMetricName): RuleForm {
  const before = metricInfo(form.metric);
  const after = metricInfo(metric);
  const sameUnit = before.threshold === after.threshold && before.unit === after.unit;
  const next: RuleForm = { ...form, metric, ...(sameUnit ? {} : defaultThreshold(metric)) };
  if (after.threshold !== 'value') next.comparator = after.threshold === 'hours' ? 'lt' : 'gt';
  if (metric === 'offline' && (parseDuration(form.hold) ?? 0) < MIN_OFFLINE_SECONDS) next.hold = '2m';
  return next;
}

/** The form an existing rule fills: a rate in the largest unit that shows it exactly, durations as the settings write them. */
export function formFromRule(rule: AlertRule): RuleForm {
  const info = metricInfo(rule.metric);
  let threshold = info.threshold === 'none' ? '' : String(rule.threshold);
  let rateFactor = 1;
  if (info.unit === 'B/s') {
    const unit = [...RATE_UNITS].reverse().find((u) => u.factor <= rule.threshold && exact(rule.threshold, u.factor));
    rateFactor = unit?.factor ?? 1;
    threshold = String(rule.threshold / rateFactor);
  }
  return {
    name: rule.name,
    metric: rule.metric,
    comparator: rule.comparator,
    threshold,
    rateFactor,
    hold: formatDuration(rule.for_seconds),
    cooldown: formatDuration(rule.cooldown_seconds),
    host: rule.host ?? '',
    hostSelector: rule.host_selector,
    container: rule.container,
    severity: rule.severity,
    enabled: rule.enabled,
    channelIds: [...(rule.channel_ids ?? [])],
  };
}

/** Whether a value reads back exactly in this unit with at most two decimals. */
function exact(value: number, factor: number): boolean {
  const shown = Number((value / factor).toFixed(2));
  return shown * factor === value;
}

function durationField(text: string, longest: number, what: string): { seconds: number } | { error: string } {
  const seconds = parseDuration(text);
  if (seconds === null || !Number.isInteger(seconds)) return { error: 'Use a duration in whole seconds, such as 0s, 90s, 5m or 1h.' };
  if (seconds > longest) return { error: `${what} can be at most ${describeDuration(longest)}.` };
  return { seconds };
}

/** The body to send, or what is wrong, field by field. */
export function ruleBody(form: RuleForm): { body: AlertRuleBody } | { problems: RuleProblems } {
  const problems: RuleProblems = {};
  const fields = metricFields(form.metric);
  const info = metricInfo(form.metric);
  const name = form.name.trim();
  if (name.length === 0) problems.name = 'Give the rule a name.';
  else if (name.length > MAX_NAME) problems.name = `At most ${MAX_NAME} characters.`;

  let threshold = 0;
  if (fields.threshold !== 'none') {
    const typed = form.threshold.trim() === '' ? Number.NaN : Number(form.threshold);
    if (!Number.isFinite(typed)) problems.threshold = fields.threshold === 'hours' ? 'Give the number of hours.' : 'Give a number.';
    else {
      threshold = fields.rate ? typed * form.rateFactor : typed;
      if (fields.threshold === 'hours' && threshold <= 0) problems.threshold = 'Must be more than 0 hours.';
      else if (fields.threshold === 'value' && (threshold < info.min || threshold > info.max))
        problems.threshold = Number.isFinite(info.max) ? `Must be ${info.min} to ${info.max}.` : `Must be at least ${info.min}.`;
    }
  }

  let forSeconds = 0;
  if (fields.hold) {
    const hold = durationField(form.hold, LONGEST_FOR_SECONDS, fields.holdLabel);
    if ('error' in hold) problems.hold = hold.error;
    else forSeconds = hold.seconds;
  }
  const cooldown = durationField(form.cooldown, LONGEST_COOLDOWN_SECONDS, 'Cooldown');
  if ('error' in cooldown) problems.cooldown = cooldown.error;
  if (fields.container && form.container.trim().length > 128) problems.container = 'At most 128 characters.';

  if (Object.keys(problems).length > 0) return { problems };
  return {
    body: {
      name,
      metric: form.metric,
      comparator: fields.threshold === 'hours' ? 'lt' : fields.comparator ? form.comparator : 'gt',
      threshold,
      for_seconds: forSeconds,
      cooldown_seconds: 'seconds' in cooldown ? cooldown.seconds : 0,
      host: form.host.trim(),
      host_selector: form.hostSelector.trim(),
      container: fields.container ? form.container.trim() : '',
      severity: form.severity,
      enabled: form.enabled,
      // Always sent: the editor shows the rule's links, so what it sends is what the user left ([] clears them).
      channel_ids: [...form.channelIds],
    },
  };
}

/** The body that saves a rule as it is but for the changes: for the list's on/off switch. Channel links are left alone. */
export function bodyFromRule(rule: AlertRule, changes: Partial<AlertRuleBody> = {}): AlertRuleBody {
  return {
    name: rule.name,
    metric: rule.metric,
    comparator: rule.comparator,
    threshold: rule.threshold,
    for_seconds: rule.for_seconds,
    cooldown_seconds: rule.cooldown_seconds,
    host: rule.host ?? '',
    host_selector: rule.host_selector,
    container: rule.container,
    severity: rule.severity,
    enabled: rule.enabled,
    ...changes,
  };
}

/** The form field a hub's 400 names by its first word ("threshold is required…", "host_selector: …"), or null for the form as a whole. */
export function problemField(message: string): RuleField | null {
  const match = /^(name|metric|comparator|threshold|for_seconds|cooldown_seconds|host_selector|host|container|severity|channel_ids)\b/.exec(message);
  if (!match) return null;
  const byWire: Record<string, RuleField> = { for_seconds: 'hold', cooldown_seconds: 'cooldown', host_selector: 'hostSelector', channel_ids: 'channels' };
  return byWire[match[1]] ?? (match[1] as RuleField);
}

/** How a typed duration reads, beside its field: "1 h 30 min", or `zero` for 0; null while it does not parse. */
export function durationReads(text: string, zero = 'at once'): string | null {
  const seconds = parseDuration(text);
  if (seconds === null) return null;
  return seconds === 0 ? zero : describeDuration(seconds);
}

/** What the preview found, in a sentence: which hosts, and whether the names or the selector chose them. */
export function describePreview(preview: RulePreview, host: string, hostSelector: string): string {
  const count = preview.hosts.length;
  const by = hostSelector.trim() ? 'the tag selector' : host.trim() ? 'these names' : null;
  if (count === 0) return by ? `No registered host matches ${by} yet.` : 'No host is registered yet.';
  const hosts = count === 1 ? '1 host' : `${count} hosts`;
  return by ? `Watches ${hosts}, chosen by ${by}:` : `Watches every host (${hosts}):`;
}

/** A preview's host names, the first `max` and how many more. */
export function previewNames(preview: RulePreview, max = 12): { names: string[]; more: number } {
  const names = preview.hosts.map((h) => h.name);
  return { names: names.slice(0, max), more: Math.max(0, names.length - max) };
}
