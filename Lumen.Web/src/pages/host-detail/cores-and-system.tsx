import type { LiveSnapshot, SystemInfo } from '../../lib/protocol';
import { CoreStrip } from '../../components/core-strip';
import { SystemFacts } from '../../components/system-facts';
import { Panel, PanelHeader, Skeleton } from '../../components/ui';

/** The per-core CPU strip, live, beside the system facts. */
export function CoresAndSystem({ latest, system, uptime }: { latest: LiveSnapshot | null; system: SystemInfo | null; uptime: number | null }) {
  return (
    <div className="grid grid-cols-1 gap-3 sm:gap-4 xl:grid-cols-5">
      <Panel className="xl:col-span-2">
        <PanelHeader title="CPU cores" subtitle={latest ? `${latest.cpu_per_core.length} cores · live` : 'live'} />
        <div className="px-4 py-4 sm:px-5">{latest ? <CoreStrip cores={latest.cpu_per_core} /> : <Skeleton className="h-24 w-full" />}</div>
      </Panel>
      <Panel className="xl:col-span-3">
        <PanelHeader title="System" />
        <SystemFacts system={system} cores={latest?.cpu_per_core.length ?? 0} uptimeSeconds={uptime} />
      </Panel>
    </div>
  );
}
