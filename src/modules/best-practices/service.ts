// Best-practice mining: team playbooks (patterns that separate won from lost deals, tested for
// significance) and "deals like this one" (nearest won and lost deals and how they differed).
// The k-NN is a linear scan with cosine similarity written here: a few thousand closed deals need
// no index, and no maintained JS k-NN library mixes dense features with sparse TF-IDF.
import type { Db } from '../../db/client.ts';
import { dealPatterns, minePatterns, type LabelledDeal, type Mined, type PatternResult } from '../../ml/patterns/mine.ts';
import { fitTfidf } from '../../ml/text/tfidf.ts';
import type { SparseVector } from '../../ml/text/sparse.ts';
import { assignableOwners, type Actor } from '../crm/access.ts';
import { englishLabel, msg, patternText } from './messages.ts';
import { allDealHistories, dealDataVersion, isClosed, isRepAction, loadDealHistories, type DealHistory } from './deal-history.ts';

const label = englishLabel;
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export function labelled(d: DealHistory): LabelledDeal {
  return {
    id: d.id, won: d.stage === 'won', firstContactAt: d.firstContactAt,
    events: d.events.filter((e) => isRepAction(e.kind) || e.kind.startsWith('stage:')),
  };
}

export interface MineResult { deals: DealHistory[]; mined: Mined; baseWinRate: number }

/** Mining is a pass over every closed deal: kept per database until deals or activities change. */
const cache = new WeakMap<Db, { key: string; result: MineResult }>();

export async function mineDeals(db: Db): Promise<MineResult> {
  const key = await dealDataVersion(db);
  const hit = cache.get(db);
  if (hit && hit.key === key) return hit.result;
  const deals = (await allDealHistories(db, key)).filter(isClosed);
  // Counts ("at least 5 e-mails") are left out: they mostly measure how long a deal lived, not what worked.
  const mined = minePatterns(deals.map(labelled), { anchorsOnly: (k) => k.startsWith('stage:'), label, intensity: [] });
  const result = { deals, mined, baseWinRate: deals.length ? deals.filter((d) => d.stage === 'won').length / deals.length : 0 };
  cache.set(db, { key, result });
  return result;
}

const round = (x: number, d = 4) => Math.round(x * 10 ** d) / 10 ** d;

export async function playbooks(db: Db, actor: Actor, options: { minSupport?: number; alpha?: number } = {}) {
  const alpha = options.alpha ?? 0.05;
  const minSupport = options.minSupport ?? 0.03;
  const { deals, mined, baseWinRate } = await mineDeals(db);
  const visible = await assignableOwners(db, actor);
  const byId = new Map(deals.map((d) => [d.id, d]));
  const entries = mined.results
    .filter((r) => r.qValue < alpha && r.support >= minSupport && r.lift !== 1)
    .sort((a, b) => a.qValue - b.qValue || Math.abs(Math.log(b.lift)) - Math.abs(Math.log(a.lift)))
    .map((r) => {
      const direction = r.lift > 1 ? 'do' : 'avoid';
      const examples = (mined.members.get(r.key) ?? [])
        .map((id) => byId.get(id)!)
        .filter((d) => (direction === 'do' ? d.stage === 'won' : d.stage === 'lost') && (!visible || (d.ownerId !== null && visible.has(d.ownerId))))
        .slice(0, 3)
        .map((d) => ({ id: d.id, name: d.name, stage: d.stage, amount: d.amount }));
      return patternJson(r, direction, examples);
    });
  return { deals: deals.length, base_win_rate: round(baseWinRate), tested: mined.results.length, alpha, correction: 'Benjamini–Hochberg', test: msg('bp.test.fisher'), playbooks: entries };
}

interface Example { id: string; name: string | null; stage: string; amount: number | null }

function patternJson(r: PatternResult, direction: string, examples: Example[]) {
  return {
    pattern: r.key, description: patternText(r.key, r.kind) ?? capital(r.description), kind: r.kind, direction, population: r.population, deals: r.deals,
    support: round(r.support), win_rate: round(r.winRate), win_rate_without: round(r.winRateWithout), lift: round(r.lift, 3),
    p_value: r.pValue, q_value: r.qValue, examples,
  };
}

// --- Deals like this one ---------------------------------------------------------------

function featureVector(d: DealHistory, vocab: { industries: string[]; products: string[] }, at: number): number[] {
  const counts = new Map<string, number>();
  for (const e of d.events) if (e.at <= at && isRepAction(e.kind)) counts.set(e.kind, (counts.get(e.kind) ?? 0) + 1);
  return [
    ...vocab.industries.map((i) => (d.industry === i ? 1 : 0)),
    ...vocab.products.map((p) => (d.product === p ? 1 : 0)),
    Math.log10(Math.max(d.amount ?? 1000, 1000)) - 4.4,
    Math.log10(Math.max(d.employees ?? 100, 1)) - 2.5,
    ...['call', 'email', 'meeting', 'demo', 'proposal', 'executive', 'discount'].map((k) => Math.log1p(counts.get(k) ?? 0) / 2),
  ];
}

function cosine(a: readonly number[], b: readonly number[]): number {
  let dot = 0, na = 0, nb = 0;
  for (let i = 0; i < a.length; i++) (dot += a[i] * b[i]), (na += a[i] * a[i]), (nb += b[i] * b[i]);
  return na > 0 && nb > 0 ? dot / Math.sqrt(na * nb) : 0;
}

