import { useMemo } from 'react';
import { api } from '../../lib/api';
import { containerSparks } from '../../lib/item-history';
import type { LiveSnapshot } from '../../lib/protocol';
import { type ShownRange, useItemHistory } from '../../hooks/use-item-history';
import { ContainersTable } from '../../components/containers-table';
import { Panel, PanelHeader, Skeleton } from '../../components/ui';

/** The containers of the latest report, each with its CPU and memory over the range shown (from the hub's container history). */
export function ContainersPanel({ hostId, latest, range, fetchKey }: { hostId: number; latest: LiveSnapshot | null; range: ShownRange; fetchKey: string }) {
  const { data, error } = useItemHistory(fetchKey, range, (from, to) => api.containerMetrics(hostId, from, to));
  const history = useMemo(() => (data ? containerSparks(data) : null), [data]);
  return (
    <Panel>
      <PanelHeader title="Containers" subtitle={latest ? `${latest.containers.length} reported` : undefined} />
      {latest ? (
        <ContainersTable containers={latest.containers} history={history} historyError={error} span={{ from: range.from, to: range.to }} />
      ) : (
        <Skeleton className="m-5 h-20" />
      )}
    </Panel>
  );
}
