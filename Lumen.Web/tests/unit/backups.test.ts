import { describe, expect, it } from 'vitest';
import { type BackupFields, backupChanges, backupRefusalField, draftOf, passphraseProblem } from '../../src/lib/backups';

const saved: BackupFields = {
  enabled: false,
  target: 'local',
  local_path: '',
  cron: '0 2 * * *',
  retain_last: 14,
  max_age_days: 0,
  s3_endpoint: '',
  s3_region: 'auto',
  s3_bucket: '',
  s3_prefix: 'lumen/',
  s3_access_key: '',
  s3_force_path_style: false,
};

describe('backup settings form', () => {
  it('sends only what changed, numbers as numbers', () => {
    const draft = { ...draftOf(saved), enabled: true, local_path: ' /srv/backups ', retain_last: '7' };
    expect(backupChanges(saved, draft)).toEqual({ changes: { enabled: true, local_path: '/srv/backups', retain_last: 7 }, problems: {} });
  });

  it('sends the secret key only when one is typed, so an empty field keeps the stored key', () => {
    expect(backupChanges(saved, { ...draftOf(saved), target: 's3' }).changes).toEqual({ target: 's3' });
    expect(backupChanges(saved, { ...draftOf(saved), s3_secret_key: 'k3y' }).changes).toEqual({ s3_secret_key: 'k3y' });
  });

  it('refuses what the hub would refuse before it is asked, and sends the rest', () => {
    const { changes, problems } = backupChanges(saved, {
      ...draftOf(saved),
      local_path: 'backups',
      retain_last: '-1',
      max_age_days: '3651',
      cron: ' ',
      s3_bucket: 'b',
    });
    expect(Object.keys(problems).sort()).toEqual(['cron', 'local_path', 'max_age_days', 'retain_last']);
    expect(changes).toEqual({ s3_bucket: 'b' });
    expect(backupChanges(saved, { ...draftOf(saved), max_age_days: '3650' }).changes).toEqual({ max_age_days: 3650 });
  });

  it('puts a refusal at the field it names', () => {
    expect(backupRefusalField('retain_last must be 0 (no limit by count) or more (got -1)')).toBe('retain_last');
    expect(backupRefusalField("cron 'every day' is not one of five cron fields")).toBe('cron');
    expect(backupRefusalField('target probe failed: permission denied')).toBeNull();
  });

  it('asks for a passphrase of at least 8 characters', () => {
    expect(passphraseProblem('short')).toBe('At least 8 characters.');
    expect(passphraseProblem('long enough')).toBeNull();
  });
});
