import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { ApiError, api, errorMessage, type Settings as HubSettings } from '../../lib/api';
import { refusalField, SETTING_GROUPS, SETTING_RULES, type SettingProblems, settingChanges, settingsDiffer } from '../../lib/settings-rules';
import { Button, ErrorNote, Panel, PanelHeader, Skeleton } from '../../components/ui';
import { SettingField } from './setting-field';

/**
 * The hub's runtime settings: the agents' interval, how history is kept, clean-up; each field
 * checked against its bounds before a save. What the hub still refuses (a rule between two
 * settings) is shown in its words at the field it names, or above the form.
 */
export function RuntimeSection() {
  const [saved, setSaved] = useState<HubSettings | null>(null);
  const [draft, setDraft] = useState<HubSettings | null>(null);
  const [errors, setErrors] = useState<SettingProblems>({});
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
    const { changes, problems } = settingChanges(saved, draft);
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
      const field = err instanceof ApiError && err.status === 400 ? refusalField(err.message) : null;
      if (field) setErrors({ [field]: errorMessage(err) });
      setError(field ? null : errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const dirty = !!draft && !!saved && settingsDiffer(saved, draft);

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
          SETTING_GROUPS.map((group) => (
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
