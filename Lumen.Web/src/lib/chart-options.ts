// uPlot options for Lumen's charts: themed through CSS variables (read when drawing, so a
// theme switch is a redraw), units on the axis and in the tooltip, gaps kept as gaps.

import type uPlot from 'uplot';
import { cssVar } from './theme';
import { formatAxis, formatUnit, type Unit } from './units';

export interface SeriesSpec {
  label: string;
  /** A theme variable such as --lm-cpu. */
  color: string;
  fill?: boolean;
  dash?: number[];
}

export interface ChartSpec {
  unit: Unit;
  series: SeriesSpec[];
  height: number;
  /** Fixed y range (percentages 0–100); otherwise from 0 to the data's max with headroom. */
  yMax?: number;
  syncKey?: string;
  /** The x window to show, unix seconds; read on every redraw so a live window slides. */
  xRange: () => [number, number];
  /** The tooltip element, positioned by the chart. */
  tooltip?: HTMLElement | null;
}

function withAlpha(color: string, alpha: number): string {
  return `color-mix(in srgb, ${color} ${Math.round(alpha * 100)}%, transparent)`;
}

function gradient(u: uPlot, color: string): CanvasGradient | string {
  const { top, height } = u.bbox;
  if (!Number.isFinite(top) || height <= 0) return withAlpha(color, 0.12);
  const g = u.ctx.createLinearGradient(0, top, 0, top + height);
  // color-mix is not valid in a canvas gradient stop everywhere: fall back to rgba via a probe.
  g.addColorStop(0, toRgba(color, 0.28));
  g.addColorStop(1, toRgba(color, 0.02));
  return g;
}

const rgbCache = new Map<string, [number, number, number]>();

/** "#38bdf8" or "rgb(…)" → rgba with alpha. */
export function toRgba(color: string, alpha: number): string {
  let rgb = rgbCache.get(color);
  if (!rgb) {
    const hex = /^#([0-9a-f]{6})$/i.exec(color);
    if (hex) {
      const n = parseInt(hex[1], 16);
      rgb = [(n >> 16) & 255, (n >> 8) & 255, n & 255];
    } else {
      const m = /rgba?\((\d+),\s*(\d+),\s*(\d+)/.exec(color);
      rgb = m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [128, 128, 128];
    }
    rgbCache.set(color, rgb);
  }
  return `rgba(${rgb[0]}, ${rgb[1]}, ${rgb[2]}, ${alpha})`;
}

const timeOnly = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
const dateTime = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

const dayOnly = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });
const hourMinute = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

function xValues(u: uPlot, splits: number[]): string[] {
  const span = (u.scales.x.max ?? 0) - (u.scales.x.min ?? 0);
  const fmt = span > 2 * 86400 ? dayOnly : hourMinute;
  return splits.map((s) => fmt.format(new Date(s * 1000)));
}

export function chartOptions(spec: ChartSpec, width: number): uPlot.Options {
  const axisFont = `11px ${cssVarSafe('--font-sans') || 'system-ui, sans-serif'}`;
  const axis = (): uPlot.Axis.Stroke => () => cssVar('--lm-chart-axis');
  const grid = { stroke: () => cssVar('--lm-chart-grid'), width: 1 };
  return {
    width,
    height: spec.height,
    padding: [8, 8, 0, 0],
    legend: { show: false },
    cursor: {
      sync: spec.syncKey ? { key: spec.syncKey, setSeries: false } : undefined,
      points: { size: 7, width: 2 },
      drag: { x: false, y: false },
      y: false,
    },
    scales: {
      x: { time: true, range: () => spec.xRange() },
      y: {
        range: (_u, _min, max) => {
          if (spec.yMax !== undefined) return [0, spec.yMax];
          const top = Number.isFinite(max) && max > 0 ? max * 1.15 : 1;
          return [0, top];
        },
      },
    },
    axes: [
      {
        stroke: axis(),
        grid,
        ticks: { show: false },
        font: axisFont,
        size: 28,
        space: 70,
        values: xValues,
      },
      {
        stroke: axis(),
        grid,
        ticks: { show: false },
        font: axisFont,
        size: spec.unit === 'bps' ? 78 : 44,
        space: 28,
        values: (_u, splits) => splits.map((v) => formatAxis(spec.unit, v)),
      },
    ],
    series: [
      {},
      ...spec.series.map(
        (s): uPlot.Series => ({
          label: s.label,
          stroke: () => cssVar(s.color),
          width: 1.6,
          dash: s.dash,
          fill: s.fill ? (u) => gradient(u, cssVar(s.color)) : undefined,
          points: { show: false },
          spanGaps: false,
          value: (_u, v) => formatUnit(spec.unit, v),
        }),
      ),
    ],
    plugins: spec.tooltip ? [tooltipPlugin(spec, spec.tooltip)] : [],
  };
}

function cssVarSafe(name: string): string {
  try {
    return cssVar(name);
  } catch {
    return '';
  }
}

/** A tooltip listing every series at the cursor with its unit, kept inside the chart. */
function tooltipPlugin(spec: ChartSpec, tip: HTMLElement): uPlot.Plugin {
  return {
    hooks: {
      setCursor: (u) => {
        const idx = u.cursor.idx;
        const left = u.cursor.left ?? -1;
        if (idx === null || idx === undefined || left < 0) {
          tip.style.display = 'none';
          return;
        }
        const ts = u.data[0][idx];
        const span = (u.scales.x.max ?? 0) - (u.scales.x.min ?? 0);
        const when = (span > 86400 ? dateTime : timeOnly).format(new Date(ts * 1000));
        const rows = spec.series
          .map((s, i) => {
            const v = u.data[i + 1][idx];
            return `<div class="flex items-center justify-between gap-3"><span class="flex items-center gap-1.5 text-muted"><i style="background:${cssVar(s.color)}" class="inline-block h-2 w-2 rounded-full"></i>${s.label}</span><span class="tabular font-medium text-fg">${v === null || v === undefined ? 'no data' : formatUnit(spec.unit, v)}</span></div>`;
          })
          .join('');
        tip.innerHTML = `<div class="mb-1 text-faint">${when}</div>${rows}`;
        tip.style.display = 'block';
        const overRect = u.over.getBoundingClientRect();
        const tipWidth = tip.offsetWidth;
        const x = left + 14 + tipWidth > overRect.width ? left - tipWidth - 14 : left + 14;
        tip.style.transform = `translate(${Math.round(u.over.offsetLeft + x)}px, ${Math.round(u.over.offsetTop + 6)}px)`;
      },
    },
  };
}
