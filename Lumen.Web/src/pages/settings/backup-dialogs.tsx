import { type FormEvent, type ReactNode, useEffect, useState } from 'react';
import { errorMessage } from '../../lib/api';
import { Button, Dialog, ErrorNote, Field, Input } from '../../components/ui';

/**
 * Asks for the backup passphrase before a run or a restore. The hub checks it against the
 * stored hash; what it refuses is shown in its words and the dialog stays open for another try.
 */
export function PassphraseDialog({
  open,
  title,
  children,
  action,
  danger,
  onClose,
  onSubmit,
}: {
  open: boolean;
  title: string;
  children?: ReactNode;
  action: string;
  danger?: boolean;
  onClose: () => void;
  /** Resolves when done; a throw is shown as the error. */
  onSubmit: (passphrase: string) => Promise<void>;
}) {
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!open) {
      setPassphrase('');
      setError(null);
    }
  }, [open]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (passphrase === '') return setError('Type the backup passphrase.');
    setBusy(true);
    try {
      await onSubmit(passphrase);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={open} onClose={busy ? () => {} : onClose} title={title}>
      <form onSubmit={submit} className="space-y-4" aria-label={title}>
        {children}
        <Field label="Backup passphrase">
          <Input name="passphrase" type="password" autoComplete="off" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} autoFocus />
        </Field>
        <ErrorNote message={error} />
        <div className="flex justify-end gap-2">
          <Button variant="ghost" onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          <Button type="submit" variant={danger ? 'danger' : 'primary'} busy={busy}>
            {action}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

/** What a restore replaces, said before the passphrase is asked. */
export function RestoreWarning({ name }: { name: string }) {
  return (
    <div className="space-y-2 text-sm text-muted">
      <p className="rounded-lg border border-crit/30 bg-crit/8 px-3 py-2 text-fg">
        A restore replaces the whole database with <span className="font-mono text-xs">{name}</span>: hosts and their tokens, users and passwords, settings,
        alert rules, channels and history become what they were in the backup. Nothing is merged.
      </p>
      <p>
        The database it replaces is kept beside it (<span className="font-mono text-xs">…before-restore-…</span>). The backup is checked first; then the hub
        restarts on the restored database, and you may have to sign in again.
      </p>
    </div>
  );
}
