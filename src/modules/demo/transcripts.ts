// Call transcripts whose shape reflects the rep's hidden skill: reps good at discovery ask
// more open questions, and good communicators talk less, so the customer talks more.
import type { Rng } from '../../ml/random.ts';
import type { RepSkill } from './truth.ts';
import type { Lang } from './texts.ts';

export interface TranscriptTurn {
  speaker: string;
  role: 'rep' | 'customer';
  start: number;
  end: number;
  text: string;
}

export type CallKind = 'discovery' | 'negotiation';

interface Bank {
  open: readonly string[];
  closed: readonly string[];
  pitch: readonly string[];
  answer: readonly string[];
  short: readonly string[];
}

const BANKS: Record<CallKind, Record<Lang, Bank>> = {
  discovery: {
    en: {
      open: [
        'How do you track downtime today?', 'What happens when a machine fails unexpectedly?', 'Who else is involved in choosing a solution?',
        'What would success look like a year from now?', 'How does your team plan maintenance at the moment?', 'Why is this a priority for you now?',
      ],
      closed: ['Do you have a budget for this?', 'Is this something you want to solve this year?', 'Can I send you our brochure?', 'Are you the person who decides?'],
      pitch: [
        'Our platform connects to all major PLCs and ERP systems.', 'We have helped over two hundred factories cut downtime by thirty percent.',
        'The Enterprise edition includes single sign-on and an audit trail.', 'Our sensor hub supports up to sixty-four sensors.',
        'Implementation usually takes about six weeks.', 'We also offer a predictive analytics add-on.',
      ],
      answer: [
        'Right now we use spreadsheets and a lot of phone calls.', 'When a line stops we lose about twenty thousand dollars an hour.',
        'Our maintenance team is stretched thin and mostly reacts to failures.', 'The plant manager and our CFO would both be involved.',
        'We would like to see it working on our own data first.', 'We had two major breakdowns last quarter, which is why this came up.',
      ],
      short: ['Okay.', 'I see.', 'Sure.', 'Yes, that makes sense.', 'Not really.', 'Maybe later.'],
    },
    zh: {
      open: ['你们现在是怎么记录停机时间的？', '设备突然故障时一般怎么处理？', '选型时还有哪些人参与？', '一年后您希望达到什么效果？', '目前团队如何安排设备维护？', '为什么现在要解决这个问题？'],
      closed: ['这个项目有预算吗？', '今年要解决这个问题吗？', '我可以把产品手册发给您吗？', '最终是您来决定吗？'],
      pitch: ['我们的平台可以对接主流的PLC和ERP系统。', '我们已经帮助两百多家工厂把停机时间减少了百分之三十。', '企业版包含单点登录和审计日志。', '我们的传感器网关最多支持六十四个传感器。', '实施一般需要六周左右。', '我们还提供预测分析模块。'],
      answer: ['现在主要靠表格和电话沟通。', '一条产线停一个小时大概损失两万美元。', '维护团队人手紧张，基本都是出了故障再处理。', '厂长和财务总监都会参与决策。', '我们希望先用自己的数据看看效果。', '上个季度出了两次大故障，所以才提上日程。'],
      short: ['好的。', '明白。', '可以。', '是的，有道理。', '暂时没有。', '以后再说吧。'],
    },
  },
  negotiation: {
    en: {
      open: ['What would you need to see to move forward?', 'How does the proposal compare with your budget?', 'What concerns does your finance team have?', 'Which part of the proposal matters most to you?'],
      closed: ['Can we sign by the end of the month?', 'Would a phased roll-out work for you?', 'Is the discount the only open point?'],
      pitch: ['We can phase the roll-out and start with one plant.', 'I can include two training days at no cost.', 'The price is already fifteen percent below list.', 'Our support team answers within one hour.'],
      answer: ['The price is higher than we expected.', 'Legal needs to review the contract terms.', 'Our CFO wants to see the payback period.', 'We are also talking to another vendor.', 'If we can start small, I think we can get approval.'],
      short: ['Okay.', 'Understood.', 'Let me check.', 'That helps.', 'Hmm.'],
    },
    zh: {
      open: ['您觉得还需要什么才能推进？', '这个方案和您的预算相比怎么样？', '财务部门有哪些顾虑？', '方案中哪部分对您最重要？'],
      closed: ['月底前能签约吗？', '分阶段实施可以吗？', '只剩折扣这一个问题了吗？'],
      pitch: ['我们可以分阶段实施，先从一个工厂开始。', '我可以免费赠送两天培训。', '这个价格已经比标价低了百分之十五。', '我们的支持团队一小时内响应。'],
      answer: ['价格比我们预期的高。', '法务需要审核合同条款。', '财务总监想看投资回收期。', '我们也在和另一家供应商谈。', '如果能先小规模开始，我觉得可以通过审批。'],
      short: ['好的。', '明白了。', '我确认一下。', '这样有帮助。', '嗯。'],
    },
  },
};