/** Dot product of two L2-normalised sparse vectors (ascending indices): their cosine. */
function sparseCosine(a: SparseVector, b: SparseVector): number {
  let dot = 0;
  for (let i = 0, j = 0; i < a.indices.length && j < b.indices.length; ) {
    if (a.indices[i] === b.indices[j]) dot += a.values[i++] * b.values[j++];
    else if (a.indices[i] < b.indices[j]) i++;
    else j++;
  }
  return dot;
}

/** Each deal's text: name, lost reason, and the wording of its notes and meetings. */
async function dealTexts(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  // Two joins rather than one with OR: the OR defeats the activity indexes on a big company.
  const { rows } = await db.query<{ id: string; text: string }>(
    `WITH d AS (SELECT id, lead_id, name, lost_reason FROM opportunities WHERE id = ANY($1::uuid[])),
     t AS (
       SELECT d.id, left(coalesce(a.subject, '') || ' ' || coalesce(a.body, ''), 400) AS x
         FROM d JOIN activities a ON a.opportunity_id = d.id WHERE a.type IN ('note', 'meeting')
       UNION ALL
       SELECT d.id, left(coalesce(a.subject, '') || ' ' || coalesce(a.body, ''), 400)
         FROM d JOIN activities a ON a.lead_id = d.lead_id AND a.opportunity_id IS NULL WHERE a.type IN ('note', 'meeting'))
     SELECT d.id, concat_ws(' ', d.name, d.lost_reason, string_agg(t.x, ' ')) AS text FROM d LEFT JOIN t ON t.id = d.id GROUP BY d.id, d.name, d.lost_reason`,
    [ids],
  );
  return new Map(rows.map((r) => [r.id, r.text ?? '']));
}

/** Word TF-IDF vectors (src/ml/text/tfidf.ts, which tokenises Chinese too), fitted on these deals. */
function tfidf(texts: Map<string, string>): Map<string, SparseVector> {
  const ids = [...texts.keys()];
  const vectorizer = fitTfidf(ids.map((id) => texts.get(id)!), { analyzer: 'word', ngramRange: [1, 1] });
  return new Map(ids.map((id) => [id, vectorizer.transform(texts.get(id)!)]));
}

const EMPTY: SparseVector = { indices: new Int32Array(0), values: new Float64Array(0) };

/** Weight of the structured features against the text in the similarity. */
const FEATURE_WEIGHT = 0.7;

export async function similarDeals(db: Db, actor: Actor, opportunityId: string, k = 5) {
  const { deals: closed, mined } = await mineDeals(db);
  const [target] = await loadDealHistories(db, { ids: [opportunityId] });
  const visible = await assignableOwners(db, actor);
  const candidates = closed.filter((d) => d.id !== opportunityId && (!visible || (d.ownerId !== null && visible.has(d.ownerId))));
  const vocab = { industries: [...new Set(closed.map((d) => d.industry ?? ''))].sort(), products: [...new Set(closed.map((d) => d.product ?? ''))].sort() };
  // An open deal is compared with closed deals at the same age, so a young deal is not "unlike" them for lack of history.
  const ageOf = (d: DealHistory) => (d.closedAt ?? Date.now()) - d.openedAt;
  const targetAge = ageOf(target);
  const tv = featureVector(target, vocab, Infinity);
  const texts = tfidf(await dealTexts(db, [target.id, ...candidates.map((c) => c.id)]));
  const tt = texts.get(target.id)!;
  const scored = candidates.map((c) => {
    const cv = featureVector(c, vocab, isClosed(target) ? Infinity : c.openedAt + targetAge);
    const sim = FEATURE_WEIGHT * cosine(tv, cv) + (1 - FEATURE_WEIGHT) * sparseCosine(tt, texts.get(c.id) ?? EMPTY);
    return { deal: c, similarity: sim };
  }).sort((a, b) => b.similarity - a.similarity);
  const pick = (stage: string) => scored.filter((s) => s.deal.stage === stage).slice(0, k);
  const won = pick('won');
  const lost = pick('lost');
  const significant = new Set(mined.results.filter((r) => r.qValue < 0.05).map((r) => r.key));
  const patterns = mined.patterns.filter((p) => significant.has(p.key));
  const shareOf = (group: typeof won) => {
    const flags = group.map((g) => dealPatterns(labelled(g.deal), patterns));
    return new Map(patterns.map((p) => {
      const applicable = flags.map((f) => f.get(p.key)).filter((x) => x !== undefined);
      return [p.key, applicable.length ? applicable.filter(Boolean).length / applicable.length : null];
    }));
  };
  const ws = shareOf(won), ls = shareOf(lost);
  const mine = dealPatterns(labelled(target), patterns);
  const differences = patterns
    .map((p) => ({ pattern: p.key, description: patternText(p.key, p.kind) ?? capital(p.description), won_share: ws.get(p.key) ?? null, lost_share: ls.get(p.key) ?? null, this_deal: mine.get(p.key) ?? null }))
    .filter((d) => d.won_share !== null && d.lost_share !== null && Math.abs(d.won_share - d.lost_share) >= 0.2)
    .sort((a, b) => Math.abs(b.won_share! - b.lost_share!) - Math.abs(a.won_share! - a.lost_share!))
    .slice(0, 8)
    .map((d) => ({ ...d, won_share: round(d.won_share!, 3), lost_share: round(d.lost_share!, 3) }));
  const json = (s: (typeof won)[number]) => ({ id: s.deal.id, name: s.deal.name, stage: s.deal.stage, amount: s.deal.amount, industry: s.deal.industry, product: s.deal.product, similarity: round(s.similarity, 3) });
  return { opportunity_id: opportunityId, searched: candidates.length, won: won.map(json), lost: lost.map(json), differences };
}
