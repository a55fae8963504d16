import { useCallback, useEffect, useState } from 'react';
import { api, errorMessage, hubNow } from '../../lib/api';
import type { HostView } from '../../lib/fleet';
import { type MaintenanceWindow, nextChange, type WindowState } from '../../lib/maintenance';
import { Button, cx, ErrorNote, Panel, PanelHeader, Segmented, Skeleton } from '../../components/ui';
import { type EditingWindow, WindowDialog } from './window-dialog';
import { WindowRow } from './window-row';

type View = 'current' | 'past';
type Group = { state: WindowState; title: string; windows: MaintenanceWindow[] };

/** Reloading at the next start or end would wait for days: look again at least this often. */
const LONGEST_WAIT_MS = 10 * 60_000;

async function loadGroups(view: View): Promise<Group[]> {
  if (view === 'past') return [{ state: 'past', title: 'Ended', windows: await api.maintenance('past') }];
  const [active, upcoming] = await Promise.all([api.maintenance('active'), api.maintenance('upcoming')]);
  return [
    { state: 'active', title: 'Running', windows: active },
    { state: 'upcoming', title: 'Upcoming', windows: upcoming },
  ];
}

/**
 * Maintenance windows: running and upcoming ones (or the ended ones), each with the hosts it
 * covers, and the editor. The list is asked again when a listed window starts or ends.
 */
export function MaintenancePanel({ nowMs }: { nowMs: number }) {
  const [view, setView] = useState<View>('current');
  const [groups, setGroups] = useState<Group[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [hosts, setHosts] = useState<HostView[] | null>(null);
  const [editing, setEditing] = useState<EditingWindow>(null);

  const load = useCallback(async () => {
    try {
      setGroups(await loadGroups(view));
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    }
  }, [view]);
  useEffect(() => {
    void load();
  }, [load]);

  // Scope tags are matched against the hosts' own tags: fetched with the page and whenever the editor opens.
  const loadHosts = useCallback(() => {
    api
      .hosts()
      .then(setHosts)
      .catch(() => undefined);
  }, []);
  useEffect(loadHosts, [loadHosts]);

  useEffect(() => {
    if (!groups || view === 'past') return;
    const at = nextChange(
      groups.flatMap((g) => g.windows),
      hubNow(),
    );
    const wait = at === null ? LONGEST_WAIT_MS : Math.min(LONGEST_WAIT_MS, Math.max(1000, at - hubNow() + 1000));
    const timer = setTimeout(() => void load(), wait);
    return () => clearTimeout(timer);
  }, [groups, view, load]);

  const open = (next: EditingWindow) => {
    loadHosts();
    setEditing(next);
  };
  const shown = groups?.filter((g) => g.windows.length > 0) ?? [];

  return (
    <Panel data-testid="maintenance-panel">
      <PanelHeader
        title="Maintenance windows"
        subtitle="While a window runs, the alerts of the hosts it covers are still recorded, marked suppressed; nobody is notified."
        actions={
          <>
            <Segmented
              label="Which windows"
              size="sm"
              value={view}
              onChange={(next) => {
                setView(next);
                setGroups(null);
              }}
              options={[
                // On a phone the short word, so the switch and the button share the header's line.
                {
                  value: 'current',
                  title: 'Running and upcoming windows',
                  label: (
                    <>
                      <span className="sm:hidden">Current</span>
                      <span className="max-sm:hidden">Running &amp; upcoming</span>
                    </>
                  ),
                },
                { value: 'past', label: 'Ended' },
              ]}
            />
            <Button variant="primary" className="whitespace-nowrap" onClick={() => open({ window: null })}>
              <svg viewBox="0 0 20 20" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" aria-hidden>
                <path d="M10 4v12M4 10h12" />
              </svg>
              New window
            </Button>
          </>
        }
      />
      {error && (
        <div className="px-4 pt-3 sm:px-5">
          <ErrorNote message={error} onRetry={() => void load()} />
        </div>
      )}
      {groups === null ? (
        <div className="space-y-3 p-5" aria-busy="true">
          <Skeleton className="h-10 w-full" />
        </div>
      ) : shown.length === 0 ? (
        <div className="px-5 py-8 text-center" data-testid="no-windows">
          <p className="font-medium">{view === 'past' ? 'No window has ended yet' : 'No maintenance planned'}</p>
          {view === 'current' && (
            <p className="mt-1 text-sm text-muted">Plan one before a reboot or an upgrade: its hosts’ alerts then notify nobody while it runs.</p>
          )}
        </div>
      ) : (
        shown.map((group, i) => (
          <section key={group.state} aria-label={group.title}>
            <h3 className={cx('border-b border-line px-4 py-2 text-[11px] font-medium tracking-wide text-faint uppercase sm:px-5', i > 0 && 'border-t')}>
              {group.title} <span className="tabular">({group.windows.length})</span>
            </h3>
            <ul className="divide-y divide-line">
              {group.windows.map((w) => (
                <WindowRow key={w.id} window={w} state={group.state} nowMs={nowMs} hosts={hosts} onEdit={() => open({ window: w })} />
              ))}
            </ul>
          </section>
        ))
      )}
      <WindowDialog
        editing={editing}
        hosts={hosts}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          void load();
        }}
      />
    </Panel>
  );
}
