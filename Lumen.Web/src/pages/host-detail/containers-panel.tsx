import type { LiveSnapshot } from '../../lib/protocol';
import { ContainersTable } from '../../components/containers-table';
import { Panel, PanelHeader, Skeleton } from '../../components/ui';

/** The containers of the latest report. */
export function ContainersPanel({ latest }: { latest: LiveSnapshot | null }) {
  return (
    <Panel>
      <PanelHeader title="Containers" subtitle={latest ? `${latest.containers.length} reported` : undefined} />
      {latest ? <ContainersTable containers={latest.containers} /> : <Skeleton className="m-5 h-20" />}
    </Panel>
  );
}
