import { describePreview, previewNames, type RuleForm, type RuleProblems } from '../../lib/alert-rule-form';
import { useKnownTags } from '../../hooks/use-known-tags';
import { useRulePreview } from '../../hooks/use-rule-preview';
import { cx, Field, Input, Spinner } from '../../components/ui';
import { TagPicker } from './tag-picker';

/** Which hosts the typed fields watch, as the hub answers; dimmed while the answer is for older text. */
function HostPreview({ host, hostSelector }: { host: string; hostSelector: string }) {
  const result = useRulePreview(host, hostSelector);
  if (result.status === 'loading')
    return (
      <p className="flex items-center gap-2 text-xs text-muted">
        <Spinner className="h-3.5 w-3.5" /> Finding the hosts this rule watches…
      </p>
    );
  if (result.status === 'error')
    return (
      <p className="text-xs text-crit" role="alert">
        {result.error}
      </p>
    );
  const stale = result.host !== host || result.hostSelector !== hostSelector;
  const { names, more } = previewNames(result.preview);
  return (
    <div className={cx('transition-opacity', stale && 'opacity-50')} aria-busy={stale} data-testid="rule-preview">
      <p className="text-xs text-muted" aria-live="polite">
        {describePreview(result.preview, result.host, result.hostSelector)}
      </p>
      {names.length > 0 && (
        <ul className="mt-1.5 flex flex-wrap gap-1">
          {names.map((name) => (
            <li key={name} className="rounded-md bg-sunken px-1.5 py-0.5 font-mono text-[11px] text-fg" data-testid="preview-host">
              {name}
            </li>
          ))}
          {more > 0 && <li className="px-1 py-0.5 text-[11px] text-muted">and {more} more</li>}
        </ul>
      )}
    </div>
  );
}

/** The hosts a rule watches: names and globs, or a tag selector (with the known tags to pick from) that wins over them; with the hub's preview as the user types. */
export function RuleTargetFields({ form, problems, onChange }: { form: RuleForm; problems: RuleProblems; onChange: (f: RuleForm) => void }) {
  const known = useKnownTags();
  const selectorWins = form.hostSelector.trim().length > 0;
  return (
    <fieldset className="space-y-3 rounded-xl border border-line bg-sunken/40 p-3 sm:p-4">
      <legend className="px-1 text-xs font-semibold tracking-wide text-fg uppercase">Hosts</legend>
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
        <Field
          label="Names"
          error={problems.host}
          hint={selectorWins ? 'Not used: the tag selector decides.' : 'Names or globs, comma separated; empty is every host.'}
        >
          <Input
            name="host"
            value={form.host}
            onChange={(e) => onChange({ ...form, host: e.target.value })}
            placeholder="nas, pi-*"
            spellCheck={false}
            autoComplete="off"
            className={cx(selectorWins && 'text-faint line-through decoration-faint/60', problems.host && 'border-crit')}
          />
        </Field>
        <TagPicker
          label="Tag selector"
          name="host_selector"
          value={form.hostSelector}
          onChange={(hostSelector) => onChange({ ...form, hostSelector })}
          known={known}
          error={problems.hostSelector}
          hint="key=value pairs, all must match exactly."
          placeholder="env=home, role=nas"
        />
      </div>
      <HostPreview host={form.host} hostSelector={form.hostSelector} />
    </fieldset>
  );
}
