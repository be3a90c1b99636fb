// Texts the alerts write for people (titles, the observed-vs-expected line, suggestion links), in
// English and Simplified Chinese. Titles are rebuilt from the stored row at read time, so an alert
// stored today reads in the reader's language (the title column keeps the English, for old readers).
import { defineMessages, type Text } from '../../core/i18n.ts';

export const msg = defineMessages(
  {
    'alerts.scope.company': 'the company',
    'alerts.scope.Company': 'Company',
    'alerts.when.day': 'the day of {period}',
    'alerts.when.week': 'the week of {period}',
    'alerts.when.month': 'the month of {period}',
    'alerts.when.other': 'the {frequency} of {period}',
    'alerts.title.spike': '{kpi} spike for {scope} in {when}',
    'alerts.title.dip': '{kpi} drop for {scope} in {when}',
    'alerts.title.level_shift': '{kpi} level shift for {scope} in {when}',
    'alerts.title.trend_change': '{kpi} trend change for {scope} in {when}',
    'alerts.title.threshold': '{kpi} crossed its threshold for {scope} in {when}',
    'alerts.title.target': '{kpi} missed its target for {scope} in {when}',
    'alerts.title.other': '{kpi} {kind} for {scope} in {when}',
    'alerts.body.band': 'Observed {observed} (expected {expected}, band {lower} to {upper}).',
    'alerts.body.plain': 'Observed {observed}.',
    'alerts.link.playbooks': 'Playbooks from similar won deals',
    'alerts.link.competency': 'Rep competency assessment',
    'alerts.link.training': 'Training plans',
    'alerts.link.knowledge': 'Knowledge base',
    'alerts.link.next_actions': 'Deals to act on: win probability, risks, next steps',
    'alerts.link.forecast': 'Sales forecast',
    'alerts.link.assignment': 'Lead assignment',
    'alerts.link.scoring': 'Lead scoring model',
  },
  {
    'alerts.scope.company': '公司',
    'alerts.scope.Company': '公司',
    'alerts.when.day': '{period} 当天',
    'alerts.when.week': '{period} 当周',
    'alerts.when.month': '{period} 当月',
    'alerts.when.other': '{period}（{frequency}）',
    'alerts.title.spike': '{scope}的{kpi}在 {when}激增',
    'alerts.title.dip': '{scope}的{kpi}在 {when}下降',
    'alerts.title.level_shift': '{scope}的{kpi}在 {when}出现水平突变',
    'alerts.title.trend_change': '{scope}的{kpi}在 {when}趋势改变',
    'alerts.title.threshold': '{scope}的{kpi}在 {when}越过阈值',
    'alerts.title.target': '{scope}的{kpi}在 {when}未达目标',
    'alerts.title.other': '{scope}的{kpi}在 {when}：{kind}',
    'alerts.body.band': '实际值 {observed}（预期 {expected}，区间 {lower} 至 {upper}）。',
    'alerts.body.plain': '实际值 {observed}。',
    'alerts.link.playbooks': '相似赢单的销售打法',
    'alerts.link.competency': '销售能力评估',
    'alerts.link.training': '培训计划',
    'alerts.link.knowledge': '知识库',
    'alerts.link.next_actions': '待跟进商机：赢单概率、风险与下一步',
    'alerts.link.forecast': '销售预测',
    'alerts.link.assignment': '线索分配',
    'alerts.link.scoring': '线索评分模型',
  },
);

const TITLE_KINDS = new Set(['spike', 'dip', 'level_shift', 'trend_change', 'threshold', 'target']);

/** The title of an alert from what is stored with it (KPI, kind, scope, frequency, period). */
export function alertTitle(kpi: Text | string, kind: string, scope: Text | string, frequency: string, period: string): Text {
  const when = frequency === 'day' || frequency === 'week' || frequency === 'month'
    ? msg(`alerts.when.${frequency}`, { period })
    : msg('alerts.when.other', { frequency, period });
  return TITLE_KINDS.has(kind)
    ? msg(`alerts.title.${kind}` as 'alerts.title.spike', { kpi, scope, when })
    : msg('alerts.title.other', { kpi, kind, scope, when });
}
