// Disjoint LinUCB (Li, Chu, Langford & Schapire 2010), one ridge regression per rep, with the ridge
// prior centred on what the rep's overall record predicts instead of on zero. Written by hand: no
// maintained JS library offers LinUCB with delayed, idempotent, serialisable updates, and the maths
// is a small Cholesky solve per rep.
//
// Features x = [context.features…, one-hot(segment)]; the segment vocabulary grows as segments
// appear (new dimensions are appended, so saved matrices only need padding).
// For rep a:  θ_a = (λI + G_a)⁻¹ (λ·θ0_a + g_a),   G_a = Σ x xᵀ,  g_a = Σ r·x  over resolved leads,
// where θ0_a is 0 on context features and, on segment s, m_as = teamRate(s) × lift(a): the segment's
// team win rate scaled by how much better the rep does than an average rep on the same leads. So
// with no data in a segment the rep is judged by their overall record, with much data by their own
// results there (the ridge solution minimises ‖Xθ − r‖² + λ‖θ − θ0‖²).
// Score = xᵀθ_a + α·sqrt(xᵀ(λI + P_a)⁻¹x), where P_a counts ASSIGNED leads (like UCB1's n_a): with
// outcomes weeks late, a deterministic policy would otherwise send every lead to the same rep until
// the first outcome arrives.
import type { Rng } from '../random.ts';
import {
  EventLedger, argmaxRandomTies, assertEligible, verdictClause,
  type BanditPolicy, type LeadContext, type PolicyState, type RewardEvent, type Selection, type WhyClause,
} from './policy.ts';

export interface LinUcbOptions {
  /** α: weight of the confidence bonus. */
  alpha?: number;
  /** λ: ridge strength, in leads' worth of evidence behind the prior θ0. */
  ridge?: number;
  /** Pseudo-wins pulling a rep's lift toward 1 (the average rep) while they have few outcomes. */
  liftPrior?: number;
}

interface RepStats {
  /** Resolved leads: Gram matrix Σ x xᵀ (d×d, row-major) and Σ r·x. */
  gram: number[];
  rewards: number[];
  /** Assigned leads: Σ x xᵀ, for the exploration bonus. */
  assigned: number[];
}

interface LinUcbState {
  featureCount: number | null;
  segments: string[];
  reps: Record<string, RepStats>;
}

/** Solves A y = b for a symmetric positive definite A (d×d, row-major) by Cholesky. */
export function choleskySolve(a: Float64Array, b: Float64Array, d: number): Float64Array {
  const l = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * d + j];
      for (let k = 0; k < j; k++) s -= l[i * d + k] * l[j * d + k];
      if (i === j) {
        if (!(s > 0)) throw new Error('choleskySolve: matrix is not positive definite');
        l[i * d + i] = Math.sqrt(s);
      } else {
        l[i * d + j] = s / l[j * d + j];
      }
    }
  }
  const y = new Float64Array(d);
  for (let i = 0; i < d; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= l[i * d + k] * y[k];
    y[i] = s / l[i * d + i];
  }
  for (let i = d - 1; i >= 0; i--) {
    let s = y[i];
    for (let k = i + 1; k < d; k++) s -= l[k * d + i] * y[k];
    y[i] = s / l[i * d + i];
  }
  return y;
}

interface Estimate {
  mean: number;
  /** sqrt(xᵀ(λI + P)⁻¹x): uncertainty left after the leads assigned so far. */
  width: number;
  priorMean: number;
  outcomes: number;
}

export class LinUcbPolicy implements BanditPolicy {
  readonly name = 'linucb';
  readonly alpha: number;
  readonly ridge: number;
  readonly liftPrior: number;
  private featureCount: number | null;
  private readonly segments: string[];
  private readonly reps: Map<string, RepStats>;
  private readonly ledger: EventLedger;

  constructor(options: LinUcbOptions = {}, state?: LinUcbState, appliedEvents: string[] = []) {
    this.alpha = options.alpha ?? 0.5;
    this.ridge = options.ridge ?? 10;
    this.liftPrior = options.liftPrior ?? 5;
    if (!(this.alpha >= 0) || !(this.ridge > 0)) throw new Error('linucb needs alpha ≥ 0 and ridge > 0');
    this.featureCount = state?.featureCount ?? null;
    this.segments = [...(state?.segments ?? [])];
    this.reps = new Map(Object.entries(state?.reps ?? {}).map(([k, v]) => [k, { gram: [...v.gram], rewards: [...v.rewards], assigned: [...v.assigned] }]));
    this.ledger = new EventLedger(appliedEvents);
  }

