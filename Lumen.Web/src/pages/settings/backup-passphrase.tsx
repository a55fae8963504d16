import { type FormEvent, useState } from 'react';
import { errorMessage } from '../../lib/api';
import { backupApi, PASSPHRASE_MIN, passphraseProblem } from '../../lib/backups';
import { Button, cx, ErrorNote, Field, Input } from '../../components/ui';

/** Sets the passphrase backups are encrypted with. The hub keeps only its hash, so it is never shown back. */
export function BackupPassphrase({ isSet, fromEnvironment, onSet }: { isSet: boolean; fromEnvironment: boolean; onSet: () => void }) {
  const [passphrase, setPassphrase] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setNotice(null);
    setError(null);
    const bad = passphraseProblem(passphrase);
    setProblem(bad);
    if (bad) return;
    setBusy(true);
    try {
      await backupApi.setPassphrase(passphrase);
      setPassphrase('');
      setNotice('Passphrase set. Keep it safe: without it no backup can be opened.');
      onSet();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} className="space-y-3" aria-label="Backup passphrase">
      <div className="flex flex-wrap items-end gap-3">
        <div className="min-w-56 flex-1">
          <Field
            label={isSet ? 'New passphrase' : 'Passphrase'}
            error={problem}
            hint={`At least ${PASSPHRASE_MIN} characters. Only its hash is stored; losing it means losing the backups.`}
          >
            <Input
              name="backup_passphrase"
              type="password"
              autoComplete="new-password"
              value={passphrase}
              onChange={(e) => setPassphrase(e.target.value)}
              className={cx(problem && 'border-crit')}
            />
          </Field>
        </div>
        <Button type="submit" busy={busy} className="mb-5">
          {isSet ? 'Change passphrase' : 'Set passphrase'}
        </Button>
      </div>
      <p className="text-xs text-muted" data-testid="passphrase-state">
        {isSet ? 'A passphrase is set.' : 'No passphrase is set yet: backups cannot run.'}{' '}
        {fromEnvironment
          ? 'Scheduled runs take it from LUMEN_HUB_BACKUP_PASSPHRASE.'
          : 'Scheduled runs need it in LUMEN_HUB_BACKUP_PASSPHRASE, as the hub keeps no readable copy.'}
      </p>
      <ErrorNote message={error} />
      {notice && (
        <p role="status" className="text-sm text-muted">
          {notice}
        </p>
      )}
    </form>
  );
}
