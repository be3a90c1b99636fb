// Texts best-practice mining writes for people (what a pattern means: "A demo within 10 days of
// first contact"), in English and Simplified Chinese. The patterns come from src/ml/patterns with
// English descriptions; here they are rebuilt from their keys so they read in either language.
import { defineMessages, type Text } from '../../core/i18n.ts';

export const msg = defineMessages(
  {
    'bp.pair': '{en}',
    'bp.pattern.order': '{a} before {b}',
    'bp.pattern.timing': '{a} within {n} days of first contact',
    'bp.pattern.intensity': 'At least {k} × {a}',
    'bp.pattern.silence': 'A gap of more than {n} days without any activity',
    'bp.test.fisher': 'Fisher exact (two-sided)',
  },
  {
    'bp.pair': '{zh}',
    'bp.pattern.order': '{a}在{b}之前',
    'bp.pattern.timing': '首次接触后 {n} 天内有{a}',
    'bp.pattern.intensity': '至少 {k} 次{a}',
    'bp.pattern.silence': '超过 {n} 天没有任何活动',
    'bp.test.fisher': 'Fisher 精确检验（双侧）',
  },
);

/** Event kinds in words: English (as the pattern miner writes them) and Chinese. */
const LABELS: Record<string, [string, string]> = {
  call: ['a call', '电话'], email: ['an e-mail', '邮件'], meeting: ['a meeting', '会议'], demo: ['a demo', '演示'],
  proposal: ['a proposal meeting', '方案会议'], discount: ['a discount', '折扣'], executive: ['an executive meeting', '高管会议'],
  'stage:qualification': ['qualification', '资格确认'], 'stage:demo': ['the demo stage', '演示阶段'], 'stage:proposal': ['the proposal stage', '方案阶段'],
  'stage:negotiation': ['negotiation', '谈判'], 'stage:prospecting': ['prospecting', '潜在客户开发'],
};

/** The English label the miner uses (src/ml/patterns/mine.ts takes it as its `label` option). */
export const englishLabel = (k: string) => LABELS[k]?.[0] ?? k;

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function kindText(k: string, first: boolean): Text {
  const [en, zh] = LABELS[k] ?? [k, k];
  return msg('bp.pair', { en: first ? capital(en) : en, zh });
}

/**
 * A pattern's description as a Text, rebuilt from its key (`call_before_stage:demo`,
 * `demo_within_10d`, `email_at_least_3`, `silence_over_21d`); null for a key of another shape.
 */
export function patternText(key: string, kind: string): Text | null {
  let m: RegExpExecArray | null;
  if (kind === 'order' && (m = /^(.+?)_before_(.+)$/.exec(key))) return msg('bp.pattern.order', { a: kindText(m[1], true), b: kindText(m[2], false) });
  if (kind === 'timing' && (m = /^(.+)_within_(\d+)d$/.exec(key))) return msg('bp.pattern.timing', { a: kindText(m[1], true), n: Number(m[2]) });
  if (kind === 'intensity' && (m = /^(.+)_at_least_(\d+)$/.exec(key))) return msg('bp.pattern.intensity', { k: Number(m[2]), a: kindText(m[1], false) });
  if (kind === 'silence' && (m = /^silence_over_(\d+)d$/.exec(key))) return msg('bp.pattern.silence', { n: Number(m[1]) });
  return null;
}
