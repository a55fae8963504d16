import { useEffect, useLayoutEffect, useRef } from 'react';
import uPlot from 'uplot';
import { onThemeChange } from '../lib/theme';

/**
 * The one way the dashboard draws a chart: the uPlot instance is created once, when the
 * container mounts, from `makeOptions` (read only then); every later `data` is handed to
 * setData, so a live frame costs one redraw, not a new chart. The chart follows its container's
 * width and redraws when the theme changes (colours are functions reading the theme).
 */
export function useUplot(makeOptions: (width: number) => uPlot.Options, data: uPlot.AlignedData) {
  const containerRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<uPlot | null>(null);
  const dataRef = useRef(data);
  dataRef.current = data;
  const optionsRef = useRef(makeOptions);
  optionsRef.current = makeOptions;

  useLayoutEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const chart = new uPlot(optionsRef.current(Math.max(100, container.clientWidth)), dataRef.current, container);
    chartRef.current = chart;
    const resize = new ResizeObserver(() => {
      const width = Math.max(100, container.clientWidth);
      if (width !== chart.width) chart.setSize({ width, height: chart.height });
    });
    resize.observe(container);
    const stopTheme = onThemeChange(() => chart.redraw(false, true));
    return () => {
      stopTheme();
      resize.disconnect();
      chart.destroy();
      chartRef.current = null;
    };
  }, []);

  useEffect(() => {
    chartRef.current?.setData(data);
  }, [data]);

  return { containerRef, chartRef };
}
