// Tracker matching by a model's sentence embeddings, on top of the offline keyword and n-gram
// matching: a sentence is a hit when its embedding is close (cosine ≥ threshold) to one of the
// tracker's example phrases, which catches paraphrases and other languages that share no words.
// Pure: the caller computes the embeddings (provider.embed) and passes them in. Hand-written: a
// cosine over a few dozen vectors needs no vector library.
import { sentencesOf, type SentenceRef, type Turn } from './transcript.ts';

export { sentencesOf, type SentenceRef };
import type { TrackerDefinition, TrackerHit } from './trackers.ts';


function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) (dot += a[i] * b[i]), (na += a[i] * a[i]), (nb += b[i] * b[i]);
  return na > 0 && nb > 0 ? dot / Math.sqrt(na * nb) : 0;
}

/** Hits for (tracker, sentence) pairs the offline matching missed. exampleVectors[k] belong to trackers[k].examples. */
export function embeddingHits(
  sentences: readonly SentenceRef[], sentenceVectors: readonly ArrayLike<number>[], trackers: readonly TrackerDefinition[],
  exampleVectors: readonly (readonly ArrayLike<number>[])[], existing: readonly TrackerHit[], threshold = 0.8,
): TrackerHit[] {
  const taken = new Set(existing.map((h) => `${h.trackerId}|${h.turn}|${h.start}`));
  const hits: TrackerHit[] = [];
  trackers.forEach((t, k) => {
    sentences.forEach((s, i) => {
      if (taken.has(`${t.id}|${s.turn}|${s.start}`) || (t.roles && !t.roles.includes(s.role))) return;
      let best: { term: string; score: number } | undefined;
      (exampleVectors[k] ?? []).forEach((v, e) => {
        const score = cosine(sentenceVectors[i], v);
        if (score >= threshold && (!best || score > best.score)) best = { term: t.examples![e], score };
      });
      if (best) hits.push({ trackerId: t.id, turn: s.turn, role: s.role, sentence: s.sentence, start: s.start, end: s.end, matchedBy: 'embedding', ...best });
    });
  });
  return hits;
}