  private get dims(): number {
    return (this.featureCount ?? 0) + this.segments.length;
  }

  /** The feature vector of a context, registering a new segment (and growing every rep's matrices). */
  private vector(context: LeadContext, register: boolean): Float64Array {
    const extra = context.features ?? [];
    if (this.featureCount === null) this.featureCount = extra.length;
    if (extra.length !== this.featureCount) {
      throw new Error(`linucb: context has ${extra.length} features, the policy was built with ${this.featureCount}`);
    }
    if (register && !this.segments.includes(context.segment)) {
      const old = this.dims;
      this.segments.push(context.segment);
      for (const stats of this.reps.values()) grow(stats, old, this.dims);
    }
    const x = new Float64Array(this.dims);
    x.set(extra);
    const s = this.segments.indexOf(context.segment);
    if (s >= 0) x[this.featureCount + s] = 1;
    return x;
  }

  private stats(rep: string): RepStats {
    let s = this.reps.get(rep);
    if (!s) {
      const d = this.dims;
      this.reps.set(rep, (s = { gram: new Array(d * d).fill(0), rewards: new Array(d).fill(0), assigned: new Array(d * d).fill(0) }));
    }
    return s;
  }

  /** Team win rate per segment (2 pseudo-leads toward the overall rate), from the segment block of every rep's statistics. */
  private segmentRates(): Float64Array {
    const f = this.featureCount ?? 0;
    const d = this.dims;
    const wins = new Float64Array(this.segments.length);
    const n = new Float64Array(this.segments.length);
    for (const st of this.reps.values()) {
      for (let s = 0; s < this.segments.length; s++) {
        const i = f + s;
        wins[s] += st.rewards[i];
        n[s] += st.gram[i * d + i];
      }
    }
    const total = n.reduce((a, b) => a + b, 0);
    const overall = (wins.reduce((a, b) => a + b, 0) + 1) / (total + 2);
    return Float64Array.from(wins, (w, s) => (w + 2 * overall) / (n[s] + 2));
  }

  /** How the rep's wins compare with an average rep's on the same segments, pulled toward 1. */
  private lift(st: RepStats | undefined, rates: Float64Array): number {
    if (!st) return 1;
    const f = this.featureCount ?? 0;
    const d = this.dims;
    let wins = 0;
    let expected = 0;
    for (let s = 0; s < this.segments.length; s++) {
      const i = f + s;
      wins += st.rewards[i];
      expected += st.gram[i * d + i] * rates[s];
    }
    return (wins + this.liftPrior) / (expected + this.liftPrior);
  }

  private estimate(rep: string, x: Float64Array, segment: string, rates: Float64Array): Estimate {
    const d = this.dims;
    const f = this.featureCount ?? 0;
    const st = this.reps.get(rep);
    const lift = this.lift(st, rates);
    const s = this.segments.indexOf(segment);
    const overall = rates.length ? rates.reduce((a, b) => a + b, 0) / rates.length : 0.5;
    const priorMean = clamp((s >= 0 ? rates[s] : overall) * lift);
    const theta0 = new Float64Array(d);
    for (let k = 0; k < this.segments.length; k++) theta0[f + k] = clamp(rates[k] * lift);
    const a = new Float64Array(d * d);
    const p = new Float64Array(d * d);
    const b = new Float64Array(d);
    for (let i = 0; i < d; i++) {
      for (let j = 0; j < d; j++) {
        a[i * d + j] = (st?.gram[i * d + j] ?? 0) + (i === j ? this.ridge : 0);
        p[i * d + j] = (st?.assigned[i * d + j] ?? 0) + (i === j ? this.ridge : 0);
      }
      b[i] = this.ridge * theta0[i] + (st?.rewards[i] ?? 0);
    }
    if (d === 0) return { mean: priorMean, width: 1 / Math.sqrt(this.ridge), priorMean, outcomes: 0 };
    const theta = choleskySolve(a, b, d);
    const px = choleskySolve(p, x, d);
    let mean = 0;
    let w = 0;
    for (let i = 0; i < d; i++) {
      mean += x[i] * theta[i];
      w += x[i] * px[i];
    }
    // Outside the segment block there is no intercept: a lead of an unseen segment falls back on the prior.
    if (s < 0) mean += priorMean;
    const outcomes = st && s >= 0 ? st.gram[(f + s) * d + f + s] : 0;
    return { mean, width: Math.sqrt(Math.max(0, w)), priorMean, outcomes };
  }

