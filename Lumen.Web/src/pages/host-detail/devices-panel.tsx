import { useMemo } from 'react';
import { api } from '../../lib/api';
import { diskSparks, filesystemSparks, nicSparks } from '../../lib/device-history';
import type { LiveSnapshot } from '../../lib/protocol';
import { type ShownRange, useItemHistory } from '../../hooks/use-item-history';
import { FilesystemsTable } from '../../components/filesystems-table';
import { RatesTable } from '../../components/rates-table';
import { Panel, PanelHeader } from '../../components/ui';

/**
 * Each whole disk's and physical interface's rates and each filesystem's use, now and over the
 * range shown (from the hub's disk, NIC and filesystem history); only for a host whose agent
 * sends them (a Go agent does not).
 */
export function DevicesPanel({ hostId, latest, range, fetchKey }: { hostId: number; latest: LiveSnapshot | null; range: ShownRange; fetchKey: string }) {
  const disks = useItemHistory(fetchKey, range, (from, to) => api.diskMetrics(hostId, from, to));
  const nics = useItemHistory(fetchKey, range, (from, to) => api.nicMetrics(hostId, from, to));
  const filesystems = useItemHistory(fetchKey, range, (from, to) => api.filesystemMetrics(hostId, from, to));
  const diskHistory = useMemo(() => (disks.data ? diskSparks(disks.data) : null), [disks.data]);
  const nicHistory = useMemo(() => (nics.data ? nicSparks(nics.data) : null), [nics.data]);
  const filesystemHistory = useMemo(() => (filesystems.data ? filesystemSparks(filesystems.data) : null), [filesystems.data]);

  const liveDisks = latest?.disks ?? [];
  const liveNics = latest?.nics ?? [];
  const liveFilesystems = latest?.filesystems ?? [];
  const span = { from: range.from, to: range.to };
  return (
    <>
      {(liveDisks.length > 0 || liveNics.length > 0) && (
        <Panel data-testid="devices-panel">
          <PanelHeader title="Disks and interfaces" subtitle="Whole disks and physical interfaces, as the totals above add them up" />
          <div className="grid grid-cols-1 overflow-x-auto lg:grid-cols-2 lg:divide-x lg:divide-line">
            {liveDisks.length > 0 && (
              <RatesTable
                testId="disks-table"
                device="Disk"
                inLabel="Read"
                outLabel="Write"
                rows={liveDisks.map((d) => ({ name: d.name, in: d.read_bps, out: d.write_bps }))}
                history={diskHistory}
                historyError={disks.error}
                span={span}
              />
            )}
            {liveNics.length > 0 && (
              <RatesTable
                testId="nics-table"
                device="Interface"
                inLabel="Received"
                outLabel="Sent"
                rows={liveNics.map((n) => ({ name: n.name, in: n.rx_bps, out: n.tx_bps }))}
                history={nicHistory}
                historyError={nics.error}
                span={span}
              />
            )}
          </div>
        </Panel>
      )}
      {liveFilesystems.length > 0 && (
        <Panel>
          <PanelHeader title="Filesystems" subtitle={`${liveFilesystems.length} reported; used as df counts it (space reserved for root left out)`} />
          <FilesystemsTable filesystems={liveFilesystems} history={filesystemHistory} historyError={filesystems.error} span={span} />
        </Panel>
      )}
    </>
  );
}
