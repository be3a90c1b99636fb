// The sales KPI catalogue: what each KPI means, its unit and which direction is good.
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
  description: string;
  scopes: Array<'company' | 'team' | 'rep'>;
}

const ALL: KpiDefinition['scopes'] = ['company', 'team', 'rep'];

export const KPI_CATALOG: readonly KpiDefinition[] = [
  { key: 'bookings', label: { en: 'Bookings', zh: '签约额' }, unit: 'currency', direction: 'up', aggregation: 'sum', scopes: ALL,
    description: 'Amount of won opportunities, by close date.' },
  { key: 'pipeline_created', label: { en: 'Pipeline created', zh: '新增商机金额' }, unit: 'currency', direction: 'up', aggregation: 'sum', scopes: ALL,
    description: 'Amount of opportunities opened in the period (opened_at, else created_at).' },
  { key: 'coverage', label: { en: 'Pipeline coverage', zh: '商机覆盖率' }, unit: 'ratio', direction: 'up', aggregation: 'level', scopes: ALL,
    description: 'Open pipeline at the end of the period divided by expected next-period bookings (mean bookings of the last 3 periods); null when that is 0.' },
  { key: 'win_rate', label: { en: 'Win rate', zh: '赢单率' }, unit: 'ratio', direction: 'up', aggregation: 'ratio', scopes: ALL,
    description: 'Won ÷ (won + lost) among opportunities closed in the period.' },
  { key: 'cycle_time', label: { en: 'Sales cycle', zh: '销售周期' }, unit: 'days', direction: 'down', aggregation: 'mean', scopes: ALL,
    description: 'Mean days from opening to close of the opportunities won in the period.' },
  { key: 'avg_deal_size', label: { en: 'Average deal size', zh: '平均订单金额' }, unit: 'currency', direction: 'up', aggregation: 'mean', scopes: ALL,
    description: 'Mean amount of the opportunities won in the period.' },
  { key: 'activities', label: { en: 'Activities', zh: '销售活动数' }, unit: 'count', direction: 'up', aggregation: 'sum', scopes: ALL,
    description: 'Completed calls, emails, meetings, notes and tasks, by when they happened.' },
  { key: 'lead_response_time', label: { en: 'Lead response time', zh: '线索响应时间' }, unit: 'hours', direction: 'down', aggregation: 'median', scopes: ALL,
    description: 'Median hours from a lead’s creation to its first activity, for leads created in the period that have one.' },
  { key: 'stage_conversion', label: { en: 'Conversion by stage', zh: '阶段转化率' }, unit: 'ratio', direction: 'up', aggregation: 'ratio', scopes: ALL,
    description: 'Won ÷ opened for the opportunities opened in the period; the breakdown gives each stage’s share that advanced.' },
  { key: 'forecast_accuracy', label: { en: 'Forecast accuracy', zh: '预测准确率' }, unit: 'ratio', direction: 'up', aggregation: 'mean', scopes: ['company'],
    description: '1 − WAPE of the stored forecasts (model_monitoring metric wape), company-wide.' },
  { key: 'score_drift', label: { en: 'Lead score drift (PSI)', zh: '线索评分漂移 (PSI)' }, unit: 'index', direction: 'down', aggregation: 'mean', scopes: ['company'],
    description: 'Population stability index of lead scores (model_monitoring metric psi_score); above 0.25 means a large shift.' },
  { key: 'calibration', label: { en: 'Score calibration (Brier)', zh: '评分校准度 (Brier)' }, unit: 'index', direction: 'down', aggregation: 'mean', scopes: ['company'],
    description: 'Brier score of lead-scoring probabilities on resolved leads (model_monitoring metric brier).' },
  { key: 'forecast_error', label: { en: 'Forecast error (MASE)', zh: '预测误差 (MASE)' }, unit: 'index', direction: 'down', aggregation: 'mean', scopes: ['company'],
    description: 'Mean absolute scaled error of the sales forecasts (model_monitoring metric mase); below 1 beats the naive forecast.' },
];

export const KPI_KEYS = KPI_CATALOG.map((k) => k.key);

export function kpiDefinition(key: string): KpiDefinition | undefined {
  return KPI_CATALOG.find((k) => k.key === key);
}
