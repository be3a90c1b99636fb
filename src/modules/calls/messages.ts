// Texts the call analysis writes for people itself (built-in tracker names, the description of a
// task made from an action item), in English and Simplified Chinese. Sentences, summaries and
// action items come from the transcript and stay in the transcript's language; a team's own
// trackers keep the names they were given.
import { defineMessages, type Text } from '../../core/i18n.ts';

export const msg = defineMessages(
  {
    'calls.tracker.pricing': 'Pricing',
    'calls.tracker.competitors': 'Competitors',
    'calls.tracker.objections': 'Objections',
    'calls.tracker.next-steps': 'Next steps',
    'calls.task.fromCall': 'From the call "{subject}"',
    'calls.task.fromEmail': 'From the email "{subject}"',
    'calls.task.fromCallDue': 'From the call "{subject}"; due as said: {due}',
    'calls.task.fromEmailDue': 'From the email "{subject}"; due as said: {due}',
    'calls.outcome.tooFew': 'needs at least 10 closed opportunities with analysed calls, both won and lost (have {n}: {won} won)',
    'calls.outcome.note': 'associations across closed deals, not causal effects; effect = change in log-odds of winning per standard deviation of the behaviour',
    'calls.outcome.constant': 'the behaviour has the same value in every conversation',
  },
  {
    'calls.tracker.pricing': '价格',
    'calls.tracker.competitors': '竞争对手',
    'calls.tracker.objections': '异议',
    'calls.tracker.next-steps': '下一步',
    'calls.task.fromCall': '来自通话“{subject}”',
    'calls.task.fromEmail': '来自邮件“{subject}”',
    'calls.task.fromCallDue': '来自通话“{subject}”；对方所说的期限：{due}',
    'calls.task.fromEmailDue': '来自邮件“{subject}”；对方所说的期限：{due}',
    'calls.outcome.tooFew': '需要至少 10 个已关闭且有已分析通话的商机，且赢单和输单都要有（现有 {n} 个，其中赢单 {won} 个）',
    'calls.outcome.note': '这是已关闭商机之间的关联，而非因果效应；效应 = 行为每变化一个标准差，赢单对数几率的变化',
    'calls.outcome.constant': '该行为在每次对话中的取值都相同',
  },
);

const BUILTIN: Record<string, 'calls.tracker.pricing' | 'calls.tracker.competitors' | 'calls.tracker.objections' | 'calls.tracker.next-steps'> = {
  pricing: 'calls.tracker.pricing', competitors: 'calls.tracker.competitors', objections: 'calls.tracker.objections', 'next-steps': 'calls.tracker.next-steps',
};

/** A built-in tracker's name in the reader's language; a team's own tracker keeps its name. */
export function trackerName(id: string, name: string): Text | string {
  const key = BUILTIN[id];
  return key ? msg(key) : name;
}

/** The description of a task made from an action item (the subject and the due hint are quoted as said). */
export function actionItemDescription(type: string, subject: string, due: string | null | undefined): Text {
  const email = type === 'email';
  return due
    ? msg(email ? 'calls.task.fromEmailDue' : 'calls.task.fromCallDue', { subject, due })
    : msg(email ? 'calls.task.fromEmail' : 'calls.task.fromCall', { subject });
}
