import { type FormEvent, useState } from 'react';
import { api, errorMessage, hubNow } from '../../lib/api';
import type { HostView } from '../../lib/fleet';
import { parseTags, tagsToText } from '../../lib/tags';
import { formatAgo } from '../../lib/units';
import { Link } from '../../components/link';
import { Button, Input, StatusDot } from '../../components/ui';

/** One host: its state, its tags (edited in place), and the buttons that rotate its token or delete it. */
export function HostRow({
  host,
  onChanged,
  onRotate,
  onDelete,
}: {
  host: HostView;
  onChanged: (h: HostView) => void;
  onRotate: () => void;
  onDelete: () => void;
}) {
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(tagsToText(host.tags));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    const parsed = parseTags(text);
    if ('error' in parsed) return setError(parsed.error);
    setBusy(true);
    try {
      onChanged(await api.setTags(host.id, parsed.tags));
      setEditing(false);
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const tags = Object.entries(host.tags);
  return (
    <li className="px-4 py-3 sm:px-5" data-testid="settings-host" data-host={host.name}>
      <div className="flex flex-col gap-3 sm:flex-row sm:items-center">
        <div className="min-w-0 flex-1">
          <div className="flex items-center gap-2">
            <StatusDot online={host.online} />
            <Link href={`/hosts/${host.id}`} className="truncate font-medium hover:text-accent">
              {host.name}
            </Link>
            <span className="text-xs text-faint">
              {host.online ? 'online' : host.last_seen_at ? `last seen ${formatAgo(Date.parse(host.last_seen_at), hubNow())}` : 'never seen'}
            </span>
          </div>
          {!editing && (
            <div className="mt-1.5 flex flex-wrap items-center gap-1">
              {tags.map(([k, v]) => (
                <span key={k} className="rounded-md bg-sunken px-1.5 py-0.5 font-mono text-[11px] text-muted">
                  {k}={v}
                </span>
              ))}
              <button
                type="button"
                onClick={() => setEditing(true)}
                className="inline-flex min-h-7 items-center rounded-md px-1.5 text-xs font-medium text-accent hover:bg-sunken"
              >
                {tags.length ? 'Edit tags' : '+ Add tags'}
              </button>
            </div>
          )}
        </div>
        <div className="flex gap-2">
          <Button onClick={onRotate}>Rotate token</Button>
          <Button variant="ghost" className="text-crit hover:text-crit" onClick={onDelete}>
            Delete
          </Button>
        </div>
      </div>
      {editing && (
        <form onSubmit={save} className="mt-2.5 flex flex-col gap-2 sm:flex-row sm:items-start">
          <div className="flex-1">
            <Input autoFocus value={text} onChange={(e) => setText(e.target.value)} placeholder="env=home, role=nas" aria-label={`Tags of ${host.name}`} />
            {error ? (
              <p className="mt-1 text-xs text-crit">{error}</p>
            ) : (
              <p className="mt-1 text-xs text-faint">key=value pairs separated by commas; empty clears them.</p>
            )}
          </div>
          <div className="flex gap-2">
            <Button type="submit" variant="primary" busy={busy}>
              Save tags
            </Button>
            <Button
              variant="ghost"
              onClick={() => {
                setEditing(false);
                setText(tagsToText(host.tags));
                setError(null);
              }}
            >
              Cancel
            </Button>
          </div>
        </form>
      )}
    </li>
  );
}
