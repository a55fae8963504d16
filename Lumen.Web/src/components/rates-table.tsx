import type { RateSpark } from '../lib/device-history';
import { formatRate } from '../lib/units';
import { Sparkline } from './sparkline';

/** One device as the latest report has it: its name and its two rates. */
export interface RateRow {
  name: string;
  in: number;
  out: number;
}

/**
 * Devices (disks or interfaces) with their two rates now and, with `history` and the range it
 * covers, both over that range as sparklines on the device's own scale (said in the tooltip).
 */
export function RatesTable({
  testId,
  device,
  inLabel,
  outLabel,
  rows,
  history,
  historyError,
  span,
}: {
  testId: string;
  device: string;
  inLabel: string;
  outLabel: string;
  rows: RateRow[];
  history: Map<string, RateSpark> | null;
  historyError: string | null;
  span: { from: number; to: number };
}) {
  const seconds = Math.max(1, span.to - span.from);
  return (
    <table className="w-full text-sm" data-testid={testId}>
      <thead>
        <tr className="border-b border-line text-left text-xs text-muted">
          <th className="px-4 py-2 font-medium sm:pl-5">{device}</th>
          <th className="px-4 py-2 text-right font-medium">{inLabel}</th>
          <th className="px-4 py-2 text-right font-medium">{outLabel}</th>
          <th className="hidden px-4 py-2 font-medium sm:table-cell">Over the range</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => {
          const spark = history?.get(row.name);
          return (
            <tr key={row.name} className="border-b border-line/70 last:border-0 hover:bg-sunken/50">
              <td className="max-w-40 truncate px-4 py-2 font-mono text-xs sm:pl-5">{row.name}</td>
              <td className="tabular px-4 py-2 text-right whitespace-nowrap">{formatRate(row.in)}</td>
              <td className="tabular px-4 py-2 text-right whitespace-nowrap">{formatRate(row.out)}</td>
              <td className="hidden px-4 py-2 sm:table-cell">
                {spark ? (
                  <div className="flex w-32 flex-col gap-0.5" data-testid="device-sparks" data-points={spark.in[0].length}>
                    <span title={`${inLabel}, up to ${formatRate(spark.max)}`}>
                      <Sparkline columns={spark.in} toTs={span.to} spanSeconds={seconds} max={spark.max} tone="--lm-rx" className="block h-5 w-full" />
                    </span>
                    <span title={`${outLabel}, up to ${formatRate(spark.max)}`}>
                      <Sparkline columns={spark.out} toTs={span.to} spanSeconds={seconds} max={spark.max} tone="--lm-tx" className="block h-5 w-full" />
                    </span>
                  </div>
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
  );
}
