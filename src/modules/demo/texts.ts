// Free text in English and Chinese: lead notes (whose wording carries the hidden intent),
// e-mails and activity notes.
import type { Rng } from '../../ml/random.ts';
import type { NoteIntent } from './truth.ts';

export type Lang = 'en' | 'zh';

const NOTES: Record<NoteIntent, Record<Lang, readonly string[]>> = {
  strong: {
    en: [
      'Budget approved for this year; wants a demo next week.',
      'Asked for a quote for {n} sites, decision by end of quarter.',
      'Current vendor contract ends soon, actively evaluating replacements. Budget confirmed.',
      'Champion is the plant director; requested pricing and a pilot plan.',
    ],
    zh: [
      '客户希望下周安排产品演示，预算已批准',
      '客户要求提供{n}个工厂的报价，季度末前做决定',
      '现有供应商合同即将到期，正在积极评估替代方案，预算已确认',
      '厂长非常支持，要求提供价格和试点方案',
    ],
  },
  positive: {
    en: [
      'Interested in predictive maintenance, exploring options for next year.',
      'Downloaded the ROI guide and asked about integration with SAP.',
      'Good first call; they track downtime in spreadsheets today.',
      'Wants to understand pricing for about {n} users.',
    ],
    zh: [
      '对预测性维护感兴趣，正在为明年做规划',
      '下载了投资回报指南，询问与SAP的集成',
      '首次沟通顺利，目前用表格记录停机时间',
      '想了解大约{n}个用户的价格',
    ],
  },
  neutral: {
    en: [
      'Requested the brochure.',
      'Met at the booth, asked for more information.',
      'General inquiry through the website form.',
      'Left a voicemail, no answer yet.',
    ],
    zh: ['索取了产品手册', '在展会展位交流，希望了解更多信息', '通过官网表单咨询', '已留言，暂未回复'],
  },
  negative: {
    en: [
      'Just browsing, no budget this year.',
      'Student researching the market.',
      'Happy with their current solution, not looking to change.',
      'Asked to be contacted again in 12 months.',
    ],
    zh: ['只是随便看看，今年没有预算', '学生，做市场调研', '对现有方案很满意，暂不考虑更换', '要求一年后再联系'],
  },
};

export function leadNote(rng: Rng, intent: NoteIntent, lang: Lang): string {
  return rng.pick(NOTES[intent][lang]).replace('{n}', String(2 + rng.int(40)));
}

type EmailKind = 'intro' | 'follow_up' | 'demo_invite' | 'proposal' | 'negotiation' | 'won' | 'lost' | 'inquiry' | 'reply';

