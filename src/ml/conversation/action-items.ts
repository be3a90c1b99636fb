// Action items: sentences where someone commits to doing something ("I'll send", "let's schedule",
// "我会发", "下周安排"), with who owns it and when it is due, as the speaker put it.
// Rules rather than a model: commitments in sales talk follow a handful of patterns, and rules
// keep every extraction explainable and work offline in English and Chinese.
import { splitSentences, type Role, type Turn } from './transcript.ts';

export type Owner = 'speaker' | 'other' | 'both';

export interface ActionItem {
  turn: number;
  speaker: string;
  role: Role;
  sentence: string;
  /** Who will act: the speaker ("I'll…"), the other party ("can you…"), or both ("let's…"). */
  owner: Owner;
  /** The owner's role when known (for "both": the speaker's role). */
  ownerRole: Role;
  /** Time expression as said ("by Friday", "下周"), if any. */
  due?: string;
}

const EN_ACTION = String.raw`(?:send|share|email|e-mail|call|ring|schedule|set up|setup|book|arrange|organi[sz]e|follow up|get back|circle back|reach out|check|review|prepare|draft|put together|forward|loop in|introduce|confirm|update|look into|ship|deliver|sign|finali[sz]e|demo|walk you through|provide|connect|discuss|meet|talk|donate|pay|transfer|make)`;
const EN_SPEAKER = new RegExp(String.raw`\b(?:i(?:'ll| will| am going to|'m going to| can| shall)|we(?:'ll| will| are going to|'re going to| can| shall)|let me|allow me to)\s+(?:\w+\s+){0,3}?${EN_ACTION}\b`, 'i');
const EN_BOTH = new RegExp(String.raw`\b(?:let's|let us|shall we|why don't we)\s+(?:\w+\s+){0,2}?${EN_ACTION}\b`, 'i');
const EN_OTHER = new RegExp(String.raw`\b(?:can you|could you|would you|will you|please|you(?:'ll| will| should| need to))\s+(?:\w+\s+){0,2}?${EN_ACTION}\b`, 'i');
const EN_DUE = /\b(?:today|tonight|tomorrow|this (?:morning|afternoon|evening|week|month|quarter)|next (?:week|month|quarter|monday|tuesday|wednesday|thursday|friday)|(?:by|on|before|until) (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|the end of (?:the )?(?:day|week|month|quarter))|end of (?:the )?(?:day|week|month|quarter)|eod|eow|in (?:\d+|a few|two|three) (?:days|weeks|hours)|(?:on |by )?(?:monday|tuesday|wednesday|thursday|friday)|(?:by |on )?\d{1,2}\/\d{1,2}|(?:by |on )?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.? \d{1,2}(?:st|nd|rd|th)?)\b/i;

const ZH_ACTION = '(?:发|发送|寄|安排|跟进|确认|准备|提供|联系|回复|整理|预约|约|更新|演示|介绍|对接|签|报价|付款|沟通|讨论|打电话|过来|汇报|捐)';
const ZH_SPEAKER = new RegExp(`(?:我|我们|我这边|我们这边)(?:会|来|将|稍后|回头|马上|尽快|今天|明天|下周|负责|去|再)+.{0,6}?${ZH_ACTION}`);
const ZH_OTHER = new RegExp(`(?:请|麻烦|您|你)(?:您|你)?(?:能|可以|方便)?.{0,4}?${ZH_ACTION}`);
const ZH_BOTH = new RegExp(`咱们.{0,4}?${ZH_ACTION}|我们.{0,4}?${ZH_ACTION}.{0,6}吧`);
const ZH_DUE = /今天|今晚|明天|后天|本周[一二三四五六日天]?|这周[一二三四五六日天]?|下周[一二三四五六日天]?|周[一二三四五六日天]|星期[一二三四五六日天]|月底|月初|下个月|下月|年底|\d+[天日]内|\d+月\d+[日号]|尽快|马上/;
/** A time expression plus an action verb is a plan even without a subject: "下周安排演示". */
const ZH_PLAN = new RegExp(`(?:${ZH_DUE.source}).{0,4}?${ZH_ACTION}`);

const NEGATED = /\b(?:won't|will not|can't|cannot|not going to|don't|never)\b|不会|不能|没法|不用|不要/i;

function classify(sentence: string): Owner | null {
  if (NEGATED.test(sentence)) return null;
  if (EN_BOTH.test(sentence) || ZH_BOTH.test(sentence)) return 'both';
  if (EN_SPEAKER.test(sentence) || ZH_SPEAKER.test(sentence)) return 'speaker';
  // A request to the other party ("can you send…"), but not an offer ("would you like to…").
  if ((EN_OTHER.test(sentence) && !/\bwould you like\b/i.test(sentence)) || ZH_OTHER.test(sentence)) return 'other';
  if (ZH_PLAN.test(sentence)) return 'speaker';
  return null;
}

export function findActionItems(turns: readonly Turn[]): ActionItem[] {
  const out: ActionItem[] = [];
  turns.forEach((turn, index) => {
    for (const sentence of splitSentences(turn.text)) {
      const owner = classify(sentence);
      if (!owner) continue;
      const due = (EN_DUE.exec(sentence) ?? ZH_DUE.exec(sentence))?.[0];
      const ownerRole: Role = owner === 'other' ? (turn.role === 'rep' ? 'customer' : 'rep') : turn.role;
      out.push({ turn: index, speaker: turn.speaker, role: turn.role, sentence, owner, ownerRole, ...(due ? { due } : {}) });
    }
  });
  return out;
}
