// The hub's settings with their bounds (design §4), checked before a save so a typo is caught
// at the field; the hub checks again and its {"error"} is shown if it disagrees.

import type { Settings } from './api';
import { describeDuration, formatDuration, parseDuration } from './units';

export interface SettingRule {
  key: keyof Settings;
  label: string;
  help: string;
  min: number;
  max: number;
  /** 0 is allowed and means "off". */
  zeroMeans?: string;
}

const DAY = 86400;

export const SETTING_RULES: Record<keyof Settings, SettingRule> = {
  agent_interval: {
    key: 'agent_interval',
    label: 'Collection interval',
    help: 'How often every agent collects and sends; running agents read it about once a minute.',
    min: 2,
    max: 3600,
  },
  retention_window: {
    key: 'retention_window',
    label: 'Keep history for',
    help: 'Older samples are deleted.',
    min: 300,
    max: 365 * DAY,
    zeroMeans: 'keep forever',
  },
  retention_interval: {
    key: 'retention_interval',
    label: 'Clean up every',
    help: 'How often the hub deletes what fell out of the window.',
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
  downsample_bucket_size: {
    key: 'downsample_bucket_size',
    label: 'Downsample to buckets of',
    help: 'Resolution kept for older history.',
    min: 60,
    max: DAY,
  },
  downsample_hot_window: {
    key: 'downsample_hot_window',
    label: 'Full resolution for',
    help: 'Recent history kept at every tick.',
    min: 3600,
    max: 30 * DAY,
  },
  downsample_archive_window: {
    key: 'downsample_archive_window',
    label: 'Downsampled history for',
    help: 'How far back the buckets reach.',
    min: DAY,
    max: 365 * DAY,
  },
};

export function boundsText(rule: SettingRule): string {
  const range = `${describeDuration(rule.min)} to ${describeDuration(rule.max)}`;
  return rule.zeroMeans ? `${range}, or 0 to ${rule.zeroMeans}` : range;
}

/** The value as the hub wants it ("7d" becomes "168h"), or the reason it is out of bounds. */
export function checkSetting(rule: SettingRule, text: string): { value: string } | { error: string } {
  const seconds = parseDuration(text);
  if (seconds === null) return { error: 'Use a duration such as 30s, 5m, 12h or 7d.' };
  if (seconds === 0 && rule.zeroMeans) return { value: '0' };
  if (seconds < rule.min || seconds > rule.max) return { error: `Must be ${boundsText(rule)}.` };
  return { value: formatDuration(seconds) };
}

/** "168h" reads as "7 d". */
export function readable(text: string): string {
  const seconds = parseDuration(text);
  return seconds === null ? text : describeDuration(seconds);
}

/** The runtime settings as the page groups them, each group a fieldset. */
export const SETTING_GROUPS: { title: string; subtitle: string; keys: (keyof Settings)[] }[] = [
  { title: 'Agents', subtitle: 'Applies to every agent through its policy.', keys: ['agent_interval'] },
  {
    title: 'Retention',
    subtitle: 'Changes take effect within 30 s, without a restart.',
    keys: ['retention_window', 'retention_interval', 'retention_alerts_window'],
  },
  {
    title: 'Downsampling',
    subtitle: 'How older history is thinned out.',
    keys: ['downsample_bucket_size', 'downsample_hot_window', 'downsample_archive_window'],
  },
];

export type SettingProblems = Partial<Record<keyof Settings, string>>;

/** What a save sends: only the fields that differ from the saved ones, each checked; or why a field cannot be sent. */
export function settingChanges(saved: Settings, draft: Settings): { changes: Partial<Settings>; problems: SettingProblems } {
  const changes: Partial<Settings> = {};
  const problems: SettingProblems = {};
  for (const key of Object.keys(SETTING_RULES) as (keyof Settings)[]) {
    if (draft[key] === saved[key]) continue;
    const checked = checkSetting(SETTING_RULES[key], draft[key]);
    if ('error' in checked) problems[key] = checked.error;
    else changes[key] = checked.value;
  }
  return { changes, problems };
}

/** Whether any field of the draft differs from what the hub has. */
export function settingsDiffer(saved: Settings, draft: Settings): boolean {
  return (Object.keys(saved) as (keyof Settings)[]).some((k) => draft[k] !== saved[k]);
}

/** Why a new password cannot be sent (the hub wants 8 to 256 characters), or null. */
export function newPasswordProblem(next: string, confirm: string): string | null {
  if (next !== confirm) return 'The two new passwords differ.';
  if (next.length < 8) return 'The new password needs at least 8 characters.';
  return null;
}
