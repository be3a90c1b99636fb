// The graph-view chart chunk, loaded on demand with a placeholder of the same height.
import { lazy, Suspense } from 'react';
import type { EChartsCoreOption } from 'echarts/core';
import { useI18n } from '../../i18n.tsx';
import { Loading } from '../States.tsx';
import type { ChartClick } from './GraphEChart.tsx';

const load = () => import('./GraphEChart.tsx');
const GraphEChart = lazy(load);
export const preloadGraphChart = (): void => void load();
export type { ChartClick };

export function GraphChartView(props: { option: EChartsCoreOption; height?: number; label: string; testId?: string; onClick?: (e: ChartClick) => void; replace?: boolean }) {
  const { locale } = useI18n();
  const height = props.height ?? 420;
  return (
    <Suspense fallback={<div className="chart" style={{ height }}><Loading /></div>}>
      <GraphEChart {...props} height={height} locale={locale} />
    </Suspense>
  );
}
