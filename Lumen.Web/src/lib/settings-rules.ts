// The hub's settings with their bounds (design §4), checked before a save so a typo is caught
// at the field; the hub checks again and its {"error"} is shown if it disagrees.

import type { Settings } from './api';
import type { ProcessSettingKey } from './processes';
import { describeDuration, formatDuration, parseDuration } from './units';

/**
 * The durations the page edits (the processes' settings have a section of their own): every one but `downsample_hot_window`, which the hub keeps as a
 * second name of `retention_window` (GET answers the same value for both; PUT with either
 * writes it), so one field edits both and the two can never disagree.
 */
export type EditableSetting = Exclude<keyof Settings, 'downsample_hot_window' | ProcessSettingKey>;

export interface SettingRule {
  key: EditableSetting;
  label: string;
  help: string;
  min: number;
  max: number;
  /** How the bound reads when the plain duration says too little ("3650 d (10 years)"). */
  maxLabel?: string;
  /** 0 is allowed and means "off". */
  zeroMeans?: string;
  /** The hub takes only whole minutes. */
  wholeMinutes?: boolean;
}

const DAY = 86400;

export const SETTING_RULES: Record<EditableSetting, SettingRule> = {
  agent_interval: {
    key: 'agent_interval',
    label: 'Collection interval',
    help: 'How often every agent collects and sends; running agents read it about once a minute.',
    min: 2,
    max: 3600,
  },
  retention_window: {
    key: 'retention_window',
    label: 'Keep every sample for',
    help: 'Then only buckets stay. The Go hub’s downsample_hot_window is this same setting under another name.',
    min: 300,
    max: 365 * DAY,
    zeroMeans: 'keep forever',
  },
  downsample_archive_window: {
    key: 'downsample_archive_window',
    label: 'Keep buckets for',
    help: 'How far back history and the charts reach; at least as long as every sample is kept.',
    min: DAY,
    max: 3650 * DAY,
    maxLabel: '3650 d (10 years)',
  },
  downsample_bucket_size: {
    key: 'downsample_bucket_size',
    label: 'Bucket size',
    help: 'Older history keeps the lowest, average and highest of each metric per bucket; whole minutes.',
    min: 60,
    max: DAY,
    wholeMinutes: true,
  },
  retention_interval: {
    key: 'retention_interval',
    label: 'Clean up every',
    help: 'How often the hub deletes what fell out of the windows.',
    min: 60,
    max: DAY,
    zeroMeans: 'never clean up',
  },
  retention_alerts_window: {
    key: 'retention_alerts_window',
    label: 'Keep resolved alerts for',
    help: 'Older resolved alert events are deleted; firing ones stay.',
    min: DAY,
    max: 365 * DAY,
    zeroMeans: 'keep forever',
  },
};

const EDITABLE = Object.keys(SETTING_RULES) as EditableSetting[];

export function boundsText(rule: SettingRule): string {
  const range = `${describeDuration(rule.min)} to ${rule.maxLabel ?? describeDuration(rule.max)}`;
  return rule.zeroMeans ? `${range}, or 0 to ${rule.zeroMeans}` : range;
}

/** The value as the hub wants it ("7d" becomes "168h"), or the reason it is out of bounds. */
export function checkSetting(rule: SettingRule, text: string): { value: string } | { error: string } {
  const seconds = parseDuration(text);
  if (seconds === null) return { error: 'Use a duration such as 30s, 5m, 12h or 7d.' };
  if (seconds === 0 && rule.zeroMeans) return { value: '0' };
  if (seconds < rule.min || seconds > rule.max) return { error: `Must be ${boundsText(rule)}.` };
  if (rule.wholeMinutes && seconds % 60 !== 0) return { error: 'Must be whole minutes, such as 5m or 1h.' };
  return { value: formatDuration(seconds) };
}

/** "168h" reads as "7 d". */
export function readable(text: string): string {
  const seconds = parseDuration(text);
  return seconds === null ? text : describeDuration(seconds);
}

/** The runtime settings as the page groups them, each group a fieldset. */
export const SETTING_GROUPS: { title: string; subtitle: string; keys: EditableSetting[] }[] = [
  { title: 'Agents', subtitle: 'Applies to every agent through its policy.', keys: ['agent_interval'] },
  {
    title: 'History',
    subtitle: 'Every sample for a while, then buckets for a long time. Changes take effect within 30 s, without a restart.',
    keys: ['retention_window', 'downsample_archive_window', 'downsample_bucket_size'],
  },
  {
    title: 'Clean-up',
    subtitle: 'How often old rows go, and how long resolved alerts stay.',
    keys: ['retention_interval', 'retention_alerts_window'],
  },
];

export type SettingProblems = Partial<Record<EditableSetting, string>>;

/** What a save sends: only the fields that differ from the saved ones, each checked; or why a field cannot be sent. */
export function settingChanges(saved: Settings, draft: Settings): { changes: Partial<Settings>; problems: SettingProblems } {
  const changes: Partial<Settings> = {};
  const problems: SettingProblems = {};
  for (const key of EDITABLE) {
    if (draft[key] === saved[key]) continue;
    const checked = checkSetting(SETTING_RULES[key], draft[key]);
    if ('error' in checked) problems[key] = checked.error;
    else changes[key] = checked.value;
  }
  return { changes, problems };
}

/** Whether any field of the draft differs from what the hub has. */
export function settingsDiffer(saved: Settings, draft: Settings): boolean {
  return EDITABLE.some((k) => draft[k] !== saved[k]);
}

/**
 * The field a refusal of the hub belongs at: the setting its message starts with
 * (`retention_window (48h) must not be longer than downsample_archive_window (24h): …`), the
 * second name counting as its setting; null when it names none.
 */
export function refusalField(message: string): EditableSetting | null {
  const key = /^([a-z_]+)/.exec(message)?.[1];
  if (key === 'downsample_hot_window') return 'retention_window';
  return key && key in SETTING_RULES ? (key as EditableSetting) : null;
}

/** Why a new password cannot be sent (the hub wants 8 to 256 characters), or null. */
export function newPasswordProblem(next: string, confirm: string): string | null {
  if (next !== confirm) return 'The two new passwords differ.';
  if (next.length < 8) return 'The new password needs at least 8 characters.';
  return null;
}