const EMAILS: Record<EmailKind, Record<Lang, readonly (readonly [string, string])[]>> = {
  inquiry: {
    en: [['Question about Bloom Insight Cloud', 'Hello, we are looking for a way to monitor our equipment. Could you send pricing and availability?']],
    zh: [['咨询 Bloom Insight Cloud', '您好，我们正在寻找设备监控方案，能否发送一下价格和交付时间？']],
  },
  intro: {
    en: [
      ['Reducing downtime at {company}', 'Hi {name},\n\nMany teams like yours cut unplanned downtime by a third with BloomTech. Would a 20-minute call next week make sense?\n\nBest regards,\n{rep}'],
      ['Following up on your inquiry', 'Hi {name},\n\nThanks for reaching out. I would love to learn more about your goals. When suits you for a short call?\n\n{rep}'],
    ],
    zh: [
      ['关于{company}减少停机时间', '{name}您好，\n\n很多与贵司类似的企业通过BloomTech将非计划停机减少了三分之一。下周方便安排20分钟电话沟通吗？\n\n{rep}'],
      ['回复您的咨询', '{name}您好，\n\n感谢您的咨询，想进一步了解贵司的需求。您什么时候方便通个电话？\n\n{rep}'],
    ],
  },
  follow_up: {
    en: [
      ['Checking in', 'Hi {name},\n\nJust checking in on my last note. Happy to share a customer story from your industry.\n\n{rep}'],
      ['Next steps', 'Hi {name},\n\nAs discussed, here is a summary and the next steps. Let me know if anything is missing.\n\n{rep}'],
    ],
    zh: [
      ['跟进一下', '{name}您好，\n\n跟进一下上次的沟通，可以分享一个同行业客户的案例。\n\n{rep}'],
      ['下一步安排', '{name}您好，\n\n附上会议纪要和下一步安排，如有遗漏请告知。\n\n{rep}'],
    ],
  },
  demo_invite: {
    en: [['Demo invitation: Bloom Insight Cloud', 'Hi {name},\n\nI have sent an invitation for the product demo. I will show alerts and reports on data like yours.\n\n{rep}']],
    zh: [['产品演示邀请', '{name}您好，\n\n已发送产品演示的会议邀请，届时将用类似贵司的数据演示告警和报表功能。\n\n{rep}']],
  },
  proposal: {
    en: [['Proposal for {company}', 'Hi {name},\n\nPlease find attached our proposal ({amount}). It includes the roll-out plan and pricing.\n\n{rep}']],
    zh: [['{company}方案报价', '{name}您好，\n\n附件是我们的方案和报价（{amount}），包括实施计划和价格明细。\n\n{rep}']],
  },
  negotiation: {
    en: [['Re: Proposal for {company}', 'Hi {name},\n\nThanks for the feedback on pricing. We can phase the roll-out and include two training days.\n\n{rep}']],
    zh: [['回复：{company}方案报价', '{name}您好，\n\n感谢您对价格的反馈。我们可以分阶段实施，并赠送两天培训。\n\n{rep}']],
  },
  won: {
    en: [['Welcome to BloomTech', 'Hi {name},\n\nThank you for the signed order. Our implementation team will contact you this week.\n\n{rep}']],
    zh: [['欢迎成为BloomTech客户', '{name}您好，\n\n感谢签约！实施团队将于本周与您联系。\n\n{rep}']],
  },
  lost: {
    en: [['Thank you for considering us', 'Hi {name},\n\nThanks for letting me know. I will check in again next year.\n\n{rep}']],
    zh: [['感谢您的考虑', '{name}您好，\n\n感谢告知，明年再与您联系。\n\n{rep}']],
  },
  reply: {
    en: [
      ['Re: {subject}', 'Thanks, this is helpful. Let us talk on Thursday.\n\n{name}'],
      ['Re: {subject}', 'Could you send more details on pricing and implementation time?\n\n{name}'],
      ['Re: {subject}', 'We need to align internally first. I will get back to you.\n\n{name}'],
    ],
    zh: [
      ['回复：{subject}', '谢谢，很有帮助。周四再沟通。\n\n{name}'],
      ['回复：{subject}', '能否发一下价格和实施周期的详细信息？\n\n{name}'],
      ['回复：{subject}', '我们需要先内部讨论一下，之后回复您。\n\n{name}'],
    ],
  },
};

export interface EmailText {
  subject: string;
  body: string;
}

export function emailText(rng: Rng, kind: EmailKind, lang: Lang, vars: Record<string, string>): EmailText {
  const [subject, body] = rng.pick(EMAILS[kind][lang]);
  const fill = (s: string) => s.replace(/\{(\w+)\}/g, (_, k: string) => vars[k] ?? '');
  return { subject: fill(subject), body: fill(body) };
}

export const MEETING_SUBJECTS: Record<'demo' | 'executive_meeting' | 'proposal', Record<Lang, string>> = {
  demo: { en: 'Product demo: Bloom Insight Cloud', zh: '产品演示：Bloom Insight Cloud' },
  executive_meeting: { en: 'Executive alignment meeting', zh: '高层会谈' },
  proposal: { en: 'Proposal walkthrough', zh: '方案讲解会' },
};

export const TASK_SUBJECTS: Record<Lang, readonly string[]> = {
  en: ['Send case study', 'Prepare ROI calculation', 'Follow up on open questions', 'Update close plan'],
  zh: ['发送客户案例', '准备投资回报测算', '跟进待解答问题', '更新成交计划'],
};

export const LOST_NOTE: Record<Lang, string> = { en: 'Deal lost: {reason}.', zh: '丢单原因：{reason}。' };
