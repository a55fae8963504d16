import type { FilesystemSample } from '../lib/protocol';
import type { Columns } from '../lib/series';
import { formatBytes, formatPct } from '../lib/units';
import { Meter } from './meter';
import { Sparkline } from './sparkline';

/** Each filesystem of the latest report: where it is mounted, what it is, how full (a bar), and its use over the range shown. */
export function FilesystemsTable({
  filesystems,
  history,
  historyError,
  span,
}: {
  filesystems: FilesystemSample[];
  history: Map<string, Columns> | null;
  historyError: string | null;
  span: { from: number; to: number };
}) {
  const seconds = Math.max(1, span.to - span.from);
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm" data-testid="filesystems-table">
        <thead>
          <tr className="border-b border-line text-left text-xs text-muted">
            <th className="px-4 py-2 font-medium sm:pl-5">Mount</th>
            <th className="hidden px-4 py-2 font-medium md:table-cell">Filesystem</th>
            <th className="px-4 py-2 text-right font-medium">Used</th>
            <th className="hidden px-4 py-2 font-medium sm:table-cell">Over the range</th>
          </tr>
        </thead>
        <tbody>
          {filesystems.map((fs) => {
            const columns = history?.get(fs.mount);
            return (
              <tr key={fs.mount} className="border-b border-line/70 last:border-0 hover:bg-sunken/50">
                <td className="max-w-56 truncate px-4 py-2 font-mono text-xs sm:pl-5" title={fs.mount}>
                  {fs.mount}
                </td>
                <td className="hidden max-w-64 truncate px-4 py-2 text-xs text-muted md:table-cell" title={fs.device}>
                  <span className="text-fg">{fs.fs_type}</span> · {fs.device}
                </td>
                <td className="px-4 py-2 text-right">
                  <div className="tabular whitespace-nowrap">
                    {formatBytes(fs.used_bytes)}
                    <span className="text-muted"> of {formatBytes(fs.total_bytes)}</span> · {formatPct(fs.used_pct)}
                  </div>
                  <Meter pct={fs.used_pct} tone="--lm-disk" className="mt-1 ml-auto w-32" />
                </td>
                <td className="hidden px-4 py-2 sm:table-cell">
                  {columns ? (
                    <span className="block w-32" title="Share used, 0–100 %" data-testid="filesystem-spark" data-points={columns[0].length}>
                      <Sparkline columns={columns} toTs={span.to} spanSeconds={seconds} tone="--lm-disk" className="block h-6 w-full" />
                    </span>
                  ) : (
                    <span className="text-xs text-faint" title={historyError ?? undefined}>
                      {history === null && !historyError ? '…' : historyError ? 'History unavailable' : 'No history yet'}
                    </span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
