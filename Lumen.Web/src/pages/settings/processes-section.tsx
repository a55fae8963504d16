import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { ApiError, api, errorMessage } from '../../lib/api';
import {
  pickProcessSettings,
  type ProcessProblems,
  type ProcessSettings,
  type ProcessSortBy,
  processChanges,
  processRefusalField,
  REDACT_REGEX_MAX,
  TOP_N_MAX,
  TOP_N_MIN,
} from '../../lib/processes';
import { Button, cx, ErrorNote, Field, Input, Panel, PanelHeader, Segmented, Skeleton } from '../../components/ui';

/**
 * Whether agents send their busiest processes, how many, in which order, and what else to hide
 * in command lines. Handed to every agent in its policy (read about once a minute); a host with
 * LUMEN_AGENT_PROCESSES=false never sends them.
 */
export function ProcessesSection() {
  const [saved, setSaved] = useState<ProcessSettings | null>(null);
  const [draft, setDraft] = useState<ProcessSettings | null>(null);
  const [topN, setTopN] = useState('');
  const [errors, setErrors] = useState<ProcessProblems>({});
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const take = useCallback((s: ProcessSettings) => {
    const picked = pickProcessSettings(s);
    setSaved(picked);
    setDraft(picked);
    setTopN(String(picked.processes_top_n));
  }, []);
  const load = useCallback(async () => {
    try {
      take(await api.settings());
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    }
  }, [take]);
  useEffect(() => {
    void load();
  }, [load]);

  const current = draft ? { ...draft, processes_top_n: topN.trim() === '' ? Number.NaN : Number(topN) } : null;
  const dirty = !!saved && !!current && (Object.keys(saved) as (keyof ProcessSettings)[]).some((k) => saved[k] !== current[k]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!saved || !current) return;
    const { changes, problems } = processChanges(saved, current);
    setErrors(problems);
    setNotice(null);
    if (Object.keys(problems).length > 0) return;
    if (Object.keys(changes).length === 0) return setNotice('Nothing changed.');
    setBusy(true);
    try {
      take(await api.saveSettings(changes));
      setError(null);
      setNotice('Saved. Agents follow within about a minute.');
    } catch (err) {
      const field = err instanceof ApiError && err.status === 400 ? processRefusalField(err.message) : null;
      if (field) setErrors({ [field]: errorMessage(err) });
      setError(field ? null : errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Panel>
      <PanelHeader title="Processes" subtitle="The busiest processes of each host, live on its page; never stored." />
      <form onSubmit={submit} className="space-y-4 p-4 sm:p-5" aria-label="Processes settings">
        <ErrorNote message={error} onRetry={saved ? undefined : () => void load()} />
        {!draft ? (
          <Skeleton className="h-24 w-full" />
        ) : (
          <>
            <label className="flex items-start gap-3 text-sm">
              <input
                type="checkbox"
                name="processes_enabled"
                className="mt-0.5 h-4 w-4 accent-accent"
                checked={draft.processes_enabled}
                onChange={(e) => setDraft({ ...draft, processes_enabled: e.target.checked })}
              />
              <span>
                <span className="font-medium">Agents send their top processes</span>
                <span className="block text-xs text-faint">
                  Off by default. A host whose agent has <code className="font-mono text-[11px]">LUMEN_AGENT_PROCESSES=false</code> never sends them.
                </span>
              </span>
            </label>
            <div className={cx('grid grid-cols-1 gap-3 sm:grid-cols-2', !draft.processes_enabled && 'opacity-60')}>
              <Field label="How many" error={errors.processes_top_n} hint={`${TOP_N_MIN} to ${TOP_N_MAX} a frame.`}>
                <Input
                  name="processes_top_n"
                  inputMode="numeric"
                  value={topN}
                  onChange={(e) => setTopN(e.target.value)}
                  className={cx('font-mono', errors.processes_top_n && 'border-crit')}
                />
              </Field>
              <div>
                <span className="mb-1.5 block text-xs font-medium text-muted">Busiest by</span>
                <Segmented<ProcessSortBy>
                  label="Busiest by"
                  value={draft.processes_sort_by}
                  options={[
                    { value: 'cpu', label: 'CPU' },
                    { value: 'mem', label: 'Memory' },
                  ]}
                  onChange={(v) => setDraft({ ...draft, processes_sort_by: v })}
                />
              </div>
            </div>
            <Field
              label="Also hide in command lines"
              error={errors.processes_redact_regex}
              hint={`A regular expression (no backreferences or lookarounds, as in Go), at most ${REDACT_REGEX_MAX} characters; each match is sent as ***. Values of password=, token=, anything with secret, and the argument after --key, --password or --token are always hidden.`}
            >
              <Input
                name="processes_redact_regex"
                value={draft.processes_redact_regex}
                onChange={(e) => setDraft({ ...draft, processes_redact_regex: e.target.value })}
                className={cx('font-mono', errors.processes_redact_regex && 'border-crit')}
                spellCheck={false}
                placeholder="e.g. AKIA[0-9A-Z]{16}"
              />
            </Field>
          </>
        )}
        <div className="flex items-center justify-end gap-3">
          {notice && (
            <span className="text-sm text-muted" role="status">
              {notice}
            </span>
          )}
          <Button type="submit" variant="primary" busy={busy} disabled={!dirty}>
            Save processes
          </Button>
        </div>
      </form>
    </Panel>
  );
}
