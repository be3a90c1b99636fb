// Texts the KPI module writes for people (definitions, why a series is empty, scope names), in
// English and Simplified Chinese. KPI names stay in the catalogue as { en, zh } (the web app reads both).
import { defineMessages, type Text } from '../../core/i18n.ts';

export const msg = defineMessages(
  {
    'kpis.pair': '{en}',
    'kpis.scope.company': 'Company',
    'kpis.description.bookings': 'Amount of won opportunities, by close date.',
    'kpis.description.pipeline_created': 'Amount of opportunities opened in the period (opened_at, else created_at).',
    'kpis.description.coverage': 'Open pipeline at the end of the period divided by expected next-period bookings (mean bookings of the last 3 periods); null when that is 0.',
    'kpis.description.win_rate': 'Won ÷ (won + lost) among opportunities closed in the period.',
    'kpis.description.cycle_time': 'Mean days from opening to close of the opportunities won in the period.',
    'kpis.description.avg_deal_size': 'Mean amount of the opportunities won in the period.',
    'kpis.description.activities': 'Completed calls, emails, meetings, notes and tasks, by when they happened.',
    'kpis.description.lead_response_time': 'Median hours from a lead’s creation to its first activity, for leads created in the period that have one.',
    'kpis.description.stage_conversion': 'Won ÷ opened for the opportunities opened in the period; the breakdown gives each stage’s share that advanced.',
    'kpis.description.forecast_accuracy': '1 − WAPE of the stored forecasts (model_monitoring metric wape), company-wide.',
    'kpis.description.score_drift': 'Population stability index of lead scores (model_monitoring metric psi_score); above 0.25 means a large shift.',
    'kpis.description.calibration': 'Brier score of lead-scoring probabilities on resolved leads (model_monitoring metric brier).',
    'kpis.description.forecast_error': 'Mean absolute scaled error of the sales forecasts (model_monitoring metric mase); below 1 beats the naive forecast.',
    'kpis.missing.forecast_accuracy': 'no forecast accuracy stored yet (model_monitoring metric wape)',
    'kpis.missing.score_drift': 'no lead-score drift recorded yet (model_monitoring metric psi_score)',
    'kpis.missing.calibration': 'no calibration recorded yet (model_monitoring metric brier)',
    'kpis.missing.forecast_error': 'no forecast error recorded yet (model_monitoring metric mase)',
  },
  {
    'kpis.pair': '{zh}',
    'kpis.scope.company': '公司',
    'kpis.description.bookings': '按成交日期统计的赢单商机金额。',
    'kpis.description.pipeline_created': '本期新开商机的金额（取 opened_at，否则取 created_at）。',
    'kpis.description.coverage': '期末未结商机金额除以下一期预计签约额（最近 3 期签约额的均值）；该值为 0 时为空。',
    'kpis.description.win_rate': '本期已关闭商机中，赢单 ÷（赢单 + 输单）。',
    'kpis.description.cycle_time': '本期赢单商机从开启到关闭的平均天数。',
    'kpis.description.avg_deal_size': '本期赢单商机的平均金额。',
    'kpis.description.activities': '已完成的电话、邮件、会议、笔记和任务，按发生时间统计。',
    'kpis.description.lead_response_time': '本期新建且已有活动的线索，从创建到首次活动的小时数中位数。',
    'kpis.description.stage_conversion': '本期新开商机中，赢单 ÷ 新开；明细给出每个阶段向下推进的比例。',
    'kpis.description.forecast_accuracy': '已存预测的 1 − WAPE（model_monitoring 指标 wape），全公司范围。',
    'kpis.description.score_drift': '线索评分的群体稳定性指数（model_monitoring 指标 psi_score）；高于 0.25 表示变化很大。',
    'kpis.description.calibration': '已有结果的线索上，线索评分概率的 Brier 分数（model_monitoring 指标 brier）。',
    'kpis.description.forecast_error': '销售预测的平均绝对标度误差（model_monitoring 指标 mase）；低于 1 即优于朴素预测。',
    'kpis.missing.forecast_accuracy': '尚未存储预测准确率（model_monitoring 指标 wape）',
    'kpis.missing.score_drift': '尚未记录线索评分漂移（model_monitoring 指标 psi_score）',
    'kpis.missing.calibration': '尚未记录校准度（model_monitoring 指标 brier）',
    'kpis.missing.forecast_error': '尚未记录预测误差（model_monitoring 指标 mase）',
  },
);

/** A KPI's name as a Text that renders as label.en or label.zh. */
export function kpiName(label: { en: string; zh: string }): Text {
  return msg('kpis.pair', { en: label.en, zh: label.zh });
}
