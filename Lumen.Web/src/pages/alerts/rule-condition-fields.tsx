import type { AlertMetricName } from '../../lib/alerts';
import { ALERT_METRICS, metricInfo } from '../../lib/alert-metrics';
import { durationReads, metricFields, RATE_UNITS, type RuleForm, type RuleProblems, withMetric } from '../../lib/alert-rule-form';
import { Select } from '../../components/controls';
import { cx, Field, Input } from '../../components/ui';

const measured = ALERT_METRICS.filter((m) => m.threshold === 'value');
const events = ALERT_METRICS.filter((m) => m.threshold !== 'value');

/** A duration's field: what the typed text reads as beside it, the error or the hint under it. */
function DurationField({
  label,
  value,
  hint,
  zero,
  error,
  onChange,
}: {
  label: string;
  value: string;
  hint: string;
  zero: string;
  error?: string;
  onChange: (v: string) => void;
}) {
  const reads = durationReads(value, zero);
  return (
    <Field label={label} hint={hint} error={error}>
      <div className="relative">
        <Input value={value} onChange={(e) => onChange(e.target.value)} className={cx('pr-24 font-mono', error && 'border-crit')} spellCheck={false} />
        <span className="pointer-events-none absolute top-1/2 right-3 -translate-y-1/2 text-xs text-faint" aria-hidden>
          {reads ?? ''}
        </span>
      </div>
    </Field>
  );
}

/** What the rule watches and when it fires; the fields follow the metric (no threshold for events, hours for the disk forecast, units for the scalars). */
export function RuleConditionFields({ form, problems, onChange }: { form: RuleForm; problems: RuleProblems; onChange: (f: RuleForm) => void }) {
  const fields = metricFields(form.metric);
  const info = metricInfo(form.metric);
  const set = (changes: Partial<RuleForm>) => onChange({ ...form, ...changes });
  return (
    <div className="space-y-4">
      <Field label="Metric" hint={info.help} error={problems.metric}>
        <Select name="metric" aria-label="Metric" value={form.metric} onChange={(e) => onChange(withMetric(form, e.target.value as AlertMetricName))}>
          <optgroup label="Measured every report">
            {measured.map((m) => (
              <option key={m.name} value={m.name}>
                {m.label}
                {m.unit ? ` (${m.unit})` : ''}
              </option>
            ))}
          </optgroup>
          <optgroup label="Events">
            {events.map((m) => (
              <option key={m.name} value={m.name}>
                {m.label}
              </option>
            ))}
          </optgroup>
        </Select>
      </Field>

      {fields.threshold === 'value' && (
        <div className="grid grid-cols-[minmax(0,7rem)_minmax(0,1fr)] gap-3">
          <Field label="Fires when">
            <Select
              name="comparator"
              aria-label="Fires when"
              value={form.comparator}
              onChange={(e) => set({ comparator: e.target.value === 'lt' ? 'lt' : 'gt' })}
            >
              <option value="gt">above</option>
              <option value="lt">below</option>
            </Select>
          </Field>
          <Field
            label="Threshold"
            error={problems.threshold}
            hint={Number.isFinite(info.max) ? `${info.min} to ${info.max}${info.unit ? ` ${info.unit}` : ''}` : undefined}
          >
            <div className="flex gap-2">
              <div className="relative min-w-0 flex-1">
                <Input
                  name="threshold"
                  inputMode="decimal"
                  value={form.threshold}
                  onChange={(e) => set({ threshold: e.target.value })}
                  className={cx('tabular', !fields.rate && fields.unit && 'pr-10', problems.threshold && 'border-crit')}
                />
                {!fields.rate && fields.unit && (
                  <span className="pointer-events-none absolute top-1/2 right-3 -translate-y-1/2 text-xs text-faint" aria-hidden>
                    {fields.unit}
                  </span>
                )}
              </div>
              {fields.rate && (
                <Select aria-label="Unit" className="w-24" value={form.rateFactor} onChange={(e) => set({ rateFactor: Number(e.target.value) })}>
                  {RATE_UNITS.map((u) => (
                    <option key={u.label} value={u.factor}>
                      {u.label}
                    </option>
                  ))}
                </Select>
              )}
            </div>
          </Field>
        </div>
      )}

      {fields.threshold === 'hours' && (
        <Field label="Fires when the disk would be full within" error={problems.threshold} hint="Hours, at the trend of the last 6 hours.">
          <div className="relative">
            <Input
              name="threshold"
              inputMode="decimal"
              value={form.threshold}
              onChange={(e) => set({ threshold: e.target.value })}
              className={cx('tabular pr-14', problems.threshold && 'border-crit')}
            />
            <span className="pointer-events-none absolute top-1/2 right-3 -translate-y-1/2 text-xs text-faint" aria-hidden>
              hours
            </span>
          </div>
        </Field>
      )}

      {fields.container && (
        <Field label="Container" error={problems.container} hint="A name or a glob such as web-*; empty watches every container.">
          <Input
            name="container"
            value={form.container}
            onChange={(e) => set({ container: e.target.value })}
            placeholder="every container"
            spellCheck={false}
          />
        </Field>
      )}

      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        {fields.hold && (
          <DurationField
            label={fields.holdLabel}
            value={form.hold}
            hint={fields.holdHint}
            zero="at once"
            error={problems.hold}
            onChange={(hold) => set({ hold })}
          />
        )}
        <DurationField
          label="Cooldown"
          value={form.cooldown}
          zero="none"
          hint="A new firing this soon after the last is recorded as suppressed: nobody is told. Up to 7 d."
          error={problems.cooldown}
          onChange={(cooldown) => set({ cooldown })}
        />
      </div>
    </div>
  );
}
