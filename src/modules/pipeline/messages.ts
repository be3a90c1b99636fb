// The pipeline's words for people (what drives a deal's win probability, risk signals, forecast
// category and horizon wording) in English and Simplified Chinese; see src/core/i18n.ts.
import { defineMessages } from '../../core/i18n.ts';

export const msg = defineMessages(
  {
    'pipeline.field.stage': 'Stage',
    'pipeline.field.age_days': 'Deal age (days)',
    'pipeline.field.days_in_stage': 'Days in stage',
    'pipeline.field.amount_vs_typical': 'Amount vs typical won deal',
    'pipeline.field.days_since_activity': 'Days since last activity',
    'pipeline.field.activities': 'Activities',
    'pipeline.field.activities_30d': 'Activities in the last 30 days',
    'pipeline.field.meetings': 'Meetings',
    'pipeline.field.owner_win_rate': "Owner's win rate",
    'pipeline.field.owner_closed_deals': "Owner's closed deals",
    'pipeline.field.days_to_expected_close': 'Days to expected close',
    'pipeline.field.product': 'Product',
    'pipeline.field.industry': 'Industry',
    'pipeline.stage.prospecting': 'prospecting',
    'pipeline.stage.qualification': 'qualification',
    'pipeline.stage.demo': 'demo',
    'pipeline.stage.proposal': 'proposal',
    'pipeline.stage.negotiation': 'negotiation',
    'pipeline.stage.won': 'won',
    'pipeline.stage.lost': 'lost',
    'pipeline.value.unknown': 'unknown',
    'pipeline.value.rare': '{value} (rare value)',
    'pipeline.risk.no_recent_activity': 'No activity in {days} days',
    'pipeline.risk.close_date_passed': 'Expected close {date} has passed',
    'pipeline.risk.slipped_close_date': 'The expected close date was moved later',
    'pipeline.risk.stalled': '{days} days in {stage}; 75% of deals moved on within {typical}',
    'pipeline.horizon.one': 'next 1 month',
    'pipeline.horizon.many': 'next {n} months',
    'pipeline.category.commit': 'win probability ≥ {commit}',
    'pipeline.category.best_case': '{bestCase}–{commit}',
    'pipeline.category.pipeline': '< {bestCase}',
    'pipeline.runRate.note': 'forecast of orders not linked to any opportunity',
    'pipeline.cli.deals': '{n} open deals (model v{version}, as of {asOf})',
  },
  {
    'pipeline.field.stage': '阶段',
    'pipeline.field.age_days': '商机时长（天）',
    'pipeline.field.days_in_stage': '当前阶段天数',
    'pipeline.field.amount_vs_typical': '金额与典型赢单之比',
    'pipeline.field.days_since_activity': '距上次活动天数',
    'pipeline.field.activities': '活动数',
    'pipeline.field.activities_30d': '近 30 天活动数',
    'pipeline.field.meetings': '会议数',
    'pipeline.field.owner_win_rate': '负责人赢单率',
    'pipeline.field.owner_closed_deals': '负责人已结商机数',
    'pipeline.field.days_to_expected_close': '距预计成交天数',
    'pipeline.field.product': '产品',
    'pipeline.field.industry': '行业',
    'pipeline.stage.prospecting': '潜在客户',
    'pipeline.stage.qualification': '资格确认',
    'pipeline.stage.demo': '演示',
    'pipeline.stage.proposal': '方案报价',
    'pipeline.stage.negotiation': '谈判',
    'pipeline.stage.won': '赢单',
    'pipeline.stage.lost': '输单',
    'pipeline.value.unknown': '未知',
    'pipeline.value.rare': '{value}（少见值）',
    'pipeline.risk.no_recent_activity': '已 {days} 天没有活动',
    'pipeline.risk.close_date_passed': '预计成交日期 {date} 已过',
    'pipeline.risk.slipped_close_date': '预计成交日期被推迟了',
    'pipeline.risk.stalled': '在“{stage}”阶段已 {days} 天；75% 的商机在 {typical} 天内就推进了',
    'pipeline.horizon.one': '未来 1 个月',
    'pipeline.horizon.many': '未来 {n} 个月',
    'pipeline.category.commit': '赢单概率 ≥ {commit}',
    'pipeline.category.best_case': '{bestCase}–{commit}',
    'pipeline.category.pipeline': '< {bestCase}',
    'pipeline.runRate.note': '未关联任何商机的订单预测',
    'pipeline.cli.deals': '{n} 个进行中的商机（模型 v{version}，截至 {asOf}）',
  },
);

type Key = Parameters<typeof msg>[0];
const STAGES = new Set(['prospecting', 'qualification', 'demo', 'proposal', 'negotiation', 'won', 'lost']);

/** A stage code in the reader's words; an unknown stage stays as it is. */
export function stageName(stage: string) {
  return STAGES.has(stage) ? msg(`pipeline.stage.${stage}` as Key) : stage;
}

/** A feature's name for people; a column we do not know stays as it is. */
export function featureName(column: string) {
  return `pipeline.field.${column}` in FIELD_KEYS ? msg(`pipeline.field.${column}` as Key) : column;
}
const FIELD_KEYS: Record<string, true> = Object.fromEntries(
  ['stage', 'age_days', 'days_in_stage', 'amount_vs_typical', 'days_since_activity', 'activities', 'activities_30d', 'meetings',
    'owner_win_rate', 'owner_closed_deals', 'days_to_expected_close', 'product', 'industry'].map((c) => [`pipeline.field.${c}`, true]),
);
