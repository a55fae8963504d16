import { useCallback, useEffect, useState } from 'react';
import type { AlertRule } from '../../lib/alerts';
import { api, errorMessage, hubNow } from '../../lib/api';
import { NO_HOSTS } from '../../lib/live-stream';
import { firingAlerts, useFiringAlerts } from '../../hooks/use-firing-alerts';
import { useLiveStream } from '../../hooks/use-live-stream';
import { useNow } from '../../hooks/use-now';
import { FiringPanel } from './firing-panel';
import { HistoryPanel } from './history-panel';
import { MaintenancePanel } from './maintenance-panel';
import { type Editing, RuleDialog } from './rule-dialog';
import { RulesPanel } from './rules-panel';

const ignoreSnapshots = () => undefined;

/**
 * Alerts: what is firing now (live), the rules with their editor, the maintenance windows with
 * theirs, and the history. A host's silence is set on its own page.
 */
export default function Alerts() {
  const [rules, setRules] = useState<AlertRule[] | null>(null);
  const [rulesError, setRulesError] = useState<string | null>(null);
  const [editing, setEditing] = useState<Editing>(null);
  const firing = useFiringAlerts();
  // The page shows no host's figures: a stream naming no host brings the alert frames alone.
  useLiveStream(NO_HOSTS, ignoreSnapshots);
  useNow(5000);
  const nowMs = hubNow();

  const loadRules = useCallback(async () => {
    try {
      setRules(await api.alertRules());
      setRulesError(null);
    } catch (err) {
      setRulesError(errorMessage(err));
    }
  }, []);
  useEffect(() => {
    void loadRules();
  }, [loadRules]);

  return (
    <div className="space-y-5">
      <div>
        <h1 className="text-lg font-semibold tracking-tight">Alerts</h1>
        <p className="mt-0.5 text-sm text-muted">What is firing now, the rules that decide it, when maintenance quiets it, and what fired before.</p>
      </div>
      <FiringPanel firing={firing} nowMs={nowMs} onRetry={() => void firingAlerts.resync()} />
      <RulesPanel
        rules={rules}
        error={rulesError}
        onRetry={() => void loadRules()}
        onNew={() => setEditing({ rule: null })}
        onEdit={(rule) => setEditing({ rule })}
        onChanged={(rule) => setRules((list) => list?.map((r) => (r.id === rule.id ? rule : r)) ?? null)}
      />
      <MaintenancePanel nowMs={nowMs} />
      <HistoryPanel nowMs={nowMs} />
      <RuleDialog
        editing={editing}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          void loadRules();
        }}
      />
    </div>
  );
}
