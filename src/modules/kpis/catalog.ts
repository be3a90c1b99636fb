// The sales KPI catalogue: what each KPI means, its unit and which direction is good.
import type { Text } from '../../core/i18n.ts';
import { msg } from './messages.ts';

export type KpiKey =
  | 'bookings' | 'pipeline_created' | 'coverage' | 'win_rate' | 'cycle_time' | 'avg_deal_size' | 'activities'
  | 'lead_response_time' | 'stage_conversion' | 'forecast_accuracy' | 'score_drift' | 'calibration' | 'forecast_error';

export interface KpiDefinition {
  key: KpiKey;
  label: { en: string; zh: string };
  unit: 'currency' | 'count' | 'ratio' | 'days' | 'hours' | 'index';
  direction: 'up' | 'down';
  /** sum: zero-filled totals; ratio/mean/median: null where a period has no data. */
  aggregation: 'sum' | 'ratio' | 'mean' | 'median' | 'level';
  /** Rendered in the reader's language. */
  description: Text;
  scopes: Array<'company' | 'team' | 'rep'>;
}

const ALL: KpiDefinition['scopes'] = ['company', 'team', 'rep'];

export const KPI_CATALOG: readonly KpiDefinition[] = [
  { key: 'bookings', label: { en: 'Bookings', zh: '签约额' }, unit: 'currency', direction: 'up', aggregation: 'sum', scopes: ALL,
    description: msg('kpis.description.bookings') },
  { key: 'pipeline_created', label: { en: 'Pipeline created', zh: '新增商机金额' }, unit: 'currency', direction: 'up', aggregation: 'sum', scopes: ALL,
    description: msg('kpis.description.pipeline_created') },
  { key: 'coverage', label: { en: 'Pipeline coverage', zh: '商机覆盖率' }, unit: 'ratio', direction: 'up', aggregation: 'level', scopes: ALL,
    description: msg('kpis.description.coverage') },
  { key: 'win_rate', label: { en: 'Win rate', zh: '赢单率' }, unit: 'ratio', direction: 'up', aggregation: 'ratio', scopes: ALL,
    description: msg('kpis.description.win_rate') },
  { key: 'cycle_time', label: { en: 'Sales cycle', zh: '销售周期' }, unit: 'days', direction: 'down', aggregation: 'mean', scopes: ALL,
    description: msg('kpis.description.cycle_time') },
  { key: 'avg_deal_size', label: { en: 'Average deal size', zh: '平均订单金额' }, unit: 'currency', direction: 'up', aggregation: 'mean', scopes: ALL,
    description: msg('kpis.description.avg_deal_size') },
  { key: 'activities', label: { en: 'Activities', zh: '销售活动数' }, unit: 'count', direction: 'up', aggregation: 'sum', scopes: ALL,
    description: msg('kpis.description.activities') },
  { key: 'lead_response_time', label: { en: 'Lead response time', zh: '线索响应时间' }, unit: 'hours', direction: 'down', aggregation: 'median', scopes: ALL,
    description: msg('kpis.description.lead_response_time') },
  { key: 'stage_conversion', label: { en: 'Conversion by stage', zh: '阶段转化率' }, unit: 'ratio', direction: 'up', aggregation: 'ratio', scopes: ALL,
    description: msg('kpis.description.stage_conversion') },
  { key: 'forecast_accuracy', label: { en: 'Forecast accuracy', zh: '预测准确率' }, unit: 'ratio', direction: 'up', aggregation: 'mean', scopes: ['company'],
    description: msg('kpis.description.forecast_accuracy') },
  { key: 'score_drift', label: { en: 'Lead score drift (PSI)', zh: '线索评分漂移 (PSI)' }, unit: 'index', direction: 'down', aggregation: 'mean', scopes: ['company'],
    description: msg('kpis.description.score_drift') },
  { key: 'calibration', label: { en: 'Score calibration (Brier)', zh: '评分校准度 (Brier)' }, unit: 'index', direction: 'down', aggregation: 'mean', scopes: ['company'],
    description: msg('kpis.description.calibration') },
  { key: 'forecast_error', label: { en: 'Forecast error (MASE)', zh: '预测误差 (MASE)' }, unit: 'index', direction: 'down', aggregation: 'mean', scopes: ['company'],
    description: msg('kpis.description.forecast_error') },
];

export const KPI_KEYS = KPI_CATALOG.map((k) => k.key);

export function kpiDefinition(key: string): KpiDefinition | undefined {
  return KPI_CATALOG.find((k) => k.key === key);
}
