// The host detail's charts: which metrics each draws, its series' labels and colours (CSS
// variables of the theme), its unit and scale, and the current figures shown in its header.

import type { SeriesSpec } from './chart-options';
import type { LiveSnapshot, MetricScalars } from './protocol';
import type { Sample } from './series';
import { formatLoad, formatPct, formatRate, formatTemp, type Unit } from './units';

/** A plotted value: a metric of the sample, or one derived from it (null draws a gap). */
export type ChartKey = keyof MetricScalars | ((s: Sample) => number | null);

/** One chart of the host detail: what it plots, in which unit, and the figures its header shows now. */
export interface ChartDef {
  id: string;
  title: string;
  unit: Unit;
  keys: ChartKey[];
  series: SeriesSpec[];
  yMax?: number;
  current: (s: LiveSnapshot) => string[];
}

export const HOST_CHARTS: ChartDef[] = [
  {
    id: 'cpu',
    title: 'CPU',
    unit: 'pct',
    keys: ['cpu_pct', 'cpu_steal_pct'],
    series: [
      { label: 'CPU', color: '--lm-cpu', fill: true },
      // What a VM lost to its neighbours: part of the busy time above, 0 on bare metal.
      { label: 'Steal', color: '--lm-warn' },
    ],
    yMax: 100,
    current: (s) => [formatPct(s.cpu_pct), formatPct(s.cpu_steal_pct)],
  },
  {
    id: 'memory',
    title: 'Memory',
    unit: 'pct',
    keys: ['ram_pct', 'swap_pct'],
    series: [
      { label: 'RAM', color: '--lm-ram', fill: true },
      { label: 'Swap', color: '--lm-swap' },
    ],
    yMax: 100,
    current: (s) => [formatPct(s.ram_pct), formatPct(s.swap_pct)],
  },
  {
    id: 'disk',
    title: 'Disk used',
    unit: 'pct',
    keys: ['disk_pct'],
    series: [{ label: 'Root filesystem', color: '--lm-disk', fill: true }],
    yMax: 100,
    current: (s) => [formatPct(s.disk_pct)],
  },
  {
    id: 'disk-io',
    title: 'Disk I/O',
    unit: 'bps',
    keys: ['disk_r_bps', 'disk_w_bps'],
    series: [
      { label: 'Read', color: '--lm-rx', fill: true },
      { label: 'Write', color: '--lm-disk' },
    ],
    current: (s) => [formatRate(s.disk_r_bps), formatRate(s.disk_w_bps)],
  },
  {
    id: 'network',
    title: 'Network',
    unit: 'bps',
    keys: ['net_rx_bps', 'net_tx_bps'],
    series: [
      { label: 'Received', color: '--lm-rx', fill: true },
      { label: 'Sent', color: '--lm-tx' },
    ],
    current: (s) => [formatRate(s.net_rx_bps), formatRate(s.net_tx_bps)],
  },
  {
    id: 'load',
    title: 'Load average',
    unit: 'load',
    keys: ['load1', 'load5', 'load15'],
    series: [
      { label: '1 min', color: '--lm-load', fill: true },
      { label: '5 min', color: '--lm-ram' },
      { label: '15 min', color: '--lm-faint', dash: [4, 3] },
    ],
    current: (s) => [formatLoad(s.load1), formatLoad(s.load5), formatLoad(s.load15)],
  },
  {
    id: 'temperature',
    title: 'Temperature',
    unit: 'temp',
    // 0 °C is how an agent without a sensor reports: a gap, not a cold machine.
    keys: [(s) => (s.temp_c === 0 ? null : s.temp_c)],
    series: [{ label: 'Hottest sensor', color: '--lm-temp', fill: true }],
    current: (s) => [s.temp_c === 0 ? 'no sensor' : formatTemp(s.temp_c)],
  },
];
