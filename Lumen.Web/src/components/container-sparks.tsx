import type { ContainerSpark } from '../lib/item-history';
import { formatBytes, formatPct } from '../lib/units';
import { Sparkline } from './sparkline';

/** One container's CPU and memory over the range shown, stacked, each on its own scale (said in the tooltip). */
export function ContainerSparks({
  spark,
  loading,
  error,
  span,
}: {
  spark: ContainerSpark | undefined;
  loading: boolean;
  error?: string | null;
  span: { from: number; to: number };
}) {
  if (!spark)
    return (
      <span className="text-xs text-faint" title={error ?? undefined}>
        {loading ? '…' : error ? 'History unavailable' : 'No history yet'}
      </span>
    );
  const seconds = Math.max(1, span.to - span.from);
  return (
    <div className="flex w-32 flex-col gap-0.5" data-testid="container-sparks" data-points={spark.cpu[0].length}>
      <span title={`CPU, up to ${formatPct(spark.cpuMax)} of a core`} data-testid="container-spark-cpu">
        <Sparkline columns={spark.cpu} toTs={span.to} spanSeconds={seconds} max={spark.cpuMax} className="block h-5 w-full" />
      </span>
      <span title={`Memory, up to ${formatBytes(spark.memMax)}`} data-testid="container-spark-mem">
        <Sparkline columns={spark.mem} toTs={span.to} spanSeconds={seconds} max={spark.memMax} tone="--lm-ram" className="block h-5 w-full" />
      </span>
    </div>
  );
}
