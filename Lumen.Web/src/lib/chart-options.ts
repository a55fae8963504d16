// uPlot options for Lumen's charts: themed through CSS variables (read when drawing, so a
// theme switch is a redraw), units on the axis and in the tooltip, gaps kept as gaps, min–max
// bands under the average lines (lib/chart-bands.ts), and a drag across the plot to zoom.

import type uPlot from 'uplot';
import { type ChartLayout, chartLayout, valuesAt } from './chart-bands';
import { cssVar } from './theme';
import { formatAxis, formatUnit, type Unit } from './units';

export interface SeriesSpec {
  label: string;
  /** A theme variable such as --lm-cpu. */
  color: string;
  fill?: boolean;
  dash?: number[];
  /** Draws the lowest-to-highest band of this series where the data carries one. */
  band?: boolean;
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
  /** Called with the span (unix seconds) dragged across the plot; without it, dragging does nothing. */
  onZoom?: (from: number, to: number) => void;
}

/** How opaque a band is: enough to see beside the line's own fill, faint enough to keep the line first. */
const BAND_ALPHA = 0.2;

/** A drag narrower than this (CSS px) is a click, not a zoom. */
const MIN_DRAG_PX = 4;

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
  const layout = chartLayout(spec.series);
  const edgeIndexes = new Set(layout.bands.flatMap((b) => [b.low, b.high]));
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
      // No hover dot on a band's edges: the average's dot and the tooltip say it.
      points: { size: (_u, i) => (edgeIndexes.has(i) ? 0 : 7), width: (_u, i) => (edgeIndexes.has(i) ? 0 : 2) },
      drag: spec.onZoom ? { x: true, y: false, setScale: false, dist: MIN_DRAG_PX } : { x: false, y: false },
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
      ...layout.bands.flatMap((b) => [bandEdge(spec.series[b.of], 'lowest'), bandEdge(spec.series[b.of], 'highest')]),
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
    // uPlot fills from the first series down to the second: highest to lowest.
    bands: layout.bands.map((b) => ({ series: [b.high, b.low], fill: () => toRgba(cssVar(spec.series[b.of].color), BAND_ALPHA) })),
    plugins: [...(spec.tooltip ? [tooltipPlugin(spec, layout, spec.tooltip)] : []), ...(spec.onZoom ? [zoomPlugin(spec.onZoom)] : [])],
  };
}

/** One edge of a band: drawn only as the band's border, never as a line of its own. */
function bandEdge(of: SeriesSpec, which: 'lowest' | 'highest'): uPlot.Series {
  return { label: `${of.label} (${which})`, stroke: () => cssVar(of.color), width: 0, points: { show: false }, spanGaps: false };
}

/**
 * Hands a drag across the plot to `onZoom` as a span of time, from the chart it began on only:
 * the charts sharing a cursor each see the selection, and it is cleared on all of them.
 */
function zoomPlugin(onZoom: (from: number, to: number) => void): uPlot.Plugin {
  let draggedHere = false;
  return {
    hooks: {
      init: (u) => {
        u.over.addEventListener('mousedown', () => {
          draggedHere = true;
          // uPlot ends a drag on the document's mouseup; the window's comes after it, so a click that was no drag leaves no flag behind.
          window.addEventListener('mouseup', () => (draggedHere = false), { once: true });
        });
      },
      setSelect: (u) => {
        const { left, width } = u.select;
        const mine = draggedHere;
        draggedHere = false;
        u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
        if (!mine || width < MIN_DRAG_PX) return;
        onZoom(u.posToVal(left, 'x'), u.posToVal(left + width, 'x'));
      },
    },
  };
}

function cssVarSafe(name: string): string {
  try {
    return cssVar(name);
  } catch {
    return '';
  }
}

/** A tooltip listing every series at the cursor with its unit (and the bucket's lowest to highest, where it has them), kept inside the chart. */
function tooltipPlugin(spec: ChartSpec, layout: ChartLayout, tip: HTMLElement): uPlot.Plugin {
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
            const { avg, low, high } = valuesAt(u.data as Parameters<typeof valuesAt>[0], layout, i, idx);
            const row = `<div class="flex items-center justify-between gap-3"><span class="flex items-center gap-1.5 text-muted"><i style="background:${cssVar(s.color)}" class="inline-block h-2 w-2 rounded-full"></i>${s.label}</span><span class="tabular font-medium text-fg">${avg === null ? 'no data' : formatUnit(spec.unit, avg)}</span></div>`;
            if (low === null || high === null) return row;
            const [lowest, highest] = [formatUnit(spec.unit, low), formatUnit(spec.unit, high)];
            // A bucket as flat as the figures show says nothing the average does not.
            if (lowest === highest) return row;
            return `${row}<div class="flex justify-between gap-3 pl-3.5 text-faint" data-range><span>min–max</span><span class="tabular">${lowest} – ${highest}</span></div>`;
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
