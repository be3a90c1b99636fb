// Next-best-action's words for people (action names, task titles, why nothing is recommended,
// reward units) in English and Simplified Chinese; see src/core/i18n.ts.
import { defineMessages } from '../../core/i18n.ts';

export const msg = defineMessages(
  {
    'nba.action.executive': 'Involve an executive',
    'nba.action.demo': 'Product demo',
    'nba.action.proposal': 'Send the proposal',
    'nba.action.discount': 'Discount offer',
    'nba.action.meeting': 'Meeting',
    'nba.action.call': 'Call',
    'nba.action.email': 'E-mail',
    'nba.action.wait': 'Wait',
    'nba.task.executive': 'Involve an executive: set up an executive meeting',
    'nba.task.demo': 'Schedule a product demo',
    'nba.task.proposal': 'Send the proposal',
    'nba.task.discount': 'Prepare a discount offer',
    'nba.task.meeting': 'Set up a meeting',
    'nba.task.call': 'Call the customer',
    'nba.task.email': 'E-mail the customer',
    'nba.task.wait': 'Wait: no touch this week',
    'nba.task.withDeal': '{task} — {deal}',
    'nba.task.description':
      'Expected uplift in {unit} {uplift} (95% interval {low} to {high}), from {support} similar logged cases.',
    'nba.task.unit.win': 'win probability',
    'nba.task.unit.value': 'won value (units of {scale})',
    'nba.note.tooFew': 'Too few similar deals in the history ({total} in this state; {needed} needed per action): no recommendation.',
    'nba.note.noBetter': 'No action is clearly better here than what reps usually do (no uplift whose 95% interval is above zero).',
    'nba.reward.win': 'win probability (a won deal = 1)',
    'nba.reward.value': 'won amount in units of the mean closed-deal amount (1 = {scale}, capped at {cap}); multiply by scale for currency',
    'nba.method': 'Two-fold cross-fitting: policy, behaviour model and Q̂ fitted on one half, evaluated on the other; 95% percentile bootstrap over deals.',
    'nba.recommended': 'recommended {action}',
  },
  {
    'nba.action.executive': '请高层参与',
    'nba.action.demo': '产品演示',
    'nba.action.proposal': '发送方案',
    'nba.action.discount': '折扣报价',
    'nba.action.meeting': '会议',
    'nba.action.call': '电话',
    'nba.action.email': '邮件',
    'nba.action.wait': '等待',
    'nba.task.executive': '请高层参与：安排一次高层会议',
    'nba.task.demo': '安排产品演示',
    'nba.task.proposal': '发送方案',
    'nba.task.discount': '准备折扣报价',
    'nba.task.meeting': '安排一次会议',
    'nba.task.call': '给客户打电话',
    'nba.task.email': '给客户发邮件',
    'nba.task.wait': '等待：本周不联系',
    'nba.task.withDeal': '{task} — {deal}',
    'nba.task.description': '{unit}的预期提升 {uplift}（95% 区间 {low} 至 {high}），依据 {support} 个相似的历史案例。',
    'nba.task.unit.win': '赢单概率',
    'nba.task.unit.value': '赢单金额（单位 {scale}）',
    'nba.note.tooFew': '历史中相似的商机太少（此状态下 {total} 个；每个动作需要 {needed} 个）：暂无推荐。',
    'nba.note.noBetter': '在这里没有哪个动作明显优于销售通常的做法（没有 95% 区间高于零的提升）。',
    'nba.reward.win': '赢单概率（赢单 = 1）',
    'nba.reward.value': '以已结商机平均金额为单位的赢单金额（1 = {scale}，上限 {cap}）；乘以 scale 得到货币金额',
    'nba.method': '两折交叉拟合：策略、行为模型和 Q̂ 在一半数据上拟合，在另一半上评估；对商机做 95% 百分位自助法。',
    'nba.recommended': '推荐：{action}',
  },
);

type Key = Parameters<typeof msg>[0];
const ACTIONS = new Set(['executive', 'demo', 'proposal', 'discount', 'meeting', 'call', 'email', 'wait']);

/** An action's name for people; an unknown action stays as its code. */
export function actionLabel(action: string) {
  return ACTIONS.has(action) ? msg(`nba.action.${action}` as Key) : action;
}

/** The title of a task for an action (and the deal's name, which is data). */
export function taskTitleText(action: string, dealName: string | null) {
  const task = ACTIONS.has(action) ? msg(`nba.task.${action}` as Key) : action;
  return dealName ? msg('nba.task.withDeal', { task, deal: dealName }) : task;
}
