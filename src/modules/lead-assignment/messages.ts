// Lead assignment's words for people (why a rep was chosen or excluded, why a lead waits in the
// queue) in English and Simplified Chinese; see src/core/i18n.ts.
import { defineMessages, isText, type Text } from '../../core/i18n.ts';

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

/**
 * Text columns (lead_assignments.explanation, queued_reason) hold a Text as its JSON; rows written
 * before texts were translated hold a plain sentence, which reads as itself.
 */
export function storedText(value: Text | string | null): string | null {
  return value === null ? null : typeof value === 'string' ? value : JSON.stringify(value);
}

export function readStoredText(value: string | null): Text | string | null {
  if (value === null || !value.startsWith('{"$t"')) return value;
  try {
    const parsed: unknown = JSON.parse(value);
    return isText(parsed) ? parsed : value;
  } catch {
    return value;
  }
}

const outcomes = (n: string) => (n === '1' ? msg('assign.policy.outcomes.one') : msg('assign.policy.outcomes.many', { n }));

// The policies in src/ml/bandits explain a choice in fixed English clauses joined by ", ". Each
// known clause becomes a message here (numbers and the segment, which is data, kept as parameters).
const CLAUSES: [RegExp, (m: RegExpExecArray) => Text][] = [
  [/^wins (\S+) ±(\S+) of (.+) leads \((\d+) outcomes? there, (\S+) expected from their overall record\)$/,
    (m) => msg('assign.policy.winsSegment', { rate: m[1], sd: m[2], segment: m[3], outcomes: outcomes(m[4]), prior: m[5] })],
  [/^wins (\S+) ±(\S+) of leads \((\d+) outcomes?\)$/, (m) => msg('assign.policy.winsOutcomes', { rate: m[1], sd: m[2], outcomes: outcomes(m[3]) })],
  [/^wins (\S+) ±(\S+) of leads$/, (m) => msg('assign.policy.wins', { rate: m[1], sd: m[2] })],
  [/^wins (\S+) of (.+) leads$/, (m) => msg('assign.policy.winsSegmentPlain', { rate: m[1], segment: m[2] })],
  [/^typical deal (\S+)$/, (m) => msg('assign.policy.typicalDeal', { amount: m[1] })],
  [/^expected (\S+) per lead$/, (m) => msg('assign.policy.expectedPerLead', { amount: m[1] })],
  [/^\+(\S+) uncertainty bonus$/, (m) => msg('assign.policy.bonus', { bonus: m[1] })],
  [/^exploring$/, () => msg('assign.policy.exploring')],
  [/^random pick \(exploring\)$/, () => msg('assign.policy.randomPick')],
  [/^best so far$/, () => msg('assign.policy.bestSoFar')],
  [/^next in rotation$/, () => msg('assign.policy.rotation')],
  [/^next in weighted rotation \(weight (\S+)\)$/, (m) => msg('assign.policy.weightedRotation', { weight: m[1] })],
  [/^untried: every rep gets a lead before the scores apply$/, () => msg('assign.policy.untried')],
  [/^averages (\S+) over (\d+) resolved leads?$/, (m) => msg(m[2] === '1' ? 'assign.policy.averages.one' : 'assign.policy.averages.many', { rate: m[1], n: m[2] })],
  [/^no outcomes yet \(team average assumed\)$/, () => msg('assign.policy.noOutcomes')],
];

/** Splits on ", " outside parentheses. */
function clauses(sentence: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < sentence.length; i++) {
    const c = sentence[i];
    if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    else if (c === ',' && depth === 0 && sentence[i + 1] === ' ') {
      out.push(sentence.slice(start, i));
      start = i + 2;
    }
  }
  out.push(sentence.slice(start));
  return out;
}

/**
 * A policy's explanation (src/ml/bandits, English) as a translatable Text. When any clause is not
 * one we know, the whole sentence stays as it is: English, never a half translation.
 */
export function policyText(sentence: string): Text | string {
  const parts: Text[] = [];
  const pieces = clauses(sentence);
  for (let i = 0; i < pieces.length; i++) {
    // A segment name may itself hold ", ": grow the clause until it matches.
    let clause = pieces[i];
    let hit = CLAUSES.find(([pattern]) => pattern.test(clause));
    while (!hit && i + 1 < pieces.length) {
      clause = `${clause}, ${pieces[++i]}`;
      hit = CLAUSES.find(([pattern]) => pattern.test(clause));
    }
    if (!hit) return sentence;
    parts.push(hit[1](hit[0].exec(clause)!));
  }
  return joinTexts(parts);
}
