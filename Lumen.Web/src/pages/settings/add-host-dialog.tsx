import { type FormEvent, useEffect, useState } from 'react';
import { api, errorMessage, type HostWithToken } from '../../lib/api';
import { Button, Dialog, ErrorNote, Field, Input } from '../../components/ui';

/** Names a new host; the hub answers with the host and its token, which the token dialog shows. */
export function AddHostDialog({ open, onClose, onAdded }: { open: boolean; onClose: () => void; onAdded: (t: HostWithToken) => void }) {
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (open) {
      setName('');
      setError(null);
    }
  }, [open]);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      onAdded(await api.addHost(name.trim()));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog open={open} onClose={onClose} title="Add a host">
      <form onSubmit={submit} className="space-y-4">
        <Field label="Name" hint="How the host appears on the dashboard, e.g. nas or pi-kitchen.">
          <Input autoFocus name="host-name" value={name} onChange={(e) => setName(e.target.value)} required placeholder="nas" />
        </Field>
        <ErrorNote message={error} />
        <div className="flex justify-end gap-2">
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" busy={busy}>
            Add host
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
