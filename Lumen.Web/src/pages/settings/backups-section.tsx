import { type FormEvent, type ReactNode, useCallback, useEffect, useState } from 'react';
import { ApiError, errorMessage } from '../../lib/api';
import {
  type BackupDraft,
  type BackupEntry,
  type BackupFields,
  type BackupProblems,
  type BackupRun,
  type BackupSettings,
  type BackupTarget,
  backupApi,
  backupChanges,
  backupRefusalField,
  draftOf,
  MAX_AGE_DAYS_LIMIT,
  pickBackupFields,
} from '../../lib/backups';
import { formatBytes } from '../../lib/units';
import { Button, cx, ErrorNote, Field, Input, Panel, PanelHeader, Segmented, Skeleton } from '../../components/ui';
import { PassphraseDialog } from './backup-dialogs';
import { BackupList } from './backup-list';
import { BackupPassphrase } from './backup-passphrase';
import { BackupStatusLine } from './backup-status';

function Check({ name, checked, onChange, children }: { name: string; checked: boolean; onChange: (v: boolean) => void; children: ReactNode }) {
  return (
    <label className="flex items-start gap-3 text-sm">
      <input type="checkbox" name={name} className="mt-0.5 h-4 w-4 accent-accent" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      <span>{children}</span>
    </label>
  );
}

/**
 * Backups of the whole database (docs/backups.md): where they go, when, how many are kept, the
 * passphrase, a test of the target, a run now, and the list to download or restore from. Admins
 * only, as the routes are. Loaded on its own (lazy) so the first visit does not carry it.
 */
