import { useMemo, useRef } from 'react';
import { api } from '../../lib/api';
import { GPU_SERIES, gpuCharts, gpuTemperatures } from '../../lib/item-history';
import type { LiveSnapshot } from '../../lib/protocol';
import { formatPct, formatTemp } from '../../lib/units';
import { type ShownRange, useItemHistory } from '../../hooks/use-item-history';
import { MetricChart } from '../../components/metric-chart';

const TEMPERATURE_TONES = ['--lm-temp', '--lm-warn', '--lm-disk', '--lm-load'];

/**
 * A chart per GPU (utilisation and memory use) and one of every GPU's temperature, over the
 * range shown, from the hub's GPU history; only for a host whose frames carry GPUs.
 */
export function GpuPanel({
  hostId,
  latest,
  range,
  fetchKey,
  syncKey,
}: {
  hostId: number;
  latest: LiveSnapshot | null;
  range: ShownRange;
  fetchKey: string;
  syncKey: string;
}) {
  const { data } = useItemHistory(fetchKey, range, (from, to) => api.gpuMetrics(hostId, from, to));
  const charts = useMemo(() => (data ? gpuCharts(data) : []), [data]);
  const temperatures = useMemo(() => (data ? gpuTemperatures(data) : null), [data]);
  const xRangeRef = useRef<[number, number]>([range.from, range.to]);
  xRangeRef.current = [range.from, range.to];
  const xRange = useRef(() => xRangeRef.current).current;

  if (charts.length === 0 && !latest?.gpus.length) return null;
  const live = new Map((latest?.gpus ?? []).map((g) => [g.index, g]));
  return (
    <div className="grid grid-cols-1 gap-3 sm:gap-4 xl:grid-cols-2" data-testid="gpu-history">
      {charts.map((chart) => {
        const now = live.get(chart.index);
        return (
          <MetricChart
            key={chart.index}
            testId={`chart-gpu-${chart.index}`}
            title={`GPU ${chart.index} · ${now?.name ?? chart.name}`}
            unit="pct"
            series={GPU_SERIES}
            data={chart.columns}
            current={now ? [formatPct(now.util_pct), formatPct(now.mem_total_mb > 0 ? (100 * now.mem_used_mb) / now.mem_total_mb : 0)] : undefined}
            yMax={100}
            syncKey={syncKey}
            xRange={xRange}
          />
        );
      })}
      {temperatures && charts.length > 0 && (
        <MetricChart
          // The chart's series are fixed when it is made: a GPU more or less makes a new one.
          key={`temperature-${charts.length}`}
          testId="chart-gpu-temperature"
          title="GPU temperature"
          unit="temp"
          series={charts.map((chart, i) => ({ label: `GPU ${chart.index}`, color: TEMPERATURE_TONES[i % TEMPERATURE_TONES.length] }))}
          data={temperatures}
          current={charts.map((chart) => formatTemp(live.get(chart.index)?.temp_c))}
          syncKey={syncKey}
          xRange={xRange}
        />
      )}
    </div>
  );
}
