import { type ChannelForm, type ChannelProblems, keepsStoredSecret } from '../../lib/channel-form';
import { SECRET_MASK } from '../../lib/channels';
import { type ChannelField, channelTypeInfo } from '../../lib/channel-types';
import { Select, Switch } from '../../components/controls';
import { cx, Field, Input } from '../../components/ui';

/** A secret's hint: kept as stored while it shows the mask, else the field's own hint. */
function secretHint(field: ChannelField, kept: boolean): string | undefined {
  if (kept) return 'Stored and hidden. Leave it to keep it, or type a new one.';
  return field.hint;
}

function FieldInput({
  field,
  value,
  kept,
  invalid,
  onChange,
}: {
  field: ChannelField;
  value: string;
  kept: boolean;
  invalid: boolean;
  onChange: (v: string) => void;
}) {
  if (field.kind === 'select') {
    const options = field.options ?? [];
    // A value the list does not offer (written by the API or the Go hub) stays choosable, as it is.
    const own = value !== '' && !options.some((o) => o.value === value) ? [{ value, label: value }] : [];
    return (
      <Select name={field.key} value={value} onChange={(e) => onChange(e.target.value)} aria-invalid={invalid}>
        {[...options, ...own].map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </Select>
    );
  }
  return (
    <Input
      name={field.key}
      type={field.secret ? 'password' : field.kind === 'email' ? 'email' : field.kind === 'url' ? 'url' : 'text'}
      inputMode={field.kind === 'number' ? 'numeric' : undefined}
      value={value}
      placeholder={field.placeholder}
      // A password manager has no business filling a channel's secret with the user's own password.
      autoComplete={field.secret ? 'new-password' : 'off'}
      spellCheck={false}
      aria-required={field.required}
      aria-invalid={invalid}
      data-kept={kept || undefined}
      // Typing into a kept secret replaces the mask rather than adding to it.
      onFocus={(e) => kept && e.currentTarget.select()}
      onChange={(e) => onChange(e.target.value)}
      className={cx(field.kind !== 'text' && !field.secret && 'font-mono', invalid && 'border-crit')}
    />
  );
}

/** The chosen type's config fields: required ones marked, secrets as password inputs that show the hub's mask, each with its problem or hint. */
export function ChannelFields({
  form,
  problems,
  refused,
  onChange,
}: {
  form: ChannelForm;
  problems: ChannelProblems;
  /** The field the hub's last refusal named (its message is under the form): marked here. */
  refused: string | null;
  onChange: (f: ChannelForm) => void;
}) {
  const fields = channelTypeInfo(form.type).fields;
  if (fields.length === 0) return null;
  const set = (key: string, value: string | boolean) => onChange({ ...form, values: { ...form.values, [key]: value } });
  return (
    <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
      {fields.map((field) => {
        const value = form.values[field.key];
        if (field.kind === 'switch')
          return (
            <div key={field.key} className="sm:col-span-2">
              <div className="flex items-center gap-2.5 text-sm">
                <Switch checked={value === true} onChange={(on) => set(field.key, on)} label={field.label} />
                <span className="text-fg">{field.label}</span>
              </div>
              {field.hint && <p className="mt-1 text-xs text-faint">{field.hint}</p>}
            </div>
          );
        const text = typeof value === 'string' ? value : '';
        const kept = !!field.secret && text === SECRET_MASK && keepsStoredSecret(form, field.key);
        const wide = field.kind === 'url' || field.kind === 'emails' || field.secret;
        return (
          <div key={field.key} className={cx(wide && 'sm:col-span-2')}>
            <Field label={field.label} required={field.required} error={problems[field.key]} hint={field.secret ? secretHint(field, kept) : field.hint}>
              <FieldInput field={field} value={text} kept={kept} invalid={!!problems[field.key] || refused === field.key} onChange={(v) => set(field.key, v)} />
            </Field>
          </div>
        );
      })}
    </div>
  );
}
