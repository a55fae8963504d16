import { type FormEvent, useEffect, useState } from 'react';
import { type AlertRule, SEVERITIES, type Severity } from '../../lib/alerts';
import { formFromRule, newRuleForm, problemField, type RuleForm, type RuleProblems, ruleBody } from '../../lib/alert-rule-form';
import { api, errorMessage } from '../../lib/api';
import { SeverityIcon, severityTone } from '../../components/alert-badges';
import { Switch } from '../../components/controls';
import { Button, cx, Dialog, ErrorNote, Field, Input } from '../../components/ui';
import { RuleChannelFields } from './rule-channel-fields';
import { RuleConditionFields } from './rule-condition-fields';
import { RuleTargetFields } from './rule-target-fields';

/** The rule being edited: a new one, or one of the list. */
export type Editing = { rule: AlertRule | null } | null;

function SeverityPicker({ value, onChange }: { value: Severity; onChange: (s: Severity) => void }) {
  return (
    <div role="radiogroup" aria-label="Severity" className="grid grid-cols-3 gap-1 rounded-lg border border-line bg-sunken p-0.5">
      {SEVERITIES.map((s) => (
        <button
          key={s}
          type="button"
          role="radio"
          aria-checked={s === value}
          onClick={() => onChange(s)}
          className={cx(
            'inline-flex min-h-9 items-center justify-center gap-1.5 rounded-md text-xs font-medium capitalize transition sm:min-h-8',
            s === value ? cx('bg-panel shadow-sm ring-1 ring-line', severityTone[s].text) : 'text-muted hover:text-fg',
          )}
        >
          <SeverityIcon severity={s} />
          {s}
        </button>
      ))}
    </div>
  );
}

/**
 * Creates, edits or deletes a rule. The form is checked before it is sent; what the hub still
 * refuses is shown at the field its message names, or under the form.
 */
export function RuleDialog({ editing, onClose, onSaved }: { editing: Editing; onClose: () => void; onSaved: () => void }) {
  const rule = editing?.rule ?? null;
  const [form, setForm] = useState<RuleForm>(newRuleForm);
  const [problems, setProblems] = useState<RuleProblems>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);

  useEffect(() => {
    if (!editing) return;
    setForm(editing.rule ? formFromRule(editing.rule) : newRuleForm());
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
      const field = problemField(message);
      if (field) setProblems({ [field]: message });
      else setError(message);
    } finally {
      setBusy(false);
    }
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const checked = ruleBody(form);
    if ('problems' in checked) return setProblems(checked.problems);
    setProblems({});
    void run(() => (rule ? api.updateAlertRule(rule.id, checked.body) : api.createAlertRule(checked.body)));
  };

  return (
    <Dialog open={editing !== null} onClose={onClose} title={rule ? `Edit “${rule.name}”` : 'New alert rule'} wide>
      <form onSubmit={submit} className="space-y-4" aria-label="Alert rule" noValidate>
        <div className="grid grid-cols-1 gap-4 sm:grid-cols-[minmax(0,1fr)_auto] sm:items-end">
          <Field label="Name" error={problems.name}>
            <Input name="rule-name" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} placeholder="CPU busy" autoFocus={!rule} />
          </Field>
          <div className="flex min-h-10 items-center gap-2.5 text-sm sm:min-h-9">
            <Switch checked={form.enabled} onChange={(enabled) => setForm({ ...form, enabled })} label="Enabled" />
            <span className="text-muted">{form.enabled ? 'Enabled' : 'Disabled'}</span>
          </div>
        </div>

        <RuleConditionFields form={form} problems={problems} onChange={setForm} />

        <div>
          <span className="mb-1.5 block text-xs font-medium text-muted">Severity</span>
          <SeverityPicker value={form.severity} onChange={(severity) => setForm({ ...form, severity })} />
        </div>

        <RuleTargetFields form={form} problems={problems} onChange={setForm} />

        <RuleChannelFields form={form} problems={problems} onChange={setForm} />

        <ErrorNote message={error} />

        <div className="flex flex-col-reverse gap-2 border-t border-line pt-4 sm:flex-row sm:items-center">
          {rule &&
            (confirmDelete ? (
              <div className="flex flex-wrap items-center gap-2" role="group" aria-label="Confirm delete">
                <span className="text-sm text-muted">Delete this rule? Its firing alerts resolve.</span>
                <Button variant="danger" busy={busy} onClick={() => void run(() => api.deleteAlertRule(rule.id))}>
                  Delete rule
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
              {rule ? 'Save rule' : 'Create rule'}
            </Button>
          </div>
        </div>
      </form>
    </Dialog>
  );
}
