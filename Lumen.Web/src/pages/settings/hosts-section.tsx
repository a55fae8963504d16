import { useCallback, useEffect, useState } from 'react';
import { api, errorMessage } from '../../lib/api';
import type { HostView } from '../../lib/fleet';
import { Button, ErrorNote, Panel, PanelHeader, Skeleton } from '../../components/ui';
import { AddHostDialog } from './add-host-dialog';
import { ConfirmDialog, type Pending } from './confirm-dialog';
import { HostRow } from './host-row';
import { TokenDialog, type Issued } from './token-dialog';

/** Every host with its tags, and adding, rotating and deleting hosts, each through its dialog. */
export function HostsSection() {
  const [hosts, setHosts] = useState<HostView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [adding, setAdding] = useState(() => new URLSearchParams(window.location.search).has('add'));
  const [issued, setIssued] = useState<Issued | null>(null);
  const [pending, setPending] = useState<Pending>(null);

  const load = useCallback(async () => {
    try {
      setHosts(await api.hosts());
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <Panel>
      <PanelHeader
        title="Hosts"
        subtitle="Each host's agent signs its reports with its own token. A token is shown once, when the host is added or its token is rotated."
        actions={
          <Button variant="primary" onClick={() => setAdding(true)}>
            <svg viewBox="0 0 20 20" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" aria-hidden>
              <path d="M10 4v12M4 10h12" />
            </svg>
            Add host
          </Button>
        }
      />
      <div className="px-4 pt-3 sm:px-5">
        <ErrorNote message={error} onRetry={() => void load()} />
      </div>
      {hosts === null ? (
        <div className="space-y-3 p-5">
          <Skeleton className="h-10 w-full" />
          <Skeleton className="h-10 w-full" />
        </div>
      ) : hosts.length === 0 ? (
        <div className="px-5 py-10 text-center">
          <p className="font-medium">No hosts yet</p>
          <p className="mt-1 text-sm text-muted">Add your first host: you get a one-line install command for its agent.</p>
        </div>
      ) : (
        <ul className="divide-y divide-line">
          {hosts.map((host) => (
            <HostRow
              key={host.id}
              host={host}
              onChanged={(updated) => setHosts((list) => list?.map((h) => (h.id === updated.id ? updated : h)) ?? null)}
              onRotate={() => setPending({ kind: 'rotate', host })}
              onDelete={() => setPending({ kind: 'delete', host })}
            />
          ))}
        </ul>
      )}

      <AddHostDialog
        open={adding}
        onClose={() => {
          setAdding(false);
          if (window.location.search) history.replaceState(null, '', window.location.pathname);
        }}
        onAdded={(token) => {
          setAdding(false);
          setIssued({ token, rotated: false });
          void load();
        }}
      />
      <ConfirmDialog
        pending={pending}
        onClose={() => setPending(null)}
        onDone={(result) => {
          setPending(null);
          if (result) setIssued({ token: result, rotated: true });
          void load();
        }}
      />
      <TokenDialog issued={issued} onClose={() => setIssued(null)} />
    </Panel>
  );
}
