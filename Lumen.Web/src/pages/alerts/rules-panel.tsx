import { useState } from 'react';
import type { AlertRule } from '../../lib/alerts';
import { describeCondition, describeHold, describeTargets } from '../../lib/alert-metrics';
import { bodyFromRule } from '../../lib/alert-rule-form';
import { api, errorMessage } from '../../lib/api';
import { SeverityBadge } from '../../components/alert-badges';
import { Switch } from '../../components/controls';
import { Button, cx, ErrorNote, Panel, PanelHeader, Skeleton } from '../../components/ui';

const COLUMNS = 'sm:grid sm:grid-cols-[minmax(0,1.3fr)_minmax(0,1.3fr)_6rem_minmax(0,1fr)_6.5rem_7rem] sm:items-center sm:gap-4';

function RuleRow({ rule, onEdit, onChanged }: { rule: AlertRule; onEdit: () => void; onChanged: (r: AlertRule) => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const hold = describeHold(rule);
  const toggle = async (enabled: boolean) => {
    setBusy(true);
    try {
      onChanged(await api.updateAlertRule(rule.id, bodyFromRule(rule, { enabled })));
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <li className="px-4 py-3 sm:px-5" data-testid="alert-rule" data-rule={rule.name} data-enabled={rule.enabled}>
      <div className={cx('flex flex-col gap-2', COLUMNS)}>
        <div className="flex min-w-0 items-center justify-between gap-2 sm:justify-start">
          <span className={cx('truncate font-medium', rule.enabled ? 'text-fg' : 'text-muted')}>{rule.name}</span>
          <SeverityBadge severity={rule.severity} className="sm:hidden" />
        </div>
        {/* On a phone one line: condition, hold, hosts; from sm up each is a cell of the row's grid. */}
        <div className="flex min-w-0 flex-wrap items-baseline gap-x-1.5 text-sm sm:contents">
          <div className="min-w-0 text-fg" data-testid="rule-condition">
            {describeCondition(rule)}
          </div>
          <div className={cx('text-muted', hold === '–' && 'max-sm:hidden')}>
            <span className="text-faint sm:hidden">· </span>
            {hold === '–' || hold === 'at once' ? '' : <span className="sm:hidden">for </span>}
            {hold}
          </div>
          <div className="min-w-0 truncate text-muted" title={describeTargets(rule)}>
            <span className="text-faint sm:hidden">· on </span>
            {describeTargets(rule)}
          </div>
        </div>
        <div className="hidden sm:block">
          <SeverityBadge severity={rule.severity} />
        </div>
        <div className="flex items-center justify-between gap-3">
          <span className="flex items-center gap-2">
            <Switch checked={rule.enabled} onChange={(on) => void toggle(on)} busy={busy} label={`${rule.name} enabled`} />
            <span className="text-xs text-muted sm:sr-only">{rule.enabled ? 'Enabled' : 'Disabled'}</span>
          </span>
          <Button variant="ghost" className="px-2.5" onClick={onEdit} aria-label={`Edit ${rule.name}`}>
            Edit
          </Button>
        </div>
      </div>
      {error && (
        <div className="mt-2">
          <ErrorNote message={error} />
        </div>
      )}
    </li>
  );
}

/** Every rule, newest first: what it watches, how long it holds, which hosts, its severity, on or off, and its editor. */
export function RulesPanel({
  rules,
  error,
  onRetry,
  onNew,
  onEdit,
  onChanged,
}: {
  rules: AlertRule[] | null;
  error: string | null;
  onRetry: () => void;
  onNew: () => void;
  onEdit: (rule: AlertRule) => void;
  onChanged: (rule: AlertRule) => void;
}) {
  return (
    <Panel data-testid="rules-panel">
      <PanelHeader
        title="Rules"
        subtitle="What fires an alert. A rule judges every report of every host it watches."
        actions={
          <Button variant="primary" onClick={onNew}>
            <svg viewBox="0 0 20 20" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" aria-hidden>
              <path d="M10 4v12M4 10h12" />
            </svg>
            New rule
          </Button>
        }
      />
      {error && (
        <div className="px-4 pt-3 sm:px-5">
          <ErrorNote message={error} onRetry={onRetry} />
        </div>
      )}
      {rules === null ? (
        <div className="space-y-3 p-5">
          <Skeleton className="h-10 w-full" />
          <Skeleton className="h-10 w-full" />
        </div>
      ) : rules.length === 0 ? (
        <div className="px-5 py-10 text-center">
          <p className="font-medium">No rules</p>
          <p className="mt-1 text-sm text-muted">Nothing fires until a rule says when. Start with CPU, memory or a host going offline.</p>
        </div>
      ) : (
        <>
          <div className={cx('hidden border-b border-line px-5 py-2 text-[11px] font-medium tracking-wide text-faint uppercase', COLUMNS)} aria-hidden>
            <span>Name</span>
            <span>Condition</span>
            <span>For</span>
            <span>Hosts</span>
            <span>Severity</span>
            <span>Enabled</span>
          </div>
          <ul className="divide-y divide-line">
            {rules.map((rule) => (
              <RuleRow key={rule.id} rule={rule} onEdit={() => onEdit(rule)} onChanged={onChanged} />
            ))}
          </ul>
        </>
      )}
    </Panel>
  );
}