/** Speaking speed: words per second in English, characters per second in Chinese. */
function seconds(text: string, lang: Lang): number {
  return lang === 'zh' ? text.replace(/[，。？！、\s]/g, '').length / 4.2 : text.split(/\s+/).length / 2.6;
}

export interface CallTranscript {
  turns: TranscriptTurn[];
  talkRatio: number;
  questions: number;
  openQuestions: number;
  durationSeconds: number;
}

export function callTranscript(rng: Rng, kind: CallKind, lang: Lang, rep: RepSkill, repName: string, customerName: string): CallTranscript {
  const bank = BANKS[kind][lang];
  const { discovery, communication } = rep.competencies;
  const sep = lang === 'zh' ? '' : ' ';
  const turns: TranscriptTurn[] = [];
  let clock = 0;
  let repTime = 0;
  let total = 0;
  let questions = 0;
  let openQuestions = 0;
  const say = (role: 'rep' | 'customer', sentences: string[]) => {
    const text = sentences.join(sep);
    const length = Math.max(1, seconds(text, lang) * (0.85 + 0.3 * rng.next()));
    const start = Math.round(clock * 10) / 10;
    const end = Math.round((clock + length) * 10) / 10;
    turns.push({ speaker: role === 'rep' ? repName : customerName, role, start, end, text });
    clock = end + 0.4 + rng.next();
    total += end - start;
    if (role === 'rep') repTime += end - start;
  };
  const exchanges = 5 + rng.int(5);
  for (let i = 0; i < exchanges; i++) {
    const rep: string[] = [];
    // Weaker communicators pitch at length before (or instead of) asking.
    const pitches = rng.bernoulli(0.85 - 0.7 * communication) ? 1 + rng.int(1 + Math.round(3 * (1 - communication))) : 0;
    for (let p = 0; p < pitches; p++) rep.push(rng.pick(bank.pitch));
    const r = rng.next();
    let asked: 'open' | 'closed' | null = null;
    if (r < 0.15 + 0.7 * discovery) asked = 'open';
    else if (r < 0.55 + 0.3 * discovery) asked = 'closed';
    if (asked === 'open') rep.push(rng.pick(bank.open));
    if (asked === 'closed') rep.push(rng.pick(bank.closed));
    if (rep.length === 0) rep.push(rng.pick(bank.pitch));
    if (asked) questions++;
    if (asked === 'open') openQuestions++;
    say('rep', rep);
    // Open questions get the customer talking; pitches get a nod.
    const answer = asked === 'open' ? [rng.pick(bank.answer), ...(rng.bernoulli(0.6) ? [rng.pick(bank.answer)] : [])]
      : asked === 'closed' ? [rng.pick(bank.short), ...(rng.bernoulli(0.4) ? [rng.pick(bank.answer)] : [])]
      : [rng.pick(bank.short)];
    say('customer', answer);
  }
  return { turns, talkRatio: Math.round((repTime / total) * 1000) / 1000, questions, openQuestions, durationSeconds: Math.round(clock) };
}
