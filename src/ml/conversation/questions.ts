// Question detection for English and Chinese sentences, split into open and closed questions
// (open questions — what, how, why — are the discovery behaviour coaching looks for).
// Rules, not a model: punctuation plus interrogative words covers transcripts whose
// speech-to-text dropped the question marks.

export type QuestionKind = 'open' | 'closed';

const EN_OPEN = /^(?:so,?\s+|and\s+|but\s+|ok(?:ay)?,?\s+|well,?\s+)?(?:what|how|why|where|when|who|whom|whose|which)\b/i;
const EN_CLOSED = /^(?:so,?\s+|and\s+|but\s+|ok(?:ay)?,?\s+|well,?\s+)?(?:do|does|did|is|are|was|were|can|could|would|will|should|shall|may|might|have|has|had|am|isn't|aren't|don't|doesn't|didn't|won't|wouldn't|can't|couldn't)\s+(?:you|we|i|they|he|she|it|there|your|our|their|this|that|these|those|the|a|an|anyone|anything|someone)\b/i;
const EN_TAG = /,\s*(?:right|correct|isn't it|aren't you|don't you|wouldn't it|no)\s*[?.]?$/i;
const ZH_OPEN = /什么|怎么|怎样|为什么|为何|哪|多少|几|如何|谁|何时/;
const ZH_CLOSED_END = /[吗嘛么呢吧][？?。.!！]*$/;
const ZH_CLOSED_INNER = /是不是|是否|有没有|能不能|可不可以|要不要|会不会|对不对|好不好|行不行/;

/** The kind of question a sentence is, or null when it is not one. */
export function questionKind(sentence: string): QuestionKind | null {
  const s = sentence.normalize('NFKC').trim();
  const marked = /[?？]\s*["'”’)]*$/.test(s);
  if (EN_OPEN.test(s) || ZH_OPEN.test(s)) {
    // "What a great quarter." and "我不知道他是谁。" are not questions: wh-words need a '?' or no final period.
    if (marked || !/[.!。！]$/.test(s) || /^(?:how|what|why)\s+(?:do|does|did|is|are|can|could|would|will|should)\b/i.test(s)) return 'open';
  }
  if (marked || EN_CLOSED.test(s) || EN_TAG.test(s) || ZH_CLOSED_END.test(s) || ZH_CLOSED_INNER.test(s)) {
    if (!marked && /[吧]$/.test(s.replace(/[。.!！]+$/, '')) && !ZH_CLOSED_INNER.test(s)) return null; // 吧 alone is a suggestion
    return ZH_OPEN.test(s) || EN_OPEN.test(s) ? 'open' : 'closed';
  }
  return null;
}
