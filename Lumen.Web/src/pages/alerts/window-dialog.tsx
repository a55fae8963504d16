import { type FormEvent, useEffect, useState } from 'react';
import { api, errorMessage, hubNow } from '../../lib/api';
import type { HostView } from '../../lib/fleet';
import { type MaintenanceWindow, recurrenceLabel } from '../../lib/maintenance';
import { formFromWindow, hasStarted, newWindowForm, type WindowForm, type WindowProblems, windowBody, windowProblemField } from '../../lib/maintenance-form';
import { Button, cx, Dialog, ErrorNote, Field, Input, Segmented } from '../../components/ui';
import { WindowHostsFields } from './window-hosts-fields';

/** The window being edited: a new one, or one of the list. */
export type EditingWindow = { window: MaintenanceWindow | null } | null;

const zone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** How the typed window repeats, once its times read: "Every Friday 22:00 – Saturday 02:00". */
function repeatsHint(form: WindowForm): string {
  const checked = windowBody({ ...form, scopeTags: '' });
  const base = 'Again every 7 days from the start, for ever. Weeks are counted in UTC, so with summer time it moves an hour on your clock for half the year.';
  if (!('body' in checked)) return base;
  return `${recurrenceLabel({ ...checked.body, id: 0, created_at: '' })}. ${base}`;
}

function TimeFields({
  form,
  problems,
  started,
  onChange,
}: {
  form: WindowForm;
  problems: WindowProblems;
  started: boolean;
  onChange: (f: WindowForm) => void;
}) {
  return (
    <div>
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
        <Field label="Starts" error={problems.start} hint={started ? 'It has begun: the hub keeps its start.' : undefined}>
          <Input
            type="datetime-local"
            name="window-start"
            value={form.start}
            onChange={(e) => onChange({ ...form, start: e.target.value })}
            className={cx('tabular', problems.start && 'border-crit')}
          />
        </Field>
        <Field label="Ends" error={problems.end}>
          <Input
            type="datetime-local"
            name="window-end"
            value={form.end}
            onChange={(e) => onChange({ ...form, end: e.target.value })}
            className={cx('tabular', problems.end && 'border-crit')}
          />
        </Field>
      </div>
      <p className="mt-1.5 text-xs text-faint">Your local time ({zone()}); the hub keeps UTC.</p>
    </div>
  );
}

/**
 * Creates, edits or deletes a maintenance window. The form is checked before it is sent; what the
 * hub still refuses (a bad pattern, a started window's start moved) is shown at its field.
 */
export function WindowDialog({
  editing,
  hosts,
  onClose,
  onSaved,
}: {
  editing: EditingWindow;
  hosts: HostView[] | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const stored = editing?.window ?? null;
  const [form, setForm] = useState<WindowForm>(() => newWindowForm(hubNow()));
  const [problems, setProblems] = useState<WindowProblems>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);

  useEffect(() => {
    if (!editing) return;
    setForm(editing.window ? formFromWindow(editing.window) : newWindowForm(hubNow()));
    setProblems({});
    setError(null);
    setConfirmDelete(false);
  }, [editing]);

  const run = async (action: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await action();
      onSaved();
    } catch (err) {
      const message = errorMessage(err);
      const field = windowProblemField(message);
      if (field) setProblems({ [field]: message });
      else setError(message);
    } finally {
      setBusy(false);
    }
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const checked = windowBody(form);
    if ('problems' in checked) return setProblems(checked.problems);
    setProblems({});
    void run(() => (stored ? api.updateWindow(stored.id, checked.body) : api.createWindow(checked.body)));
  };

  return (
    <Dialog open={editing !== null} onClose={onClose} title={stored ? 'Edit maintenance window' : 'New maintenance window'} wide>
      <form onSubmit={submit} className="space-y-4" aria-label="Maintenance window" noValidate>
        <Field label="Reason" error={problems.reason} hint="Shown in the list; up to 256 characters.">
          <Input
            name="window-reason"
            value={form.reason}
            onChange={(e) => setForm({ ...form, reason: e.target.value })}
            placeholder="Router firmware"
            autoFocus={!stored}
          />
        </Field>

        <TimeFields form={form} problems={problems} started={hasStarted(form, hubNow())} onChange={setForm} />

        <div>
          <span className="mb-1.5 block text-xs font-medium text-muted">Repeats</span>
          <Segmented
            label="Repeats"
            value={form.weekly ? 'weekly' : 'once'}
            onChange={(v) => setForm({ ...form, weekly: v === 'weekly' })}
            options={[
              { value: 'once', label: 'Once' },
              { value: 'weekly', label: 'Every week' },
            ]}
          />
          {problems.recurrence ? (
            <span className="mt-1 block text-xs text-crit">{problems.recurrence}</span>
          ) : (
            form.weekly && (
              <span className="mt-1 block text-xs text-faint" data-testid="repeats-hint">
                {repeatsHint(form)}
              </span>
            )
          )}
        </div>

        <WindowHostsFields form={form} problems={problems} hosts={hosts} onChange={setForm} />

        <p className="text-xs text-muted">While the window runs, its hosts’ alerts are still recorded, marked suppressed; nobody is notified.</p>

        <ErrorNote message={error} />

        <div className="flex flex-col-reverse gap-2 border-t border-line pt-4 sm:flex-row sm:items-center">
          {stored &&
            (confirmDelete ? (
              <div className="flex flex-wrap items-center gap-2" role="group" aria-label="Confirm delete">
                <span className="text-sm text-muted">Delete this window? Its hosts’ new alerts are no longer suppressed by it.</span>
                <Button variant="danger" busy={busy} onClick={() => void run(() => api.deleteWindow(stored.id))}>
                  Delete window
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
              {stored ? 'Save window' : 'Create window'}
            </Button>
          </div>
        </div>
      </form>
    </Dialog>
  );
}
