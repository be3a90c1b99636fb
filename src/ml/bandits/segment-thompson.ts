// Contextual Thompson sampling: learns which rep wins which kind of lead (segment) while
// borrowing strength across segments. Written by hand: no maintained JS library does
// hierarchical Beta–Bernoulli bandits with delayed, idempotent, serialisable updates.
//
// For rep a in segment s the win rate has prior Beta(κ·m, κ·(1−m)) centred on
//   m = segmentRate(s) × lift(a),   lift(a) = (wins_a + λ) / (expectedWins_a + λ)
// where expectedWins_a is what an average rep would have won on a's leads (indirect
// standardisation, so a rep given mostly hard segments is not judged weak). With few leads
// in a segment the rep is judged by their overall record; with many, by their own results there.
// κ is estimated from the data (empirical Bayes, beta-binomial method of moments): when reps'
// results in a segment stray little from what their overall record predicts, κ grows and the
// policy stops paying to explore every rep × segment cell separately.
import type { Rng } from '../random.ts';
import {
  EventLedger, argmaxRandomTies, assertEligible, betaMoments, monteCarloPropensity, verdictClause,
  type BanditPolicy, type LeadContext, type PolicyState, type RewardEvent, type Selection, type WhyClause,
} from './policy.ts';

export interface SegmentThompsonOptions {
  /** κ: how many leads' worth of weight the rep's overall record carries in each segment; estimated from the data when absent. */
  shrinkage?: number;
  /** λ: pseudo-wins pulling a rep's lift toward 1 (the average rep) while they have few outcomes. */
  liftPrior?: number;
  propensityDraws?: number;
}

interface Tally {
  wins: number;
  losses: number;
}

export class SegmentThompsonPolicy implements BanditPolicy {
  readonly name = 'contextual-thompson';
  private readonly shrinkage: number | undefined;
  private readonly liftPrior: number;
  private readonly propensityDraws: number;
  /** rep → segment → outcomes. */
  private readonly tallies: Map<string, Map<string, Tally>>;
  private readonly ledger: EventLedger;

  constructor(options: SegmentThompsonOptions = {}, state?: { tallies: Record<string, Record<string, Tally>> }, appliedEvents: string[] = []) {
    this.shrinkage = options.shrinkage;
    this.liftPrior = options.liftPrior ?? 5;
    this.propensityDraws = options.propensityDraws ?? 200;
    this.tallies = new Map(
      Object.entries(state?.tallies ?? {}).map(([rep, segs]) => [rep, new Map(Object.entries(segs).map(([s, t]) => [s, { ...t }]))]),
    );
    this.ledger = new EventLedger(appliedEvents);
  }

  /** Team-wide win rate per segment, lightly pulled toward the overall rate (2 pseudo-leads). */
  private segmentRates(): Map<string, number> {
    const bySegment = new Map<string, Tally>();
    let wins = 0;
    let total = 0;
    for (const segs of this.tallies.values()) {
      for (const [s, t] of segs) {
        const agg = bySegment.get(s) ?? { wins: 0, losses: 0 };
        agg.wins += t.wins;
        agg.losses += t.losses;
        bySegment.set(s, agg);
        wins += t.wins;
        total += t.wins + t.losses;
      }
    }
    const overall = (wins + 1) / (total + 2);
    const rates = new Map<string, number>();
    for (const [s, t] of bySegment) rates.set(s, (t.wins + 2 * overall) / (t.wins + t.losses + 2));
    rates.set('', overall); // fallback for a segment nobody has seen
    return rates;
  }

  private lift(rep: string, rates: Map<string, number>): number {
    let wins = 0;
    let expected = 0;
    for (const [s, t] of this.tallies.get(rep) ?? []) {
      wins += t.wins;
      expected += (t.wins + t.losses) * (rates.get(s) ?? rates.get('')!);
    }
    return (wins + this.liftPrior) / (expected + this.liftPrior);
  }

  private priorMean(rep: string, segment: string, rates: Map<string, number>, lifts: Map<string, number>): number {
    const base = rates.get(segment) ?? rates.get('')!;
    let lift = lifts.get(rep);
    if (lift === undefined) lifts.set(rep, (lift = this.lift(rep, rates)));
    return Math.min(0.995, Math.max(0.005, base * lift));
  }

