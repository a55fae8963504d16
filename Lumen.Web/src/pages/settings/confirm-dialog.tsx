import { useEffect, useState } from 'react';
import { api, errorMessage, type HostWithToken } from '../../lib/api';
import type { HostView } from '../../lib/fleet';
import { Button, Dialog, ErrorNote } from '../../components/ui';

/** A rotate or a delete waiting for the user to confirm it. */
export type Pending = { kind: 'rotate' | 'delete'; host: HostView } | null;

/** Asks before a token is rotated or a host deleted; a rotation hands the new token to onDone. */
export function ConfirmDialog({ pending, onClose, onDone }: { pending: Pending; onClose: () => void; onDone: (rotated: HostWithToken | null) => void }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: pending is the trigger: another host or action starts without the last error.
  useEffect(() => setError(null), [pending]);
  if (!pending) return <Dialog open={false} onClose={onClose} title="" />;
  const { kind, host } = pending;
  const go = async () => {
    setBusy(true);
    try {
      if (kind === 'rotate') onDone(await api.rotateHost(host.id));
      else {
        await api.deleteHost(host.id);
        onDone(null);
      }
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog open onClose={onClose} title={kind === 'rotate' ? `Rotate the token of ${host.name}?` : `Delete ${host.name}?`}>
      <p className="text-sm text-muted">
        {kind === 'rotate'
          ? 'A new token is issued and the current one stops working at once: the running agent is refused until it is given the new token.'
          : 'The host, its token and all of its history are deleted. Its agent is refused from now on. This cannot be undone.'}
      </p>
      <div className="mt-4">
        <ErrorNote message={error} />
      </div>
      <div className="mt-5 flex justify-end gap-2">
        <Button variant="ghost" onClick={onClose}>
          Cancel
        </Button>
        <Button variant={kind === 'delete' ? 'danger' : 'primary'} busy={busy} onClick={go}>
          {kind === 'rotate' ? 'Rotate token' : 'Delete host'}
        </Button>
      </div>
    </Dialog>
  );
}
