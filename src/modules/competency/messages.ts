// Texts the competency assessment writes for people (metric labels, evidence details, what would
// raise a score), in English and Simplified Chinese; rendered in the reader's language.
import { defineMessages, type Text } from '../../core/i18n.ts';

export const msg = defineMessages(
  {
    // A pair of names given as data (a competency's label and label_zh): each locale picks its own.
    'competency.pair': '{en}',
    'competency.metric.win_rate': 'Win rate of deals closed in the period',
    'competency.metric.late_stage_win_rate': 'Win rate of deals that reached the proposal',
    'competency.metric.avg_deal_size': 'Average won deal size',
    'competency.metric.cycle_time_days': 'Median days from open to won',
    'competency.metric.activity_volume': 'Customer touches per week',
    'competency.metric.call_share': 'Share of follow-ups made by phone',
    'competency.metric.early_demo_rate': 'Demos within 10 days of first contact',
    'competency.metric.exec_meeting_rate': 'Deals with an executive meeting before the proposal',
    'competency.metric.silence_rate': 'Closed deals with a gap of more than 21 days',
    'competency.metric.touch_gap_days': 'Median days between touches on a deal',
    'competency.metric.lead_response_hours': 'Median hours to first contact a new lead',
    'competency.metric.lead_conversion_rate': 'Decided leads converted to deals',
    'competency.metric.close_date_accuracy': 'Deals closed within 14 days of the expected date',
    'competency.metric.pipeline_coverage': 'Open pipeline ÷ quarterly bookings',
    'competency.metric.talk_ratio': 'Rep share of talk time on recorded calls',
    'competency.metric.questions_per_call': 'Questions per recorded call',
    'competency.metric.open_questions_per_call': 'Open questions per recorded call',
    'competency.metric.objections_explored': 'Customer objections answered with a question',
    'competency.metric.followup_hours': 'Median hours to answer a customer e-mail',
    'competency.metric.email_clarity': 'Words per sentence in e-mails (fewer is clearer)',
    'competency.metric.email_specificity': 'E-mails with a concrete number, date or next step',
    'competency.metric.articles_written': 'Knowledge articles written',
    'competency.metric.article_uses': 'Uses of their knowledge articles by colleagues',
    'competency.metric.help_given': 'Touches on colleagues\u2019 deals',
    'competency.toRaise.none': 'No evidence in this period.',
    'competency.toRaise.raise': '{metric}: {value} vs team median {median} — raise it to the median to gain about {points} points.',
    'competency.toRaise.lower': '{metric}: {value} vs team median {median} — lower it to the median to gain about {points} points.',
    'competency.toRaise.missing': '{metric}: no evidence yet this period — it would count once there is some.',
    'competency.toRaise.above': 'Already above the team on every measure; keep {metric} where it is ({value}).',
    'competency.count.article.one': '{n} article',
    'competency.count.article.many': '{n} articles',
    'competency.count.time.one': '{n} time',
    'competency.count.time.many': '{n} times',
    'competency.count.colleague.one': '{n} colleague',
    'competency.count.colleague.many': '{n} colleagues',
    'competency.count.view.one': '{n} view',
    'competency.count.view.many': '{n} views',
    'competency.count.cited.one': '{n} citation in an answer',
    'competency.count.cited.many': '{n} citations in answers',
    'competency.count.helpful.one': '{n} marked helpful',
    'competency.count.helpful.many': '{n} marked helpful',
    'competency.detail.articles': '{articles}, used {uses} by {colleagues}',
    'competency.detail.articleUses': '{summary} ({articles} used: {breakdown})',
    'competency.join': '{a}, {b}',
  },
  {
    'competency.pair': '{zh}',
    'competency.metric.win_rate': '本期已关闭商机的赢单率',
    'competency.metric.late_stage_win_rate': '进入方案阶段的商机赢单率',
    'competency.metric.avg_deal_size': '平均赢单金额',
    'competency.metric.cycle_time_days': '从开启到赢单的天数中位数',
    'competency.metric.activity_volume': '每周客户接触次数',
    'competency.metric.call_share': '以电话方式跟进的占比',
    'competency.metric.early_demo_rate': '首次接触后 10 天内完成演示',
    'competency.metric.exec_meeting_rate': '方案前与高管会面的商机',
    'competency.metric.silence_rate': '中断超过 21 天的已关闭商机',
    'competency.metric.touch_gap_days': '同一商机两次接触间隔天数中位数',
    'competency.metric.lead_response_hours': '首次联系新线索的小时数中位数',
    'competency.metric.lead_conversion_rate': '已有结论的线索转为商机的比例',
    'competency.metric.close_date_accuracy': '在预计日期前后 14 天内关闭的商机',
    'competency.metric.pipeline_coverage': '未结商机金额 ÷ 季度签约额',
    'competency.metric.talk_ratio': '录音通话中销售的说话时间占比',
    'competency.metric.questions_per_call': '每通录音通话的提问数',
    'competency.metric.open_questions_per_call': '每通录音通话的开放式提问数',
    'competency.metric.objections_explored': '以提问回应的客户异议',
    'competency.metric.followup_hours': '回复客户邮件的小时数中位数',
    'competency.metric.email_clarity': '邮件每句字数（越少越清晰）',
    'competency.metric.email_specificity': '含具体数字、日期或下一步的邮件',
    'competency.metric.articles_written': '撰写的知识文章',
    'competency.metric.article_uses': '同事使用其知识文章的次数',
    'competency.metric.help_given': '参与同事商机的接触次数',
    'competency.toRaise.none': '本期没有证据。',
    'competency.toRaise.raise': '{metric}：{value}，团队中位数 {median}——提高到中位数约可多得 {points} 分。',
    'competency.toRaise.lower': '{metric}：{value}，团队中位数 {median}——降低到中位数约可多得 {points} 分。',
    'competency.toRaise.missing': '{metric}：本期尚无证据——有了证据后就会计入。',
    'competency.toRaise.above': '各项指标均已高于团队；保持“{metric}”在当前水平（{value}）。',
    'competency.count.article.one': '{n} 篇文章',
    'competency.count.article.many': '{n} 篇文章',
    'competency.count.time.one': '{n} 次',
    'competency.count.time.many': '{n} 次',
    'competency.count.colleague.one': '{n} 位同事',
    'competency.count.colleague.many': '{n} 位同事',
    'competency.count.view.one': '{n} 次查看',
    'competency.count.view.many': '{n} 次查看',
    'competency.count.cited.one': '{n} 次在回答中被引用',
    'competency.count.cited.many': '{n} 次在回答中被引用',
    'competency.count.helpful.one': '{n} 次被标记为有用',
    'competency.count.helpful.many': '{n} 次被标记为有用',
    'competency.detail.articles': '{articles}，被 {colleagues}使用 {uses}',
    'competency.detail.articleUses': '{summary}（被使用的有 {articles}：{breakdown}）',
    'competency.join': '{a}、{b}',
  },
);

export type CountNoun = 'article' | 'time' | 'colleague' | 'view' | 'cited' | 'helpful';

/** "3 articles" / "3 篇文章". */
export function count(n: number, noun: CountNoun): Text {
  return msg(`competency.count.${noun}.${n === 1 ? 'one' : 'many'}`, { n });
}

/** A list joined with ", " in English and "、" in Chinese. */
export function joinTexts(items: readonly (Text | string)[]): Text | string {
  if (items.length === 0) return '';
  return items.slice(1).reduce<Text | string>((a, b) => msg('competency.join', { a, b }), items[0]);
}

/** A name given as data in both languages (the Chinese one optional). */
export function pair(en: string, zh: string | undefined | null): Text {
  return msg('competency.pair', { en, zh: zh || en });
}
