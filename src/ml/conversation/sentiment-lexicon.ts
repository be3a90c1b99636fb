// A small, readable sentiment lexicon for sales conversations in English and Chinese
// (weights from -3 to +3, written for this project so every score can be explained).

export const EN_SENTIMENT: Record<string, number> = {
  // positive
  good: 2, great: 3, excellent: 3, amazing: 3, awesome: 3, fantastic: 3, wonderful: 3, perfect: 3, love: 3, loved: 3,
  like: 1, liked: 2, nice: 2, happy: 2, glad: 2, pleased: 2, excited: 2, interested: 1, interesting: 1, helpful: 2,
  useful: 2, valuable: 2, value: 1, easy: 2, simple: 1, fast: 1, quick: 1, reliable: 2, impressive: 3, impressed: 3,
  thanks: 1, thank: 1, appreciate: 2, appreciated: 2, agree: 1, sure: 1, yes: 1, definitely: 2, absolutely: 2,
  benefit: 2, benefits: 2, win: 2, success: 2, successful: 2, save: 1, saves: 1, savings: 2, affordable: 2,
  fair: 1, reasonable: 1, recommend: 2, kind: 2, generous: 2, hope: 1, hopefully: 1, best: 3, better: 2, fine: 1,
  cool: 1, works: 1, worth: 2, trust: 2, confident: 2, comfortable: 1, enjoy: 2, enjoyed: 2, fun: 2, smooth: 2,
  support: 1, help: 1, helping: 1, care: 1,
  // negative
  bad: -2, terrible: -3, awful: -3, horrible: -3, hate: -3, poor: -2, worse: -2, worst: -3, problem: -1, problems: -2,
  issue: -1, issues: -2, concern: -1, concerns: -1, concerned: -2, worried: -2, worry: -2, afraid: -2, difficult: -2,
  hard: -1, expensive: -2, costly: -2, overpriced: -3, slow: -2, broken: -3, bug: -2, bugs: -2, fail: -2, failed: -2,
  failure: -2, frustrated: -3, frustrating: -3, annoying: -2, annoyed: -2, disappointed: -3, disappointing: -3,
  unhappy: -2, angry: -3, upset: -2, complaint: -2, complain: -2, confusing: -2, confused: -2, risk: -1, risky: -2,
  sorry: -1, unfortunately: -2, sad: -2, scam: -3, waste: -2, wasted: -2, lose: -2, losing: -2, lost: -2, cancel: -2,
  doubt: -1, skeptical: -2, suspicious: -2, busy: -1, unfair: -2, tough: -1, struggle: -2, struggling: -2,
  suffering: -3, poverty: -2, hungry: -2, sick: -2, die: -3, dying: -3, death: -3,
};

export const EN_NEGATORS = new Set([
  'not', 'no', 'never', 'none', 'nothing', 'nobody', 'neither', 'nor', 'without', 'cannot', 'hardly', 'barely',
]);
/** Contractions ending in n't are negators too ("isn't", "don't", "won't"). */
export const isEnglishNegator = (token: string) => EN_NEGATORS.has(token) || token.endsWith("n't");

export const EN_BOOSTERS: Record<string, number> = {
  very: 1.5, really: 1.4, extremely: 1.8, so: 1.3, too: 1.3, super: 1.5, incredibly: 1.8, totally: 1.4, absolutely: 1.5,
  quite: 1.2, highly: 1.5, slightly: 0.5, somewhat: 0.6, kinda: 0.6, little: 0.6, bit: 0.6,
};

/** Chinese entries are matched as substrings (longest first), so compounds like 不错 and 不满 win over 不 + 错. */
export const ZH_SENTIMENT: Record<string, number> = {
  好: 2, 很好: 2, 不错: 2, 满意: 2, 喜欢: 2, 感谢: 2, 谢谢: 1, 优秀: 3, 棒: 3, 高兴: 2, 开心: 2, 方便: 2, 划算: 2,
  值得: 2, 实惠: 2, 专业: 2, 靠谱: 2, 放心: 2, 清楚: 1, 同意: 1, 可以: 1, 没问题: 2, 期待: 2, 感兴趣: 2, 有用: 2,
  省钱: 2, 简单: 1, 快: 1, 稳定: 2, 信任: 2, 推荐: 2, 成功: 2, 完美: 3, 太好了: 3, 帮助: 1, 支持: 1, 愿意: 1,
  差: -2, 贵: -2, 太贵: -3, 失望: -3, 麻烦: -2, 问题: -1, 担心: -2, 不满: -3, 糟糕: -3, 慢: -1, 生气: -3, 投诉: -3,
  困难: -2, 复杂: -1, 不好: -2, 难用: -3, 风险: -1, 抱歉: -1, 遗憾: -2, 可惜: -2, 犹豫: -1, 怀疑: -2, 讨厌: -3,
  烦: -2, 浪费: -2, 故障: -2, 退款: -1, 取消: -2, 没用: -2, 不行: -2, 没兴趣: -2, 不感兴趣: -2,
};

export const ZH_NEGATORS = ['没有', '不是', '并不', '从不', '不', '没', '别', '未', '无', '非'];
export const ZH_BOOSTERS: Record<string, number> = { 非常: 1.5, 特别: 1.5, 十分: 1.5, 极其: 1.8, 很: 1.3, 太: 1.3, 超: 1.5, 挺: 1.2, 真: 1.3, 有点: 0.6, 稍微: 0.5 };