  /**
   * κ by the beta-binomial method of moments: for a cell with n outcomes, rate ŷ and prior mean m,
   * E[n(ŷ−m)²/(m(1−m))] = 1 + (n−1)ρ with ρ = 1/(κ+1). The estimate starts from κ = 10 worth
   * 200 leads of evidence (so early noise cannot swing it) and is clamped to κ ∈ [2, 200].
   */
  estimateShrinkage(rates = this.segmentRates()): number {
    if (this.shrinkage !== undefined) return this.shrinkage;
    const lifts = new Map<string, number>();
    let excess = 200 / 11;
    let weight = 200;
    for (const [rep, segs] of this.tallies) {
      for (const [s, t] of segs) {
        const n = t.wins + t.losses;
        if (n < 2) continue;
        const m = this.priorMean(rep, s, rates, lifts);
        excess += (n * (t.wins / n - m) ** 2) / (m * (1 - m)) - 1;
        weight += n - 1;
      }
    }
    const rho = Math.min(1 / 3, Math.max(1 / 201, excess / weight));
    return 1 / rho - 1;
  }

  /** Posterior Beta(a, b) of the rep's win rate in the segment, plus the prior mean it was shrunk toward. */
  posterior(
    rep: string,
    segment: string,
    rates = this.segmentRates(),
    kappa = this.estimateShrinkage(rates),
    lifts = new Map<string, number>(),
  ): { a: number; b: number; priorMean: number; outcomes: number } {
    const m = this.priorMean(rep, segment, rates, lifts);
    const t = this.tallies.get(rep)?.get(segment) ?? { wins: 0, losses: 0 };
    return { a: kappa * m + t.wins, b: kappa * (1 - m) + t.losses, priorMean: m, outcomes: t.wins + t.losses };
  }

  /** Posterior mean win rate of each eligible rep in the lead's segment (greedy targets for off-policy evaluation). */
  meanRewards(context: LeadContext, eligibleReps: readonly string[]): number[] {
    const rates = this.segmentRates();
    const kappa = this.estimateShrinkage(rates);
    const lifts = new Map<string, number>();
    return eligibleReps.map((r) => {
      const p = this.posterior(r, context.segment, rates, kappa, lifts);
      return p.a / (p.a + p.b);
    });
  }

  select(context: LeadContext, eligibleReps: readonly string[], rng: Rng): Selection {
    assertEligible(eligibleReps);
    const rates = this.segmentRates();
    const kappa = this.estimateShrinkage(rates);
    const lifts = new Map<string, number>();
    const post = eligibleReps.map((r) => this.posterior(r, context.segment, rates, kappa, lifts));
    const draw = (out: Float64Array) => {
      for (let i = 0; i < post.length; i++) out[i] = rng.beta(post[i].a, post[i].b);
    };
    const scores = new Float64Array(post.length);
    draw(scores);
    const { index } = argmaxRandomTies(scores, rng);
    const propensity = this.propensityDraws > 0 ? monteCarloPropensity(draw, post.length, index, this.propensityDraws, rng) : null;
    const means = post.map((p) => p.a / (p.a + p.b));
    const exploring = means[index] < Math.max(...means);
    const p = post[index];
    const { mean, sd } = betaMoments(p.a, p.b);
    const why: WhyClause[] = [
      { code: 'winsSegment', rate: mean, sd, segment: context.segment, outcomes: Math.round(p.outcomes), prior: p.priorMean },
      verdictClause(exploring),
    ];
    return { rep: eligibleReps[index], propensity, why, exploring };
  }

  update(event: RewardEvent): boolean {
    if (!this.ledger.claim(event.eventId)) return false;
    const r = Math.min(1, Math.max(0, event.reward));
    let segs = this.tallies.get(event.rep);
    if (!segs) this.tallies.set(event.rep, (segs = new Map()));
    const t = segs.get(event.context.segment) ?? { wins: 0, losses: 0 };
    t.wins += r;
    t.losses += 1 - r;
    segs.set(event.context.segment, t);
    return true;
  }

  toJSON(): PolicyState {
    const tallies: Record<string, Record<string, Tally>> = {};
    for (const [rep, segs] of this.tallies) tallies[rep] = Object.fromEntries([...segs].map(([s, t]) => [s, { ...t }]));
    return {
      policy: this.name,
      version: 1,
      options: { ...(this.shrinkage === undefined ? {} : { shrinkage: this.shrinkage }), liftPrior: this.liftPrior, propensityDraws: this.propensityDraws },
      state: { tallies },
      appliedEvents: this.ledger.toJSON(),
    };
  }
}
