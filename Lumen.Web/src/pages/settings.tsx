import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { api, errorMessage, hubNow, type HostWithToken, type Settings as HubSettings, type User } from '../lib/api';
import type { HostView } from '../lib/fleet';
import { SETTING_RULES, boundsText, checkSetting, readable, type SettingRule } from '../lib/settings-rules';
import { parseTags, tagsToText } from '../lib/tags';
import { formatAgo } from '../lib/units';
import { Link } from '../components/link';
import { Button, CopyField, Dialog, ErrorNote, Field, Input, Panel, PanelHeader, Skeleton, StatusDot, cx } from '../components/ui';

/** Hosts and their tokens, the agents' interval, history retention and downsampling, the account's password. */
export function Settings({ user }: { user: User }) {
  return (
    <div className="space-y-5">
      <div>
        <h1 className="text-lg font-semibold tracking-tight">Settings</h1>
        <p className="mt-0.5 text-sm text-muted">Hosts, how often agents report, how long history is kept, and your account.</p>
      </div>
      <HostsSection />
      <div className="grid grid-cols-1 gap-5 xl:grid-cols-2">
        <RuntimeSection />
        <AccountSection user={user} />
      </div>
    </div>
  );
}

// ---------------------------------------------------------------------------------- hosts

type Pending = { kind: 'rotate' | 'delete'; host: HostView } | null;

