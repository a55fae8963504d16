import type { LiveSnapshot } from '../../lib/protocol';
import { formatMiB } from '../../lib/processes';
import { formatPct } from '../../lib/units';
import { useHostProcesses } from '../../hooks/use-host-processes';
import { ErrorNote, Panel, PanelHeader } from '../../components/ui';

/**
 * The host's busiest processes as its latest frame listed them, following the live frames.
 * Shown only while the host sends them: off in the hub's settings (the default), or
 * LUMEN_AGENT_PROCESSES=false on the host, and there is no panel.
 */
export function ProcessesPanel({ hostId, latest }: { hostId: number; latest: LiveSnapshot | null }) {
  const { data, error } = useHostProcesses(hostId, latest?.ts ?? null);
  if (error) return <ErrorNote message={`The processes could not be read: ${error}`} />;
  if (!data || data.processes.length === 0) return null;

  return (
    <Panel>
      <PanelHeader title="Processes" subtitle={`The busiest ${data.processes.length}, CPU as a share of one core; command lines redacted by the agent.`} />
      <div className="overflow-x-auto">
        <table className="w-full text-sm" data-testid="processes-table" data-ts={data.ts ?? ''}>
          <thead>
            <tr className="border-b border-line text-left text-xs text-muted">
              <th className="px-4 py-2 font-medium sm:pl-5 text-right">PID</th>
              <th className="px-4 py-2 font-medium">Name</th>
              <th className="px-4 py-2 font-medium">User</th>
              <th className="px-4 py-2 text-right font-medium">CPU</th>
              <th className="px-4 py-2 text-right font-medium">Memory</th>
              <th className="hidden px-4 py-2 font-medium md:table-cell">Command</th>
            </tr>
          </thead>
          <tbody>
            {data.processes.map((p) => (
              <tr key={p.pid} className="border-b border-line/70 last:border-0 hover:bg-sunken/50">
                <td className="tabular px-4 py-2 text-right text-muted sm:pl-5">{p.pid}</td>
                <td className="max-w-40 truncate px-4 py-2 font-medium" title={p.name}>
                  {p.name}
                </td>
                <td className="max-w-28 truncate px-4 py-2 text-muted">{p.user}</td>
                <td className="tabular px-4 py-2 text-right">{formatPct(p.cpu_pct)}</td>
                <td className="tabular px-4 py-2 text-right whitespace-nowrap">{formatMiB(p.rss_mb)}</td>
                <td className="hidden max-w-md truncate px-4 py-2 font-mono text-xs text-muted md:table-cell" title={p.cmd}>
                  {p.cmd}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Panel>
  );
}
