import { useMemo, useRef } from 'react';
import type uPlot from 'uplot';
import { bandsDrawn, chartLayout } from '../lib/chart-bands';
import { chartOptions, type SeriesSpec } from '../lib/chart-options';
import type { Columns } from '../lib/series';
import type { Unit } from '../lib/units';
import { useUplot } from '../hooks/use-uplot';
import { cx } from './ui';

export interface MetricChartProps {
  title: string;
  unit: Unit;
  series: SeriesSpec[];
  /** In the order of lib/chart-bands.ts: the bands' edges, then one average per series. */
  data: Columns;
  /** Current values for the header, already formatted. */
  current?: string[];
  yMax?: number;
  syncKey: string;
  xRange: () => [number, number];
  /** A drag across the plot, as a span of unix seconds. */
  onZoom?: (from: number, to: number) => void;
  height?: number;
  loading?: boolean;
  testId?: string;
}

/**
 * One chart panel: a title with the series' legend and latest values, the uPlot canvas with its
 * min–max bands, a tooltip. Its data attributes say what is drawn: points, bands with something
 * to show, and the window (unix seconds).
 */
export function MetricChart({ title, unit, series, data, current, yMax, syncKey, xRange, onZoom, height = 170, loading, testId }: MetricChartProps) {
  const tooltipRef = useRef<HTMLDivElement>(null);
  const xRangeRef = useRef(xRange);
  xRangeRef.current = xRange;
  const onZoomRef = useRef(onZoom);
  onZoomRef.current = onZoom;
  const { containerRef } = useUplot(
    (width) =>
      chartOptions(
        {
          unit,
          series,
          height,
          yMax,
          syncKey,
          xRange: () => xRangeRef.current(),
          tooltip: tooltipRef.current,
          onZoom: onZoom && ((from, to) => onZoomRef.current?.(from, to)),
        },
        width,
      ),
    data as uPlot.AlignedData,
  );
  const layout = useMemo(() => chartLayout(series), [series]);
  const points = data[0].length;
  const empty = !layout.averages.some((column) => data[column].some((v) => v !== null && v !== undefined));
  const [from, to] = xRange();
  return (
    <section
      className="panel min-w-0 p-3 sm:p-4"
      data-testid={testId}
      data-points={points}
      data-bands={bandsDrawn(data, layout)}
      data-from={Math.round(from)}
      data-to={Math.round(to)}
    >
      <header className="mb-2 flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 px-1">
        <h3 className="text-[13px] font-semibold text-fg">{title}</h3>
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs">
          {series.map((s, i) => (
            <span key={s.label} className="inline-flex items-center gap-1.5 text-muted">
              <i className="inline-block h-2 w-2 rounded-full" style={{ background: `var(${s.color})` }} />
              {s.label}
              {current?.[i] !== undefined && <span className="tabular font-medium text-fg">{current[i]}</span>}
            </span>
          ))}
        </div>
      </header>
      <div className="relative">
        <div ref={containerRef} className={cx('transition-opacity', loading && 'opacity-40')} />
        <div
          ref={tooltipRef}
          className="pointer-events-none absolute top-0 left-0 z-10 hidden min-w-40 rounded-lg border border-line bg-raised/95 px-2.5 py-2 text-xs shadow-lg backdrop-blur"
        />
        {empty && !loading && <div className="pointer-events-none absolute inset-0 grid place-items-center text-xs text-faint">No data in this range</div>}
      </div>
    </section>
  );
}
