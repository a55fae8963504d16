import { HOST_CHARTS } from '../../lib/host-charts';
import type { LiveSnapshot } from '../../lib/protocol';
import type { Columns } from '../../lib/series';
import { MetricChart } from '../../components/metric-chart';

/** Every chart of HOST_CHARTS over the range, with a shared cursor (`syncKey`); `columns[i]` is the data of chart i; a drag across any of them is `onZoom`. */
export function ChartsGrid({
  columns,
  latest,
  syncKey,
  xRange,
  onZoom,
  loading,
}: {
  columns: Columns[];
  latest: LiveSnapshot | null;
  syncKey: string;
  xRange: () => [number, number];
  onZoom: (from: number, to: number) => void;
  loading: boolean;
}) {
  return (
    <div className="grid grid-cols-1 gap-3 sm:gap-4 xl:grid-cols-2">
      {HOST_CHARTS.map((c, i) => (
        <MetricChart
          key={c.id}
          testId={`chart-${c.id}`}
          title={c.title}
          unit={c.unit}
          series={c.series}
          data={columns[i]}
          current={latest ? c.current(latest) : undefined}
          yMax={c.yMax}
          syncKey={syncKey}
          xRange={xRange}
          onZoom={onZoom}
          loading={loading}
        />
      ))}
    </div>
  );
}