  /** Estimated win rate of each eligible rep for this lead (for greedy off-policy targets). */
  meanRewards(context: LeadContext, eligibleReps: readonly string[]): number[] {
    const x = this.vector(context, false);
    const rates = this.segmentRates();
    return eligibleReps.map((r) => this.estimate(r, x, context.segment, rates).mean);
  }

  select(context: LeadContext, eligibleReps: readonly string[], rng: Rng): Selection {
    assertEligible(eligibleReps);
    const x = this.vector(context, true);
    const rates = this.segmentRates();
    const est = eligibleReps.map((r) => this.estimate(r, x, context.segment, rates));
    const scores = est.map((e) => e.mean + this.alpha * e.width);
    const { index, ties } = argmaxRandomTies(scores, rng);
    const rep = eligibleReps[index];
    const e = est[index];
    const exploring = e.mean < Math.max(...est.map((q) => q.mean));
    this.observeAssignment(context, rep);
    const sd = Math.sqrt(Math.max(0, e.mean * (1 - e.mean))) * e.width;
    const why: WhyClause[] = [
      { code: 'winsSegment', rate: clamp(e.mean), sd, segment: context.segment, outcomes: Math.round(e.outcomes), prior: e.priorMean },
      { code: 'bonus', bonus: this.alpha * e.width },
      verdictClause(exploring),
    ];
    return { rep, propensity: 1 / ties, why, exploring };
  }

  /** Counts an assignment in the exploration bonus (select does this; replays of logged assignments call it). */
  observeAssignment(context: LeadContext, rep: string): void {
    const x = this.vector(context, true);
    addOuter(this.stats(rep).assigned, x, this.dims);
  }

  update(event: RewardEvent): boolean {
    if (!this.ledger.claim(event.eventId)) return false;
    const x = this.vector(event.context, true);
    const st = this.stats(event.rep);
    const r = Math.min(1, Math.max(0, event.reward));
    addOuter(st.gram, x, this.dims);
    for (let i = 0; i < x.length; i++) st.rewards[i] += r * x[i];
    return true;
  }

  toJSON(): PolicyState {
    return {
      policy: this.name,
      version: 1,
      options: { alpha: this.alpha, ridge: this.ridge, liftPrior: this.liftPrior },
      state: {
        featureCount: this.featureCount,
        segments: [...this.segments],
        reps: Object.fromEntries([...this.reps].map(([k, v]) => [k, { gram: [...v.gram], rewards: [...v.rewards], assigned: [...v.assigned] }])),
      } satisfies LinUcbState,
      appliedEvents: this.ledger.toJSON(),
    };
  }
}

function clamp(p: number): number {
  return Math.min(0.995, Math.max(0.005, p));
}

function addOuter(m: number[], x: Float64Array, d: number): void {
  for (let i = 0; i < d; i++) {
    if (x[i] === 0) continue;
    for (let j = 0; j < d; j++) m[i * d + j] += x[i] * x[j];
  }
}

/** Pads a rep's matrices from oldD to newD dimensions (new dimensions are appended, zero-filled). */
function grow(stats: RepStats, oldD: number, newD: number): void {
  const pad = (m: number[]) => {
    const out = new Array(newD * newD).fill(0);
    for (let i = 0; i < oldD; i++) for (let j = 0; j < oldD; j++) out[i * newD + j] = m[i * oldD + j];
    return out;
  };
  stats.gram = pad(stats.gram);
  stats.assigned = pad(stats.assigned);
  stats.rewards = [...stats.rewards, ...new Array(newD - oldD).fill(0)];
}
