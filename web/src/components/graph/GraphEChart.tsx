// ECharts for the knowledge-graph views: the graph series (force layout) and the heat map, with
// click events. The shared components/EChart.tsx registers only bar, line, scatter and radar and
// exposes no events, so this chunk registers what these views need, in the same way (tree-shaken,
// canvas, aria) and loaded lazily with the graph page only.
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { GraphChart, HeatmapChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { EChartsCoreOption } from 'echarts/core';

echarts.use([GraphChart, HeatmapChart, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent, AriaComponent, CanvasRenderer]);

export interface ChartClick { dataType?: string; data?: unknown; name?: string; value?: unknown }

export default function GraphEChart({ option, height = 420, label, locale, testId, onClick, replace = true }: {
  option: EChartsCoreOption;
  height?: number;
  label: string;
  locale: string;
  testId?: string;
  onClick?: (e: ChartClick) => void;
  /** false merges the option into the chart (keeps the force layout's positions when nodes are added). */
  replace?: boolean;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const click = useRef(onClick);
  click.current = onClick;
  useEffect(() => {
    if (!ref.current) return;
    const instance = echarts.init(ref.current, undefined, { renderer: 'canvas', locale: locale === 'zh' ? 'ZH' : 'EN' });
    chart.current = instance;
    instance.on('click', (e) => click.current?.(e as ChartClick));
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(ref.current);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, [locale]);
  useEffect(() => {
    chart.current?.setOption({ aria: { enabled: true }, animationDuration: 300, ...option }, replace);
  }, [option, locale, replace]);
  return <div ref={ref} className="chart" style={{ height }} role="img" aria-label={label} data-testid={testId} />;
}
