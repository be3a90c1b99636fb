// Texts training plans write for people (step titles, practice assignments), in English and
// Simplified Chinese. Article titles, names and e-mail subjects are data and stay as written.
import { defineMessages, isText, type Text } from '../../core/i18n.ts';

export const msg = defineMessages(
  {
    'training.step.read': 'Read: {title}',
    'training.step.studyCall': 'Study {name}\'s call: {subject}',
    'training.step.studyEmail': 'Study {name}\'s e-mail: {subject}',
    'training.step.practice': 'Practice ({competency}): {what}',
    'training.recordedCall': 'recorded call',
    'training.email': 'e-mail',
    'training.applyStudied': 'apply what you studied',
    'training.practice.discovery': 'On your next five calls, open with three open questions before any pitch',
    'training.practice.objection_handling': 'Role-play the three most common objections with your manager; answer each with a question first',
    'training.practice.product_knowledge': 'Offer a demo within 10 days of first contact on your next three new deals',
    'training.practice.closing': 'For each deal in negotiation, agree a dated next step and a mutual close plan',
    'training.practice.communication': 'Keep your talk share under 50% on your next five calls; follow up by phone when a deal goes quiet',
    'training.practice.pipeline_discipline': 'Touch every open deal at least weekly; contact new leads within 4 hours',
    'training.practice.collaboration': 'Bring an executive into one deal before its proposal; write up one lesson as a knowledge article',
  },
  {
    'training.step.read': '阅读：{title}',
    'training.step.studyCall': '学习 {name} 的通话：{subject}',
    'training.step.studyEmail': '学习 {name} 的邮件：{subject}',
    'training.step.practice': '练习（{competency}）：{what}',
    'training.recordedCall': '录音通话',
    'training.email': '邮件',
    'training.applyStudied': '运用所学内容',
    'training.practice.discovery': '接下来的五通电话里，先问三个开放式问题，再做任何推介',
    'training.practice.objection_handling': '与经理演练三种最常见的异议；每次都先用一个问题回应',
    'training.practice.product_knowledge': '接下来的三个新商机，在首次接触后 10 天内安排演示',
    'training.practice.closing': '对每个谈判中的商机，约定有日期的下一步和双方认可的成交计划',
    'training.practice.communication': '接下来的五通电话里，说话占比保持在 50% 以下；商机沉寂时打电话跟进',
    'training.practice.pipeline_discipline': '每个未结商机至少每周接触一次；4 小时内联系新线索',
    'training.practice.collaboration': '在一个商机的方案前请高管参与；把一条经验写成知识文章',
  },
);

const PRACTICE = new Set(['discovery', 'objection_handling', 'product_knowledge', 'closing', 'communication', 'pipeline_discipline', 'collaboration']);

/** The practice assignment for a competency of the default model; null for others. */
export function practiceFor(competency: string): Text | null {
  return PRACTICE.has(competency) ? msg(`training.practice.${competency}` as 'training.practice.discovery') : null;
}

/** Where a step keeps its title as a Text (the title column holds the English). */
export const TITLE_TEXT = 'title_text';

/** A stored step with its title as a Text again (steps stored before texts existed are unchanged). */
export function localizeStep<T extends { title: Text | string; ref: Record<string, unknown> }>(step: T): T {
  const text = step.ref?.[TITLE_TEXT];
  if (!isText(text)) return step;
  const { [TITLE_TEXT]: _text, ...ref } = step.ref;
  return { ...step, title: text, ref };
}
