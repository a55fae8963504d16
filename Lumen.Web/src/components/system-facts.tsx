import type { SystemInfo } from '../lib/protocol';
import { formatUptime } from '../lib/units';

/** What the agent says about the machine: OS, kernel, CPU, uptime (advanced since the report), agent, virtualisation. */
export function SystemFacts({ system, cores, uptimeSeconds }: { system: SystemInfo | null; cores: number; uptimeSeconds: number | null }) {
  if (!system) return <p className="px-4 py-6 text-sm text-muted sm:px-5">No system facts yet: they arrive with the agent's first report.</p>;
  const facts: [string, string][] = [
    ['Hostname', system.hostname],
    ['Address', system.primary_ip],
    ['OS', system.os],
    ['Kernel', system.kernel],
    ['Architecture', system.arch],
    ['CPU', cores > 0 ? `${system.cpu_model} · ${cores} ${cores === 1 ? 'core' : 'cores'}` : system.cpu_model],
    ['Uptime', formatUptime(uptimeSeconds)],
    ['Virtualisation', system.virt_type || 'none (bare metal)'],
    ['Agent', system.agent_version],
  ];
  return (
    <dl className="grid grid-cols-1 gap-x-6 px-4 py-3 sm:grid-cols-2 sm:px-5" data-testid="system-facts">
      {facts.map(([label, value]) => (
        <div key={label} className="flex items-baseline justify-between gap-4 border-b border-line/70 py-2 last:border-0 sm:[&:nth-last-child(2)]:border-0">
          <dt className="shrink-0 text-xs text-muted">{label}</dt>
          <dd className="min-w-0 truncate text-right text-[13px] text-fg" title={value}>
            {value || '–'}
          </dd>
        </div>
      ))}
    </dl>
  );
}
