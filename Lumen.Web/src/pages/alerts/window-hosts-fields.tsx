import type { HostView } from '../../lib/fleet';
import { describeCovered } from '../../lib/maintenance';
import type { WindowForm, WindowProblems } from '../../lib/maintenance-form';
import { previewNames } from '../../lib/alert-rule-form';
import { parseTags } from '../../lib/tags';
import { useKnownTags } from '../../hooks/use-known-tags';
import { useWindowCoverage } from '../../hooks/use-window-coverage';
import { cx, Field, Input, Spinner } from '../../components/ui';
import { TagPicker } from './tag-picker';

/** The hosts the typed fields cover; dimmed while the hub's answer is for older names. */
function Coverage({ host, scopeTags, hosts }: { host: string; scopeTags: string; hosts: HostView[] | null }) {
  const parsed = parseTags(scopeTags);
  const coverage = useWindowCoverage(host, 'tags' in parsed ? parsed.tags : null, hosts);
  if (coverage.status === 'loading')
    return (
      <p className="flex items-center gap-2 text-xs text-muted">
        <Spinner className="h-3.5 w-3.5" /> Finding the hosts this window covers…
      </p>
    );
  if (coverage.status === 'error')
    return (
      <p className="text-xs text-crit" role="alert">
        {coverage.error}
      </p>
    );
  const { names, more } = previewNames({ hosts: coverage.hosts });
  return (
    <div className={cx('transition-opacity', coverage.stale && 'opacity-50')} aria-busy={coverage.stale} data-testid="window-coverage">
      <p className="text-xs text-muted" aria-live="polite">
        {describeCovered(coverage.hosts.length, coverage.everyone)}
        {'error' in parsed && ' (by name; the scope tags do not read as key=value yet)'}
      </p>
      {names.length > 0 && (
        <ul className="mt-1.5 flex flex-wrap gap-1">
          {names.map((name) => (
            <li key={name} className="rounded-md bg-sunken px-1.5 py-0.5 font-mono text-[11px] text-fg" data-testid="covered-host">
              {name}
            </li>
          ))}
          {more > 0 && <li className="px-1 py-0.5 text-[11px] text-muted">and {more} more</li>}
        </ul>
      )}
    </div>
  );
}

/** Which hosts a window covers: names and globs, and scope tags (picked from the known ones) that every covered host carries. */
export function WindowHostsFields({
  form,
  problems,
  hosts,
  onChange,
}: {
  form: WindowForm;
  problems: WindowProblems;
  hosts: HostView[] | null;
  onChange: (f: WindowForm) => void;
}) {
  const known = useKnownTags();
  return (
    <fieldset className="space-y-3 rounded-xl border border-line bg-sunken/40 p-3 sm:p-4">
      <legend className="px-1 text-xs font-semibold tracking-wide text-fg uppercase">Hosts</legend>
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
        <Field label="Names" error={problems.host} hint="Names or globs, comma separated; empty is every host.">
          <Input
            name="window-host"
            value={form.host}
            onChange={(e) => onChange({ ...form, host: e.target.value })}
            placeholder="nas, web-*"
            spellCheck={false}
            autoComplete="off"
            className={cx(problems.host && 'border-crit')}
          />
        </Field>
        <TagPicker
          label="Scope tags"
          name="scope_tags"
          value={form.scopeTags}
          onChange={(scopeTags) => onChange({ ...form, scopeTags })}
          known={known}
          error={problems.scopeTags}
          hint="key=value pairs a host must all carry; values match ignoring case."
          placeholder="env=home"
          ignoreCase
        />
      </div>
      <Coverage host={form.host} scopeTags={form.scopeTags} hosts={hosts} />
    </fieldset>
  );
}
