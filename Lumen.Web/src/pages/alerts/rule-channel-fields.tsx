import { useEffect, useState } from 'react';
import type { RuleForm, RuleProblems } from '../../lib/alert-rule-form';
import { api, errorMessage } from '../../lib/api';
import type { Channel } from '../../lib/channels';
import { channelTypeInfo } from '../../lib/channel-types';
import { Link } from '../../components/link';
import { cx } from '../../components/ui';

/** Which channels the rule's alerts go to: the ones ticked, or every enabled channel when none is, as the hub routes them. */
export function RuleChannelFields({ form, problems, onChange }: { form: RuleForm; problems: RuleProblems; onChange: (f: RuleForm) => void }) {
  const [channels, setChannels] = useState<Channel[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api
      .channels()
      .then(setChannels)
      .catch((err) => setError(errorMessage(err)));
  }, []);

  const chosen = new Set(form.channelIds);
  const toggle = (id: number, on: boolean) =>
    onChange({ ...form, channelIds: on ? [...form.channelIds.filter((c) => c !== id), id] : form.channelIds.filter((c) => c !== id) });
  // A linked channel that is gone stays listed, ticked, so the link can be removed.
  const missing = channels ? form.channelIds.filter((id) => !channels.some((c) => c.id === id)) : [];

  return (
    <fieldset className="space-y-2 rounded-xl border border-line bg-sunken/40 p-3 sm:p-4" data-testid="rule-channels">
      <legend className="px-1 text-xs font-semibold tracking-wide text-fg uppercase">Notify</legend>
      <p className="text-xs text-muted" aria-live="polite" data-testid="rule-channels-hint">
        {form.channelIds.length === 0
          ? 'None chosen: every enabled channel gets this rule’s alerts.'
          : 'Only the chosen channels get this rule’s alerts, each from its own lowest severity.'}
      </p>
      {error && <p className="text-xs text-crit">{error}</p>}
      {channels && channels.length === 0 && (
        <p className="text-xs text-muted">
          No channel yet: alerts show on the dashboard only.{' '}
          <Link href="/settings#notifications" className="font-medium text-accent">
            Add one in Settings
          </Link>
          .
        </p>
      )}
      {channels && (channels.length > 0 || missing.length > 0) && (
        <ul className="grid grid-cols-1 gap-1 sm:grid-cols-2">
          {channels.map((c) => (
            <li key={c.id}>
              <label className={cx('flex min-h-9 cursor-pointer items-center gap-2 rounded-lg px-2 text-sm hover:bg-sunken', !c.enabled && 'text-muted')}>
                <input
                  type="checkbox"
                  className="h-4 w-4 accent-accent"
                  aria-label={`${c.name} (${channelTypeInfo(c.type).label}${c.enabled ? '' : ', disabled'})`}
                  checked={chosen.has(c.id)}
                  onChange={(e) => toggle(c.id, e.target.checked)}
                />
                <span className="truncate">{c.name}</span>
                <span className="text-[11px] text-faint">
                  {channelTypeInfo(c.type).label}
                  {c.enabled ? '' : ', disabled'}
                </span>
              </label>
            </li>
          ))}
          {missing.map((id) => (
            <li key={id}>
              <label className="flex min-h-9 cursor-pointer items-center gap-2 rounded-lg px-2 text-sm text-muted hover:bg-sunken">
                <input type="checkbox" className="h-4 w-4" checked onChange={() => toggle(id, false)} />
                channel {id} (deleted)
              </label>
            </li>
          ))}
        </ul>
      )}
      {problems.channels && <p className="text-xs text-crit">{problems.channels}</p>}
    </fieldset>
  );
}
