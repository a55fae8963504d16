import { memo, useId } from 'react';
import type { Columns } from '../lib/series';

/** SVG path of a 0–`max` series (100 unless said), split where a value is null (a gap). */
export function sparkPath(columns: Columns, width: number, height: number, fromTs: number, toTs: number, max = 100): { line: string; area: string } {
  const [ts, values] = columns as [number[], (number | null)[]];
  const span = Math.max(1, toTs - fromTs);
  let line = '';
  let area = '';
  let runStartX: number | null = null;
  let lastX = 0;
  const close = () => {
    if (runStartX !== null) area += `L${lastX.toFixed(1)},${height}L${runStartX.toFixed(1)},${height}Z`;
    runStartX = null;
  };
  for (let i = 0; i < ts.length; i++) {
    const v = values[i];
    if (v === null || v === undefined || ts[i] < fromTs) {
      close();
      continue;
    }
    const x = ((ts[i] - fromTs) / span) * width;
    const y = height - (Math.min(max, Math.max(0, v)) / max) * (height - 2) - 1;
    const cmd = runStartX === null ? 'M' : 'L';
    if (runStartX === null) {
      runStartX = x;
      area += `M${x.toFixed(1)},${height}L${x.toFixed(1)},${y.toFixed(1)}`;
    } else area += `L${x.toFixed(1)},${y.toFixed(1)}`;
    line += `${cmd}${x.toFixed(1)},${y.toFixed(1)}`;
    lastX = x;
  }
  close();
  return { line, area };
}

/**
 * A sparkline drawn as SVG: hundreds of overview cards (and a host's containers) redraw every
 * frame, which a chart library per card would not afford. The window ends at `toTs` and spans
 * `spanSeconds` (the overview's last ten minutes); the scale runs from 0 to `max`, in the
 * colour of the theme variable `tone`.
 */
export const Sparkline = memo(function Sparkline({
  columns,
  toTs,
  spanSeconds = 600,
  max = 100,
  tone = '--lm-cpu',
  className,
}: {
  columns: Columns;
  toTs: number;
  spanSeconds?: number;
  max?: number;
  tone?: string;
  className?: string;
}) {
  const id = useId();
  const width = 240;
  const height = 44;
  const { line, area } = sparkPath(columns, width, height, toTs - spanSeconds, toTs, max);
  return (
    <svg viewBox={`0 0 ${width} ${height}`} preserveAspectRatio="none" className={className} aria-hidden>
      <defs>
        <linearGradient id={id} x1="0" x2="0" y1="0" y2="1">
          <stop offset="0%" stopColor={`var(${tone})`} stopOpacity="0.32" />
          <stop offset="100%" stopColor={`var(${tone})`} stopOpacity="0.02" />
        </linearGradient>
      </defs>
      <line x1="0" x2={width} y1={height / 2} y2={height / 2} stroke="var(--lm-chart-grid)" strokeDasharray="2 3" />
      <path d={area} fill={`url(#${id})`} />
      <path d={line} fill="none" stroke={`var(${tone})`} strokeWidth="1.5" vectorEffect="non-scaling-stroke" strokeLinejoin="round" />
    </svg>
  );
});
