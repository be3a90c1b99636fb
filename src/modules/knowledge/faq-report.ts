// The FAQ router's training report: how well a router trained like the live one answers
// questions it has not seen. A seeded, per-intent (stratified) hold-out of the training rows is
// routed by a router fitted on the rest; intents with a single example stay in training only.
import type { Text } from '../../core/i18n.ts';
import type { Db } from '../../db/client.ts';
import { Rng } from '../../ml/random.ts';
import { trainIntentRouter } from '../../ml/text/intent-router.ts';
import { FAQ_KIND, trainingSet } from './faq.ts';
import { msg } from './messages.ts';

export interface FaqMiss {
  text: string;
  expected: string;
  got: string;
  score: number;
  none_fits: boolean;
}

export interface FaqHoldoutReport {
  holdout_share: number;
  train_rows: number;
  holdout_rows: number;
  /** Intents with at least one held-out row. */
  holdout_intents: number;
  /** Held-out rows routed to their own intent (a "none fits" answer counts as wrong); null without a hold-out. */
  accuracy: number | null;
  /** Held-out rows whose intent is among the top 5. */
  top5: number | null;
  /** Share of held-out rows answered "none fits". */
  abstained: number | null;
  /** Accuracy among the rows that were answered (not "none fits"). */
  answered_accuracy: number | null;
  /** Up to 10 held-out rows routed wrongly, for the person training. */
  misses: FaqMiss[];
  note: Text | string | null;
}

const rate = (hits: number, total: number): number | null => (total > 0 ? Math.round((hits / total) * 1e4) / 1e4 : null);

export async function faqHoldoutReport(db: Db, share = 0.2, seed = 1): Promise<FaqHoldoutReport> {
  const { texts, labels } = await trainingSet(db);
  const byLabel = new Map<string, number[]>();
  labels.forEach((l, i) => byLabel.set(l, [...(byLabel.get(l) ?? []), i]));
  const rng = new Rng(seed);
  const held = new Set<number>();
  for (const rows of byLabel.values()) {
    if (rows.length < 2) continue;
    const take = Math.min(rows.length - 1, Math.max(1, Math.round(rows.length * share)));
    for (const i of rng.shuffle([...rows]).slice(0, take)) held.add(i);
  }
  const trainIdx = texts.map((_, i) => i).filter((i) => !held.has(i));
  const trainLabels = new Set(trainIdx.map((i) => labels[i]));
  const empty = (note: Text): FaqHoldoutReport => ({
    holdout_share: share, train_rows: trainIdx.length, holdout_rows: 0, holdout_intents: 0,
    accuracy: null, top5: null, abstained: null, answered_accuracy: null, misses: [], note,
  });
  if (held.size === 0) return empty(msg('knowledge.faq.noHoldout'));
  if (trainLabels.size < 2) return empty(msg('knowledge.faq.tooFewIntents'));
  const router = trainIntentRouter(trainIdx.map((i) => texts[i]), trainIdx.map((i) => labels[i]), { seed });
  let correct = 0, correct5 = 0, abstained = 0, answered = 0, answeredCorrect = 0;
  const misses: FaqMiss[] = [];
  const heldLabels = new Set<string>();
  for (const i of [...held].sort((a, b) => a - b)) {
    const r = router.route(texts[i]);
    heldLabels.add(labels[i]);
    const ok = !r.abstain && r.label === labels[i];
    if (r.abstain) abstained++;
    else {
      answered++;
      if (r.label === labels[i]) answeredCorrect++;
    }
    if (ok) correct++;
    if (r.top.slice(0, 5).some((t) => t.label === labels[i])) correct5++;
    if (!ok && misses.length < 10) misses.push({ text: texts[i], expected: labels[i], got: r.label, score: Math.round(r.confidence * 1e4) / 1e4, none_fits: r.abstain });
  }
  return {
    holdout_share: share,
    train_rows: trainIdx.length,
    holdout_rows: held.size,
    holdout_intents: heldLabels.size,
    accuracy: rate(correct, held.size),
    top5: rate(correct5, held.size),
    abstained: rate(abstained, held.size),
    answered_accuracy: rate(answeredCorrect, answered),
    misses,
    note: null,
  };
}

/** The stored settings of an FAQ model version: the abstention threshold and the softmax temperature. */
export async function faqModelSettings(db: Db, version: number): Promise<{ threshold: number | null; temperature: number | null }> {
  const { rows } = await db.query<{ metrics: { threshold?: number; temperature?: number } | null }>('SELECT metrics FROM models WHERE kind = $1 AND version = $2', [FAQ_KIND, version]);
  const m = rows[0]?.metrics ?? {};
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? Math.round(v * 1e4) / 1e4 : null);
  return { threshold: num(m.threshold), temperature: num(m.temperature) };
}
