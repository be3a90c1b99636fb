// Lead assignment's words for people (why a rep was chosen or excluded, why a lead waits in the
// queue) in English and Simplified Chinese; see src/core/i18n.ts.
import type { WhyClause } from '../../ml/bandits/policy.ts';
import { defineMessages, type Text } from '../../core/i18n.ts';

export const msg = defineMessages(
  {
    'assign.reason.absent': 'absent until {date}',
    'assign.reason.hours': 'outside working hours ({hours})',
    'assign.hours': '{days} {start}:00–{end}:00 {offset}',
    'assign.reason.capacity': 'at capacity: {open}/{max} open leads',
    'assign.reason.quota.weekly': 'weekly quota reached: {assigned}/{quota} leads',
    'assign.reason.quota.monthly': 'monthly quota reached: {assigned}/{quota} leads',
    'assign.reason.quota.period': 'period quota reached: {assigned}/{quota} leads',
    'assign.reason.territory': 'territory {territory} not covered (covers {covered})',
    'assign.reason.language': 'does not speak {language} (speaks {covered})',
    'assign.reason.product': 'not skilled in {product} (sells {covered})',
    'assign.reason.fairness': 'a new rep below the minimum share is served first',
    'assign.reason.notAccepting': 'not accepting new leads',
    'assign.queued': 'Queued: {summary}.',
    'assign.queued.noReps': 'no reps on the team',
    'assign.queued.noneCan': 'none of {n} reps can take it',
    'assign.queued.noTeamReps': 'no reps to assign to in your teams',
    'assign.explanation': '{rep}: {open}/{max} open, {policy}',
    'assign.explanation.fairness': '{rep}: {open}/{max} open, {policy} (new rep: guaranteed a minimum share of leads to learn from)',
    'assign.excluded': '{name}: {reasons}',
    'assign.day.0': 'Sun', 'assign.day.1': 'Mon', 'assign.day.2': 'Tue', 'assign.day.3': 'Wed',
    'assign.day.4': 'Thu', 'assign.day.5': 'Fri', 'assign.day.6': 'Sat',
    'assign.outcome.duplicate': 'this key was already applied',
    'assign.outcome.noAssignment': 'the lead has no logged assignment',
    'assign.outcome.alreadyHas': 'the assignment already has an outcome (key {key})',
    'assign.join.comma': '{a}, {b}',
    'assign.join.tight': '{a},{b}',
    'assign.join.semicolon': '{a}; {b}',
    'assign.policy.winsSegment': 'wins {rate} ±{sd} of {segment} leads ({outcomes} there, {prior} expected from their overall record)',
    'assign.policy.winsSegmentPlain': 'wins {rate} of {segment} leads',
    'assign.policy.winsOutcomes': 'wins {rate} ±{sd} of leads ({outcomes})',
    'assign.policy.wins': 'wins {rate} ±{sd} of leads',
    'assign.policy.outcomes.one': '1 outcome',
    'assign.policy.outcomes.many': '{n} outcomes',
    'assign.policy.typicalDeal': 'typical deal {amount}',
    'assign.policy.expectedPerLead': 'expected {amount} per lead',
    'assign.policy.bonus': '+{bonus} uncertainty bonus',
    'assign.policy.exploring': 'exploring',
    'assign.policy.randomPick': 'random pick (exploring)',
    'assign.policy.bestSoFar': 'best so far',
    'assign.policy.rotation': 'next in rotation',
    'assign.policy.weightedRotation': 'next in weighted rotation (weight {weight})',
    'assign.policy.untried': 'untried: every rep gets a lead before the scores apply',
    'assign.policy.averages.one': 'averages {rate} over 1 resolved lead',
    'assign.policy.averages.many': 'averages {rate} over {n} resolved leads',
    'assign.policy.noOutcomes': 'no outcomes yet (team average assumed)',
  },
  {
    'assign.reason.absent': '休假至 {date}',
    'assign.reason.hours': '不在工作时间（{hours}）',
    'assign.hours': '{days} {start}:00–{end}:00 {offset}',
    'assign.reason.capacity': '已满负荷：{open}/{max} 条未结线索',
    'assign.reason.quota.weekly': '本周配额已满：{assigned}/{quota} 条线索',
    'assign.reason.quota.monthly': '本月配额已满：{assigned}/{quota} 条线索',
    'assign.reason.quota.period': '本期配额已满：{assigned}/{quota} 条线索',
    'assign.reason.territory': '不负责区域 {territory}（负责 {covered}）',
    'assign.reason.language': '不会说 {language}（会说 {covered}）',
    'assign.reason.product': '不熟悉 {product}（销售 {covered}）',
    'assign.reason.fairness': '优先分配给未达最低份额的新销售',
    'assign.reason.notAccepting': '暂不接收新线索',
    'assign.queued': '已排队：{summary}。',
    'assign.queued.noReps': '团队中没有销售',
    'assign.queued.noneCan': '没有销售能接手（共 {n} 名）',
    'assign.queued.noTeamReps': '您的团队中没有可分配的销售',
    'assign.explanation': '{rep}：{open}/{max} 条未结，{policy}',
    'assign.explanation.fairness': '{rep}：{open}/{max} 条未结，{policy}（新销售：保证获得最低份额的线索以积累经验）',
    'assign.excluded': '{name}：{reasons}',
    'assign.day.0': '周日', 'assign.day.1': '周一', 'assign.day.2': '周二', 'assign.day.3': '周三',
    'assign.day.4': '周四', 'assign.day.5': '周五', 'assign.day.6': '周六',
    'assign.outcome.duplicate': '此键已经应用过',
    'assign.outcome.noAssignment': '该线索没有分配记录',
    'assign.outcome.alreadyHas': '该分配已有结果（键 {key}）',
    'assign.join.comma': '{a}，{b}',
    'assign.join.tight': '{a}、{b}',
    'assign.join.semicolon': '{a}；{b}',
    'assign.policy.winsSegment': '{segment} 线索赢单率 {rate} ±{sd}（该细分 {outcomes}，按其总体记录预期 {prior}）',
    'assign.policy.winsSegmentPlain': '{segment} 线索赢单率 {rate}',
    'assign.policy.winsOutcomes': '线索赢单率 {rate} ±{sd}（{outcomes}）',
    'assign.policy.wins': '线索赢单率 {rate} ±{sd}',
    'assign.policy.outcomes.one': '1 个结果',
    'assign.policy.outcomes.many': '{n} 个结果',
    'assign.policy.typicalDeal': '典型成交额 {amount}',
    'assign.policy.expectedPerLead': '每条线索预期 {amount}',
    'assign.policy.bonus': '不确定性加成 +{bonus}',
    'assign.policy.exploring': '探索中',
    'assign.policy.randomPick': '随机选择（探索中）',
    'assign.policy.bestSoFar': '目前最佳',
    'assign.policy.rotation': '按轮转顺序',
    'assign.policy.weightedRotation': '按加权轮转顺序（权重 {weight}）',
    'assign.policy.untried': '尚未试过：每位销售先各分到一条线索，之后再按评分分配',
    'assign.policy.averages.one': '1 条已结线索的平均赢单率 {rate}',
    'assign.policy.averages.many': '{n} 条已结线索的平均赢单率 {rate}',
    'assign.policy.noOutcomes': '尚无结果（按团队平均计）',
  },
);

