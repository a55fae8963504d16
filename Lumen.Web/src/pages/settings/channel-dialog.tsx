import { type FormEvent, useEffect, useState } from 'react';
import { SEVERITIES, type Severity } from '../../lib/alerts';
import { api, errorMessage } from '../../lib/api';
import { type ChannelForm, type ChannelProblems, channelBody, formFromChannel, newChannelForm, problemField, withType } from '../../lib/channel-form';
import type { Channel, ChannelType } from '../../lib/channels';
import { CHANNEL_TYPES, channelTypeInfo } from '../../lib/channel-types';
import { Select, Switch } from '../../components/controls';
import { Button, Dialog, ErrorNote, Field, Input } from '../../components/ui';
import { ChannelFields } from './channel-fields';

/** The channel being edited: a new one, or one of the list. */
export type EditingChannel = { channel: Channel | null } | null;

/** Which alerts a channel takes, in words, by its lowest severity. */
export const MIN_SEVERITY_WORDS: Record<Severity, string> = {
  info: 'Every alert',
  warning: 'Warning and critical',
  critical: 'Critical only',
};

/**
 * Adds, edits or deletes a channel. The form is checked before it is sent; what the hub still
 * refuses is shown under the form in the hub's words (they name the field), and the field is
 * marked.
 */
export function ChannelDialog({ editing, onClose, onSaved }: { editing: EditingChannel; onClose: () => void; onSaved: () => void }) {
  const channel = editing?.channel ?? null;
  const [form, setForm] = useState<ChannelForm>(() => newChannelForm());
  const [problems, setProblems] = useState<ChannelProblems>({});
  const [error, setError] = useState<string | null>(null);
  /** The field the hub's refusal names: marked, its message shown under the form. */
  const [refused, setRefused] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);

  useEffect(() => {
    if (!editing) return;
    setForm(editing.channel ? formFromChannel(editing.channel) : newChannelForm());
    setProblems({});
    setError(null);
    setRefused(null);
    setConfirmDelete(false);
  }, [editing]);

  const run = async (action: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await action();
      onSaved();
    } catch (err) {
      const message = errorMessage(err);
      setError(message);
      setRefused(problemField(message));
    } finally {
      setBusy(false);
    }
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setRefused(null);
    const checked = channelBody(form);
    if ('problems' in checked) return setProblems(checked.problems);
    setProblems({});
    void run(() => (channel ? api.updateChannel(channel.id, checked.body) : api.createChannel(checked.body)));
  };

  const info = channelTypeInfo(form.type);
  return (
    <Dialog open={editing !== null} onClose={onClose} title={channel ? `Edit “${channel.name}”` : 'New notification channel'} wide>
      <form onSubmit={submit} className="space-y-4" aria-label="Notification channel" noValidate>
        <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
          <Field label="Type">
            <Select name="type" value={form.type} onChange={(e) => setForm(withType(form, e.target.value as ChannelType))}>
              {CHANNEL_TYPES.map((t) => (
                <option key={t.type} value={t.type}>
                  {t.label}
                </option>
              ))}
            </Select>
          </Field>
          <Field label="Name" required error={problems.name}>
            <Input
              name="channel-name"
              value={form.name}
              onChange={(e) => setForm({ ...form, name: e.target.value })}
              placeholder="Phone"
              aria-required
              aria-invalid={!!problems.name || refused === 'name'}
              className={problems.name || refused === 'name' ? 'border-crit' : undefined}
              autoFocus={!channel}
              autoComplete="off"
            />
          </Field>
        </div>
        <p className="text-xs text-muted" data-testid="channel-about">
          {info.about}
        </p>

        <ChannelFields form={form} problems={problems} refused={refused} onChange={setForm} />

        <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 sm:items-end">
          <Field label="Alerts it takes">
            <Select name="min_severity" value={form.minSeverity} onChange={(e) => setForm({ ...form, minSeverity: e.target.value as Severity })}>
              {SEVERITIES.map((s) => (
                <option key={s} value={s}>
                  {MIN_SEVERITY_WORDS[s]}
                </option>
              ))}
            </Select>
          </Field>
          <div className="flex min-h-10 items-center gap-2.5 text-sm sm:min-h-9">
            <Switch checked={form.enabled} onChange={(enabled) => setForm({ ...form, enabled })} label="Enabled" />
            <span className="text-muted">{form.enabled ? 'Enabled' : 'Disabled: nothing is sent'}</span>
          </div>
        </div>

        <ErrorNote message={error} />

        <div className="flex flex-col-reverse gap-2 border-t border-line pt-4 sm:flex-row sm:items-center">
          {channel &&
            (confirmDelete ? (
              <div className="flex flex-wrap items-center gap-2" role="group" aria-label="Confirm delete">
                <span className="text-sm text-muted">Delete this channel? Rules stop sending to it; its log stays.</span>
                <Button variant="danger" busy={busy} onClick={() => void run(() => api.deleteChannel(channel.id))}>
                  Delete channel
                </Button>
                <Button variant="ghost" onClick={() => setConfirmDelete(false)}>
                  Keep
                </Button>
              </div>
            ) : (
              <Button variant="ghost" className="text-crit hover:text-crit" onClick={() => setConfirmDelete(true)}>
                Delete…
              </Button>
            ))}
          <div className="flex gap-2 sm:ml-auto">
            <Button variant="ghost" className="flex-1 sm:flex-none" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" variant="primary" className="flex-1 sm:flex-none" busy={busy && !confirmDelete}>
              {channel ? 'Save channel' : 'Add channel'}
            </Button>
          </div>
        </div>
      </form>
    </Dialog>
  );
}
