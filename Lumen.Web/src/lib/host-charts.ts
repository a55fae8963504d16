// The host detail's charts: which metrics each draws, its series' labels and colours (CSS
// variables of the theme), which have a min–max band, its unit and scale, and the current
// figures shown in its header.

import type { ChartKey } from './chart-bands';
import type { SeriesSpec } from './chart-options';
import type { LiveSnapshot } from './protocol';
import { formatLoad, formatPct, formatRate, formatTemp, type Unit } from './units';

/**
 * One chart of the host detail: what it plots, in which unit, and the figures its header shows now.
 * Every series has a min–max band (`band`) but the 5- and 15-minute load, which are averages already.
 */
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
      { label: 'CPU', band: true, color: '--lm-cpu', fill: true },
      // What a VM lost to its neighbours: part of the busy time above, 0 on bare metal.
      { label: 'Steal', band: true, color: '--lm-warn' },
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
      { label: 'RAM', band: true, color: '--lm-ram', fill: true },
      { label: 'Swap', band: true, color: '--lm-swap' },
    ],
    yMax: 100,
    current: (s) => [formatPct(s.ram_pct), formatPct(s.swap_pct)],
  },
  {
    id: 'disk',
    title: 'Disk used',
    unit: 'pct',
    keys: ['disk_pct'],
    series: [{ label: 'Root filesystem', band: true, color: '--lm-disk', fill: true }],
    yMax: 100,
    current: (s) => [formatPct(s.disk_pct)],
  },
  {
    id: 'disk-io',
    title: 'Disk I/O',
    unit: 'bps',
    keys: ['disk_r_bps', 'disk_w_bps'],
    series: [
      { label: 'Read', band: true, color: '--lm-rx', fill: true },
      { label: 'Write', band: true, color: '--lm-disk' },
    ],
    current: (s) => [formatRate(s.disk_r_bps), formatRate(s.disk_w_bps)],
  },
  {
    id: 'network',
    title: 'Network',
    unit: 'bps',
    keys: ['net_rx_bps', 'net_tx_bps'],
    series: [
      { label: 'Received', band: true, color: '--lm-rx', fill: true },
      { label: 'Sent', band: true, color: '--lm-tx' },
    ],
    current: (s) => [formatRate(s.net_rx_bps), formatRate(s.net_tx_bps)],
  },
  {
    id: 'load',
    title: 'Load average',
    unit: 'load',
    keys: ['load1', 'load5', 'load15'],
    series: [
      { label: '1 min', band: true, color: '--lm-load', fill: true },
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
    series: [{ label: 'Hottest sensor', band: true, color: '--lm-temp', fill: true }],
    current: (s) => [s.temp_c === 0 ? 'no sensor' : formatTemp(s.temp_c)],
  },
];
