import { useMemo, useState } from 'react';
import { defaultDirection, memoryShare, sortContainers, type ContainerKey, type SortDirection } from '../lib/containers';
import type { ContainerSpark } from '../lib/item-history';
import type { ContainerSample } from '../lib/protocol';
import { formatBytes, formatPct } from '../lib/units';
import { Meter } from './meter';
import { ContainerSparks } from './container-sparks';
import { cx } from './ui';

const columns: { key: ContainerKey; label: string; numeric?: boolean; className?: string }[] = [
  { key: 'name', label: 'Name' },
  { key: 'image', label: 'Image', className: 'hidden md:table-cell' },
  { key: 'state', label: 'State' },
  { key: 'cpu_pct', label: 'CPU', numeric: true },
  { key: 'mem_used_bytes', label: 'Memory', numeric: true },
];

/**
 * The host's Docker containers, sortable by any column (CPU, highest first, by default). With
 * `history` (each container's sparklines by name) and the range it covers, a last column draws
 * each container's CPU and memory over that range.
 */
export function ContainersTable({
  containers,
  history,
  historyError,
  span,
}: {
  containers: ContainerSample[];
  history?: Map<string, ContainerSpark> | null;
  /** Why the history could not be read, said in each row's cell instead of a sparkline. */
  historyError?: string | null;
  span?: { from: number; to: number };
}) {
  const [sort, setSort] = useState<{ key: ContainerKey; direction: SortDirection }>({ key: 'cpu_pct', direction: 'desc' });
  const rows = useMemo(() => sortContainers(containers, sort.key, sort.direction), [containers, sort]);
  const pick = (key: ContainerKey) =>
    setSort((s) => (s.key === key ? { key, direction: s.direction === 'asc' ? 'desc' : 'asc' } : { key, direction: defaultDirection(key) }));

  if (containers.length === 0)
    return (
      <p className="px-4 py-6 text-center text-sm text-muted sm:px-5">No containers reported. The agent reads Docker's socket when it has access to it.</p>
    );

  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm" data-testid="containers-table">
        <thead>
          <tr className="border-b border-line text-left text-xs text-muted">
            {columns.map((c) => (
              <th
                key={c.key}
                aria-sort={sort.key === c.key ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'}
                className={cx('px-4 py-2 font-medium first:pl-4 sm:first:pl-5', c.numeric && 'text-right', c.className)}
              >
                <button
                  type="button"
                  onClick={() => pick(c.key)}
                  className={cx('inline-flex min-h-8 items-center gap-1 hover:text-fg', sort.key === c.key && 'text-fg')}
                >
                  {c.label}
                  <span className="w-3 text-[10px]">{sort.key === c.key ? (sort.direction === 'asc' ? '▲' : '▼') : ''}</span>
                </button>
              </th>
            ))}
            {span && <th className="hidden px-4 py-2 font-medium sm:table-cell">Over the range</th>}
          </tr>
        </thead>
        <tbody>
          {rows.map((c) => {
            const share = memoryShare(c);
            return (
              <tr key={c.id} className="border-b border-line/70 last:border-0 hover:bg-sunken/50">
                <td className="max-w-48 truncate px-4 py-2 font-medium sm:pl-5">{c.name}</td>
                <td className="hidden max-w-72 truncate px-4 py-2 font-mono text-xs text-muted md:table-cell" title={c.image}>
                  {c.image}
                </td>
                <td className="px-4 py-2">
                  <span
                    className={cx(
                      'rounded-full px-2 py-0.5 text-[11px] font-medium',
                      c.state === 'running' ? 'bg-ok/10 text-ok' : c.state === 'restarting' ? 'bg-warn/10 text-warn' : 'bg-sunken text-muted',
                    )}
                  >
                    {c.state}
                  </span>
                </td>
                <td className="tabular px-4 py-2 text-right">{formatPct(c.cpu_pct)}</td>
                <td className="px-4 py-2 text-right">
                  <div className="tabular whitespace-nowrap">
                    {formatBytes(c.mem_used_bytes)}
                    {share !== null && <span className="text-muted"> of {formatBytes(c.mem_limit_bytes)}</span>}
                  </div>
                  {share !== null && <Meter pct={share} tone="--lm-ram" className="mt-1 ml-auto w-24" />}
                </td>
                {span && (
                  <td className="hidden px-4 py-2 sm:table-cell">
                    <ContainerSparks spark={history?.get(c.name)} loading={history === null && !historyError} error={historyError} span={span} />
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
