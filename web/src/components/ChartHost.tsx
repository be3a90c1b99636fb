// Mounts one ECharts instance in a div: locale, resize, disposal, options and click events. The
// chart kinds themselves are registered by the module that imports this (EChart.tsx for bar, line,
// scatter and radar; graph/GraphEChart.tsx for graph and heat map), so each page's chunk carries
// only the kinds it draws.
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import type { EChartsCoreOption } from 'echarts/core';

export interface ChartClick { dataType?: string; data?: unknown; name?: string; value?: unknown }

export interface ChartHostProps {
  option: EChartsCoreOption;
  height?: number;
  label: string;
  locale: string;
  testId?: string;
  onClick?: (e: ChartClick) => void;
  /** false merges the option into the chart (keeps a force layout's positions when nodes are added). */
  replace?: boolean;
}

export function ChartHost({ option, height = 280, label, locale, testId, onClick, replace = true }: ChartHostProps) {
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
