// The lazily loaded chart with a placeholder of the same height while its chunk downloads.
import { lazy, Suspense } from 'react';
import type { EChartsCoreOption } from 'echarts/core';
import { useI18n } from '../i18n.tsx';
import { Loading } from './States.tsx';

const loadChart = () => import('./EChart.tsx');
const EChart = lazy(loadChart);
/** Starts downloading the chart chunk early (call at module level of a page that shows charts). */
export const preloadChart = (): void => void loadChart();

export function Chart({ option, height = 280, label, testId }: { option: EChartsCoreOption; height?: number; label: string; testId?: string }) {
  const { locale } = useI18n();
  return (
    <Suspense fallback={<div className="chart" style={{ height }}><Loading /></div>}>
      <EChart option={option} height={height} label={label} locale={locale} testId={testId} />
    </Suspense>
  );
}
