// Settings → Backups: the backup routes (docs/api.md#backups), what the form sends, and the
// checks made before the hub is asked. Kept apart from api.ts so the page's code loads only
// with the Backups section.

import { request } from './api';

export type BackupTarget = 'local' | 's3';

export interface BackupResult {
  name: string;
  size_bytes: number;
  duration_ms: number;
  sha256: string;
  at: string;
}

export interface BackupStatus {
  running: boolean;
  last_success: BackupResult | null;
  last_error: { at: string; message: string; scheduled: boolean } | null;
  next_run_at: string | null;
  schedule_problem: string | null;
}

/** What the form edits; s3_secret_key is write-only and never read back. */
export interface BackupFields {
  enabled: boolean;
  target: BackupTarget;
  local_path: string;
  cron: string;
  retain_last: number;
  max_age_days: number;
  s3_endpoint: string;
  s3_region: string;
  s3_bucket: string;
  s3_prefix: string;
  s3_access_key: string;
  s3_force_path_style: boolean;
}

export interface BackupSettings extends BackupFields {
  local_folder: string;
  has_secret_key: boolean;
  has_passphrase: boolean;
  passphrase_from_environment: boolean;
  status: BackupStatus;
}

export interface BackupEntry {
  name: string;
  size_bytes: number;
  created_at: string;
}

export interface BackupRun extends BackupResult {
  deleted: string[];
}

export interface RestoreAnswer {
  name: string;
  restored_to: string;
  predecessor: string | null;
  restarting: boolean;
}

export type BackupChanges = Partial<BackupFields> & { s3_secret_key?: string };

export const backupApi = {
  settings: () => request<BackupSettings>('GET', '/api/settings/backup'),
  save: (changes: BackupChanges) => request<BackupSettings>('PUT', '/api/settings/backup', changes),
  test: () => request<{ ok: boolean }>('POST', '/api/settings/backup/test'),
  setPassphrase: (passphrase: string) => request<{ ok: boolean }>('POST', '/api/backup/passphrase', { passphrase }),
  run: (passphrase: string) => request<BackupRun>('POST', '/api/backup/run', { passphrase }),
  list: async () => (await request<{ entries: BackupEntry[] }>('GET', '/api/backup/list')).entries,
  restore: (name: string, passphrase: string) => request<RestoreAnswer>('POST', `/api/backup/restore/${encodeURIComponent(name)}`, { passphrase }),
};

export function downloadUrl(name: string): string {
  return `/api/backup/download/${encodeURIComponent(name)}`;
}

export const FIELD_KEYS: (keyof BackupFields)[] = [
  'enabled',
  'target',
  'local_path',
  'cron',
  'retain_last',
  'max_age_days',
  's3_endpoint',
  's3_region',
  's3_bucket',
  's3_prefix',
  's3_access_key',
  's3_force_path_style',
];

export function pickBackupFields(s: BackupSettings): BackupFields {
  return Object.fromEntries(FIELD_KEYS.map((k) => [k, s[k]])) as unknown as BackupFields;
}

/** The form's text for the two numbers, kept as typed so a half-typed value is not lost. */
export interface BackupDraft extends Omit<BackupFields, 'retain_last' | 'max_age_days'> {
  retain_last: string;
  max_age_days: string;
  /** Empty keeps the stored key. */
  s3_secret_key: string;
}

export type BackupProblems = Partial<Record<keyof BackupDraft, string>>;

export const MAX_AGE_DAYS_LIMIT = 3650;
export const PASSPHRASE_MIN = 8;

export function draftOf(fields: BackupFields): BackupDraft {
  return { ...fields, retain_last: String(fields.retain_last), max_age_days: String(fields.max_age_days), s3_secret_key: '' };
}

function wholeNumber(text: string): number | null {
  return /^\s*\d+\s*$/.test(text) ? Number(text) : null;
}

/** What changed from the saved settings, or why a field cannot be sent (the hub's own bounds, checked first). */
export function backupChanges(saved: BackupFields, draft: BackupDraft): { changes: BackupChanges; problems: BackupProblems } {
  const problems: BackupProblems = {};
  const changes: BackupChanges = {};
  const retain = wholeNumber(draft.retain_last);
  if (retain === null) problems.retain_last = 'A whole number, 0 or more (0: no limit by count).';
  const days = wholeNumber(draft.max_age_days);
  if (days === null || days > MAX_AGE_DAYS_LIMIT) problems.max_age_days = `A whole number from 0 to ${MAX_AGE_DAYS_LIMIT} (0: no limit by age).`;
  if (draft.cron.trim() === '') problems.cron = 'A schedule is needed, such as 0 2 * * * or @daily.';
  const path = draft.local_path.trim();
  if (path !== '' && !path.startsWith('/')) problems.local_path = 'An absolute folder such as /var/backups/lumen, or empty for backups/ beside the database.';
  const current: BackupFields = { ...draft, local_path: path, cron: draft.cron.trim(), retain_last: retain ?? 0, max_age_days: days ?? 0 };
  for (const key of FIELD_KEYS) {
    if (problems[key]) continue;
    if (current[key] !== saved[key]) (changes as Record<string, unknown>)[key] = current[key];
  }
  if (draft.s3_secret_key !== '') changes.s3_secret_key = draft.s3_secret_key;
  return { changes, problems };
}

/** The field a refusal names ("retain_last must be …", "cron '…' is not …"), to show it there; null for any other message. */
export function backupRefusalField(message: string): keyof BackupDraft | null {
  const first = /^([a-z0-9_]+)(?=:| must | ')/.exec(message)?.[1];
  return first && (FIELD_KEYS as string[]).concat('s3_secret_key').includes(first) ? (first as keyof BackupDraft) : null;
}

export function passphraseProblem(passphrase: string): string | null {
  return passphrase.length < PASSPHRASE_MIN ? `At least ${PASSPHRASE_MIN} characters.` : null;
}