function HostsSection() {
  const [hosts, setHosts] = useState<HostView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [adding, setAdding] = useState(() => new URLSearchParams(window.location.search).has('add'));
  const [issued, setIssued] = useState<{ token: HostWithToken; rotated: boolean } | null>(null);
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

function HostRow({ host, onChanged, onRotate, onDelete }: { host: HostView; onChanged: (h: HostView) => void; onRotate: () => void; onDelete: () => void }) {
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

function AddHostDialog({ open, onClose, onAdded }: { open: boolean; onClose: () => void; onAdded: (t: HostWithToken) => void }) {
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

function ConfirmDialog({ pending, onClose, onDone }: { pending: Pending; onClose: () => void; onDone: (rotated: HostWithToken | null) => void }) {
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

/** The one time a token is visible: the install one-liner and an agent.yaml, both ready to copy. */
function TokenDialog({ issued, onClose }: { issued: { token: HostWithToken; rotated: boolean } | null; onClose: () => void }) {
  if (!issued) return <Dialog open={false} onClose={onClose} title="" />;
  const hub = window.location.origin;
  const { host, token } = issued.token;
  const oneLiner = `curl -fsSL ${hub}/install.sh | sudo bash -s -- --token ${token}`;
  const yaml = `# /etc/lumen/agent.yaml\nhub_url: ${hub}\ntoken: ${token}\n`;
  return (
    <Dialog open onClose={onClose} title={issued.rotated ? `New token for ${host.name}` : `${host.name} is added`} wide>
      <div className="space-y-4" data-testid="token-dialog">
        <p className="rounded-lg border border-warn/30 bg-warn/8 px-3 py-2 text-sm text-fg">
          Copy the token now: it is shown only this once. Lost it? Rotate the token to get a new one.
        </p>
        <CopyField label="Token" value={token} testId="issued-token" />
        <CopyField label="Install the agent on the host (Linux, systemd)" value={oneLiner} testId="install-command" />
        <CopyField label="Or put this in /etc/lumen/agent.yaml" value={yaml} multiline testId="agent-yaml" />
        <div className="flex justify-end">
          <Button variant="primary" onClick={onClose}>
            Done
          </Button>
        </div>
      </div>
    </Dialog>
  );
}

// -------------------------------------------------------------------------------- runtime

const GROUPS: { title: string; subtitle: string; keys: (keyof HubSettings)[] }[] = [
  { title: 'Agents', subtitle: 'Applies to every agent through its policy.', keys: ['agent_interval'] },
  { title: 'Retention', subtitle: 'Changes take effect within 30 s, without a restart.', keys: ['retention_window', 'retention_interval'] },
  {
    title: 'Downsampling',
    subtitle: 'How older history is thinned out.',
    keys: ['downsample_bucket_size', 'downsample_hot_window', 'downsample_archive_window'],
  },
];

function RuntimeSection() {
  const [saved, setSaved] = useState<HubSettings | null>(null);
  const [draft, setDraft] = useState<HubSettings | null>(null);
  const [errors, setErrors] = useState<Partial<Record<keyof HubSettings, string>>>({});
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    try {
      const s = await api.settings();
      setSaved(s);
      setDraft(s);
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!draft || !saved) return;
    const changes: Partial<HubSettings> = {};
    const problems: Partial<Record<keyof HubSettings, string>> = {};
    for (const key of Object.keys(SETTING_RULES) as (keyof HubSettings)[]) {
      if (draft[key] === saved[key]) continue;
      const checked = checkSetting(SETTING_RULES[key], draft[key]);
      if ('error' in checked) problems[key] = checked.error;
      else changes[key] = checked.value;
    }
    setErrors(problems);
    setNotice(null);
    if (Object.keys(problems).length > 0) return;
    if (Object.keys(changes).length === 0) return setNotice('Nothing changed.');
    setBusy(true);
    try {
      const s = await api.saveSettings(changes);
      setSaved(s);
      setDraft(s);
      setError(null);
      setNotice('Saved.');
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const dirty = !!draft && !!saved && (Object.keys(saved) as (keyof HubSettings)[]).some((k) => draft[k] !== saved[k]);

  return (
    <Panel className="xl:col-span-1">
      <PanelHeader title="Runtime" subtitle="Durations such as 30s, 5m, 12h or 7d." />
      <form onSubmit={submit} className="space-y-5 p-4 sm:p-5" aria-label="Runtime settings">
        <ErrorNote message={error} onRetry={saved ? undefined : () => void load()} />
        {!draft ? (
          <div className="space-y-3">
            <Skeleton className="h-14 w-full" />
            <Skeleton className="h-14 w-full" />
          </div>
        ) : (
          GROUPS.map((group) => (
            <fieldset key={group.title}>
              <legend className="text-xs font-semibold tracking-wide text-fg uppercase">{group.title}</legend>
              <p className="mb-2.5 text-xs text-faint">{group.subtitle}</p>
              <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
                {group.keys.map((key) => (
                  <SettingField
                    key={key}
                    rule={SETTING_RULES[key]}
                    value={draft[key]}
                    saved={saved?.[key] ?? ''}
                    error={errors[key]}
                    onChange={(v) => setDraft({ ...draft, [key]: v })}
                  />
                ))}
              </div>
            </fieldset>
          ))
        )}
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
                if (!saved) return;
                setDraft(saved);
                setErrors({});
              }}
            >
              Reset
            </Button>
          )}
          <Button type="submit" variant="primary" busy={busy} disabled={!dirty}>
            Save settings
          </Button>
        </div>
      </form>
    </Panel>
  );
}

function SettingField({
  rule,
  value,
  saved,
  error,
  onChange,
}: {
  rule: SettingRule;
  value: string;
  saved: string;
  error?: string;
  onChange: (v: string) => void;
}) {
  return (
    <Field label={rule.label} error={error} hint={`${rule.help} ${boundsText(rule)}.`}>
      <div className="relative">
        <Input
          name={rule.key}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          className={cx('pr-20 font-mono', error && 'border-crit')}
          spellCheck={false}
        />
        <span className="pointer-events-none absolute top-1/2 right-3 -translate-y-1/2 text-xs text-faint">
          {value === saved ? readable(saved) : 'changed'}
        </span>
      </div>
    </Field>
  );
}

// -------------------------------------------------------------------------------- account

function AccountSection({ user }: { user: User }) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setNotice(null);
    if (next !== confirm) return setError('The two new passwords differ.');
    if (next.length < 8) return setError('The new password needs at least 8 characters.');
    setBusy(true);
    try {
      await api.changePassword(current, next);
      setError(null);
      setCurrent('');
      setNext('');
      setConfirm('');
      setNotice('Password changed. Other signed-in browsers have been signed out.');
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Panel>
      <PanelHeader title="Account" subtitle={`Signed in as ${user.username}${user.is_admin ? ' (admin)' : ''}.`} />
      <form onSubmit={submit} className="space-y-3 p-4 sm:p-5" aria-label="Change password">
        <input type="text" name="username" autoComplete="username" value={user.username} readOnly hidden />
        <Field label="Current password">
          <Input
            type="password"
            name="current-password"
            autoComplete="current-password"
            value={current}
            onChange={(e) => setCurrent(e.target.value)}
            required
          />
        </Field>
        <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
          <Field label="New password" hint="8 to 256 characters.">
            <Input type="password" name="new-password" autoComplete="new-password" value={next} onChange={(e) => setNext(e.target.value)} required />
          </Field>
          <Field label="New password again">
            <Input type="password" name="confirm-password" autoComplete="new-password" value={confirm} onChange={(e) => setConfirm(e.target.value)} required />
          </Field>
        </div>
        <ErrorNote message={error} />
        <div className="flex items-center justify-end gap-3">
          {notice && (
            <span className="text-sm text-ok" role="status">
              {notice}
            </span>
          )}
          <Button type="submit" variant="primary" busy={busy}>
            Change password
          </Button>
        </div>
      </form>
    </Panel>
  );
}