type Join = 'assign.join.comma' | 'assign.join.tight' | 'assign.join.semicolon';

/** A list of texts as one Text, separated per locale (", " in English, "，" in Chinese). */
export function joinTexts(items: readonly (Text | string)[], join: Join = 'assign.join.comma'): Text | string {
  if (items.length === 0) return '';
  return items.slice(1).reduce<Text | string>((a, b) => msg(join, { a, b }), items[0]);
}

/** 0.3123 → "31%". */
const pct = (x: number) => `${Math.round(x * 100)}%`;
const outcomes = (n: number) => (n === 1 ? msg('assign.policy.outcomes.one') : msg('assign.policy.outcomes.many', { n }));

/** One reason a policy in src/ml/bandits gives for its pick, in words. */
function clauseText(c: WhyClause): Text {
  switch (c.code) {
    case 'winsSegment':
      return msg('assign.policy.winsSegment', { rate: pct(c.rate), sd: pct(c.sd), segment: c.segment, outcomes: outcomes(c.outcomes), prior: pct(c.prior) });
    case 'winsSegmentPlain':
      return msg('assign.policy.winsSegmentPlain', { rate: pct(c.rate), segment: c.segment });
    case 'winsOutcomes':
      return msg('assign.policy.winsOutcomes', { rate: pct(c.rate), sd: pct(c.sd), outcomes: outcomes(c.outcomes) });
    case 'wins':
      return msg('assign.policy.wins', { rate: pct(c.rate), sd: pct(c.sd) });
    case 'typicalDeal':
    case 'expectedPerLead':
      return msg(`assign.policy.${c.code}`, { amount: c.amount });
    case 'bonus':
      return msg('assign.policy.bonus', { bonus: pct(c.bonus) });
    case 'averages':
      return c.resolved === 1 ? msg('assign.policy.averages.one', { rate: pct(c.rate) }) : msg('assign.policy.averages.many', { rate: pct(c.rate), n: c.resolved });
    case 'weightedRotation':
      return msg('assign.policy.weightedRotation', { weight: c.weight });
    default:
      return msg(`assign.policy.${c.code}`);
  }
}

/** A policy's why (src/ml/bandits) as one Text: its clauses in words, comma-separated. */
export function policyText(why: readonly WhyClause[]): Text | string {
  return joinTexts(why.map(clauseText));
}