export default function BackupsSection() {
  const [settings, setSettings] = useState<BackupSettings | null>(null);
  const [saved, setSaved] = useState<BackupFields | null>(null);
  const [draft, setDraft] = useState<BackupDraft | null>(null);
  const [problems, setProblems] = useState<BackupProblems>({});
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [entries, setEntries] = useState<BackupEntry[] | null>(null);
  const [listError, setListError] = useState<string | null>(null);
  const [testing, setTesting] = useState(false);
  const [actionNote, setActionNote] = useState<{ ok: boolean; text: string } | null>(null);
  const [running, setRunning] = useState(false);

  const take = useCallback((s: BackupSettings) => {
    setSettings(s);
    const fields = pickBackupFields(s);
    setSaved(fields);
    setDraft(draftOf(fields));
  }, []);
  const loadSettings = useCallback(async () => {
    try {
      take(await backupApi.settings());
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    }
  }, [take]);
  /** Only the status: a draft being edited is kept. */
  const refreshStatus = useCallback(async () => {
    try {
      setSettings(await backupApi.settings());
    } catch {
      // the next load says it
    }
  }, []);
  const loadList = useCallback(async () => {
    try {
      setEntries(await backupApi.list());
      setListError(null);
    } catch (err) {
      setListError(errorMessage(err));
    }
  }, []);
  useEffect(() => {
    void loadSettings();
    void loadList();
  }, [loadSettings, loadList]);

  const set = <K extends keyof BackupDraft>(key: K, value: BackupDraft[K]) => draft && setDraft({ ...draft, [key]: value });
  const pending = saved && draft ? backupChanges(saved, draft) : null;
  const dirty = !!pending && (Object.keys(pending.changes).length > 0 || Object.keys(pending.problems).length > 0);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!pending) return;
    setProblems(pending.problems);
    setNotice(null);
    if (Object.keys(pending.problems).length > 0) return;
    if (Object.keys(pending.changes).length === 0) return setNotice('Nothing changed.');
    setBusy(true);
    try {
      take(await backupApi.save(pending.changes));
      setError(null);
      setNotice('Saved.');
      void loadList();
    } catch (err) {
      const field = err instanceof ApiError && err.status === 400 ? backupRefusalField(err.message) : null;
      if (field) setProblems({ [field]: errorMessage(err) });
      setError(field ? null : errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const test = async () => {
    setTesting(true);
    setActionNote(null);
    try {
      await backupApi.test();
      setActionNote({ ok: true, text: 'The target works: a probe was written and deleted.' });
    } catch (err) {
      setActionNote({ ok: false, text: errorMessage(err) });
    } finally {
      setTesting(false);
    }
  };

  const ran = (run: BackupRun) => {
    setRunning(false);
    setActionNote({
      ok: true,
      text: `Backed up: ${run.name}, ${formatBytes(run.size_bytes)}.${run.deleted.length ? ` Retention deleted ${run.deleted.length}.` : ''}`,
    });
    void loadList();
    void refreshStatus();
  };

  const field = (key: keyof BackupDraft, label: string, hint: ReactNode, extra: { placeholder?: string; mono?: boolean; type?: string } = {}) =>
    draft && (
      <Field label={label} error={problems[key]} hint={hint}>
        <Input
          name={key}
          type={extra.type ?? 'text'}
          value={String(draft[key])}
          onChange={(e) => set(key, e.target.value as never)}
          placeholder={extra.placeholder}
          className={cx(extra.mono !== false && 'font-mono', problems[key] && 'border-crit')}
          spellCheck={false}
          autoComplete="off"
        />
      </Field>
    );

  return (
    <Panel>
      <PanelHeader
        title="Backups"
        subtitle="The whole database, encrypted with a passphrase, to a folder or an S3 bucket."
        actions={
          <>
            <Button onClick={test} busy={testing} disabled={!settings || dirty} title={dirty ? 'Save the settings first: the saved target is used' : undefined}>
              Test target
            </Button>
            <Button
              variant="primary"
              onClick={() => setRunning(true)}
              disabled={!settings || dirty}
              title={dirty ? 'Save the settings first: the saved target is used' : undefined}
            >
              Run now
            </Button>
          </>
        }
      />
      <div className="space-y-5 p-4 sm:p-5">
        <ErrorNote message={error} onRetry={settings ? undefined : () => void loadSettings()} />
        {actionNote &&
          (actionNote.ok ? (
            <p role="status" data-testid="backup-action" className="rounded-lg border border-ok/30 bg-ok/8 px-3 py-2 text-sm text-fg">
              {actionNote.text}
            </p>
          ) : (
            <ErrorNote message={actionNote.text} />
          ))}
        {!draft || !settings ? (
          <Skeleton className="h-40 w-full" />
        ) : (
          <>
            <BackupStatusLine settings={settings} />
            <form onSubmit={submit} className="space-y-5" aria-label="Backup settings">
              <fieldset className="space-y-3">
                <legend className="text-xs font-semibold tracking-wide text-fg uppercase">Target</legend>
                <Segmented<BackupTarget>
                  label="Target"
                  value={draft.target}
                  options={[
                    { value: 'local', label: 'Local folder' },
                    { value: 's3', label: 'S3 bucket' },
                  ]}
                  onChange={(v) => set('target', v)}
                />
                {draft.target === 'local' ? (
                  field('local_path', 'Folder', `An absolute path; empty means backups/ beside the database. Now: ${settings.local_folder}`, {
                    placeholder: settings.local_folder,
                  })
                ) : (
                  <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
                    {field('s3_endpoint', 'Endpoint', 'Empty for AWS itself; e.g. https://minio.lan:9000.')}
                    {field('s3_region', 'Region', 'auto with an endpoint, as R2 wants.')}
                    {field('s3_bucket', 'Bucket', 'It must exist.')}
                    {field('s3_prefix', 'Prefix', 'Objects are prefix + name.')}
                    {field('s3_access_key', 'Access key', '')}
                    {field('s3_secret_key', 'Secret key', settings.has_secret_key ? 'Stored. Empty keeps it; type to replace it.' : 'Not stored yet.', {
                      type: 'password',
                      placeholder: settings.has_secret_key ? 'stored' : '',
                    })}
                    <Check name="s3_force_path_style" checked={draft.s3_force_path_style} onChange={(v) => set('s3_force_path_style', v)}>
                      <span className="font-medium">Path-style addresses</span>
                      <span className="block text-xs text-faint">On for MinIO and most self-hosted servers.</span>
                    </Check>
                  </div>
                )}
              </fieldset>
              <fieldset className="space-y-3">
                <legend className="text-xs font-semibold tracking-wide text-fg uppercase">Schedule and retention</legend>
                <Check name="enabled" checked={draft.enabled} onChange={(v) => set('enabled', v)}>
                  <span className="font-medium">Scheduled backups</span>
                  <span className="block text-xs text-faint">Run now works either way.</span>
                </Check>
                <div className="grid grid-cols-1 gap-3 sm:grid-cols-3">
                  {field('cron', 'When', 'Five cron fields in the hub’s time zone, @daily, or @every 6h.')}
                  {field('retain_last', 'Keep the newest', '0: no limit by count.')}
                  {field('max_age_days', 'Delete after days', `0 to ${MAX_AGE_DAYS_LIMIT}; 0: no limit by age.`)}
                </div>
              </fieldset>
              <div className="flex items-center justify-end gap-3">
                {notice && (
                  <span className="text-sm text-muted" role="status">
                    {notice}
                  </span>
                )}
                {dirty && (
                  <Button
                    variant="ghost"
                    onClick={() => {
                      if (saved) setDraft(draftOf(saved));
                      setProblems({});
                    }}
                  >
                    Reset
                  </Button>
                )}
                <Button type="submit" variant="primary" busy={busy} disabled={!dirty}>
                  Save backup settings
                </Button>
              </div>
            </form>
            <fieldset className="space-y-3">
              <legend className="text-xs font-semibold tracking-wide text-fg uppercase">Passphrase</legend>
              <BackupPassphrase isSet={settings.has_passphrase} fromEnvironment={settings.passphrase_from_environment} onSet={() => void refreshStatus()} />
            </fieldset>
          </>
        )}
        <fieldset className="space-y-3">
          <legend className="text-xs font-semibold tracking-wide text-fg uppercase">In the target</legend>
          <BackupList entries={entries} error={listError} onRetry={() => void loadList()} />
        </fieldset>
      </div>
      <PassphraseDialog
        open={running}
        title="Run a backup now"
        action="Back up"
        onClose={() => setRunning(false)}
        onSubmit={async (passphrase) => ran(await backupApi.run(passphrase))}
      >
        <p className="text-sm text-muted">The passphrase set here; a backup is only made with it, so every one can be opened.</p>
      </PassphraseDialog>
    </Panel>
  );
}
