// Thompson sampling for lead assignment: Beta–Bernoulli on conversions, and a hurdle
// (Beta win rate × log-normal deal size) model on revenue. Written by hand: conjugate updates
// are a few lines, and no maintained JS bandit library handles delayed, idempotent outcomes
// with serialisable state.
import type { Rng } from '../random.ts';
import {
  EventLedger, argmaxRandomTies, assertEligible, betaMoments, monteCarloPropensity, verdictClause,
  type BanditPolicy, type LeadContext, type PolicyState, type RewardEvent, type Selection, type WhyClause,
} from './policy.ts';

export interface BetaThompsonOptions {
  /**
   * Beta prior pseudo-counts. Default (½, ½), Jeffreys' prior for a Bernoulli rate: it lets a rep's
   * first outcomes count for more than the uniform (1, 1) does. In the simulator (20 reps, 8 segments,
   * 10,000 leads, held-out seeds 5–10) it cut regret by 8% against (1, 1); a prior centred on the
   * team's win rate with an empirically estimated strength did worse than either (it slows learning).
   */
  priorWins?: number;
  priorLosses?: number;
  /** Extra posterior draws used to estimate the logged propensity; 0 skips it (propensity null). */
  propensityDraws?: number;
}

interface BetaArm {
  wins: number;
  losses: number;
}

/** Beta–Bernoulli Thompson sampling over reps, blind to the lead's segment. */
export class BetaThompsonPolicy implements BanditPolicy {
  readonly name = 'thompson';
  private readonly priorWins: number;
  private readonly priorLosses: number;
  private readonly propensityDraws: number;
  private readonly arms: Map<string, BetaArm>;
  private readonly ledger: EventLedger;

  constructor(options: BetaThompsonOptions = {}, state?: { arms: Record<string, BetaArm> }, appliedEvents: string[] = []) {
    this.priorWins = options.priorWins ?? 0.5;
    this.priorLosses = options.priorLosses ?? 0.5;
    this.propensityDraws = options.propensityDraws ?? 200;
    this.arms = new Map(Object.entries(state?.arms ?? {}).map(([k, v]) => [k, { ...v }]));
    this.ledger = new EventLedger(appliedEvents);
  }

  /** Posterior Beta(a, b) of the rep's win rate. */
  posterior(rep: string): { a: number; b: number } {
    const arm = this.arms.get(rep);
    return { a: this.priorWins + (arm?.wins ?? 0), b: this.priorLosses + (arm?.losses ?? 0) };
  }

  /** Posterior mean win rate of each eligible rep (greedy targets for off-policy evaluation). */
  meanRewards(_context: LeadContext, eligibleReps: readonly string[]): number[] {
    return eligibleReps.map((r) => {
      const p = this.posterior(r);
      return p.a / (p.a + p.b);
    });
  }

  select(_context: LeadContext, eligibleReps: readonly string[], rng: Rng): Selection {
    assertEligible(eligibleReps);
    const post = eligibleReps.map((r) => this.posterior(r));
    const draw = (out: Float64Array) => {
      for (let i = 0; i < post.length; i++) out[i] = rng.beta(post[i].a, post[i].b);
    };
    const scores = new Float64Array(post.length);
    draw(scores);
    const { index } = argmaxRandomTies(scores, rng);
    const propensity = this.propensityDraws > 0 ? monteCarloPropensity(draw, post.length, index, this.propensityDraws, rng) : null;
    const means = post.map((p) => p.a / (p.a + p.b));
    const exploring = means[index] < Math.max(...means);
    const { mean, sd } = betaMoments(post[index].a, post[index].b);
    const seen = post[index].a + post[index].b - this.priorWins - this.priorLosses;
    const why: WhyClause[] = [{ code: 'winsOutcomes', rate: mean, sd, outcomes: Math.round(seen) }, verdictClause(exploring)];
    return { rep: eligibleReps[index], propensity, why, exploring };
  }

  /** reward in [0, 1]: 1 won, 0 lost; a fraction counts as partial evidence both ways. */
  update(event: RewardEvent): boolean {
    if (!this.ledger.claim(event.eventId)) return false;
    const r = Math.min(1, Math.max(0, event.reward));
    let arm = this.arms.get(event.rep);
    if (!arm) this.arms.set(event.rep, (arm = { wins: 0, losses: 0 }));
    arm.wins += r;
    arm.losses += 1 - r;
    return true;
  }

  toJSON(): PolicyState {
    return {
      policy: this.name,
      version: 1,
      options: { priorWins: this.priorWins, priorLosses: this.priorLosses, propensityDraws: this.propensityDraws },
      state: { arms: Object.fromEntries([...this.arms].map(([k, v]) => [k, { ...v }])) },
      appliedEvents: this.ledger.toJSON(),
    };
  }
}

export interface RevenueThompsonOptions {
  propensityDraws?: number;
}

interface RevenueArm {
  wins: number;
  losses: number;
  /** Sufficient statistics of log(revenue) over won leads. */
  logSum: number;
  logSumSq: number;
}

/**
 * Maximises expected revenue per lead: P(win) ~ Beta(1 + wins, 1 + losses) and log(deal | win) ~ Normal
 * with a Normal–Gamma posterior whose prior is the team's pooled deal sizes (one pseudo-observation),
 * so a rep with few wins is assumed to sell typical deals. Sampled value = p · exp(μ + σ²/2).
 */
export class RevenueThompsonPolicy implements BanditPolicy {
  readonly name = 'thompson-revenue';
  private readonly propensityDraws: number;
  private readonly arms: Map<string, RevenueArm>;
  private readonly ledger: EventLedger;

  constructor(options: RevenueThompsonOptions = {}, state?: { arms: Record<string, RevenueArm> }, appliedEvents: string[] = []) {
    this.propensityDraws = options.propensityDraws ?? 200;
    this.arms = new Map(Object.entries(state?.arms ?? {}).map(([k, v]) => [k, { ...v }]));
    this.ledger = new EventLedger(appliedEvents);
  }

  private teamLogPrior(): { mean: number; variance: number } {
    let n = 0;
    let s = 0;
    let ss = 0;
    for (const a of this.arms.values()) {
      n += a.wins;
      s += a.logSum;
      ss += a.logSumSq;
    }
    if (n < 2) return { mean: n === 1 ? s : 0, variance: 1 };
    const mean = s / n;
    return { mean, variance: Math.max(1e-6, ss / n - mean * mean) };
  }

  /** Normal–Gamma posterior over (μ, τ) of the rep's log deal size. */
  private dealPosterior(rep: string, prior: { mean: number; variance: number }) {
    const arm = this.arms.get(rep);
    const n = arm?.wins ?? 0;
    const k0 = 1;
    const a0 = 3;
    const b0 = (a0 - 1) * prior.variance;
    const xbar = n > 0 ? arm!.logSum / n : prior.mean;
    const scatter = n > 0 ? Math.max(0, arm!.logSumSq - n * xbar * xbar) : 0;
    const kn = k0 + n;
    return {
      mu: (k0 * prior.mean + n * xbar) / kn,
      kappa: kn,
      alpha: a0 + n / 2,
      beta: b0 + scatter / 2 + (k0 * n * (xbar - prior.mean) ** 2) / (2 * kn),
    };
  }

  select(_context: LeadContext, eligibleReps: readonly string[], rng: Rng): Selection {
    assertEligible(eligibleReps);
    const prior = this.teamLogPrior();
    const winPost = eligibleReps.map((r) => ({ a: 1 + (this.arms.get(r)?.wins ?? 0), b: 1 + (this.arms.get(r)?.losses ?? 0) }));
    const dealPost = eligibleReps.map((r) => this.dealPosterior(r, prior));
    const draw = (out: Float64Array) => {
      for (let i = 0; i < out.length; i++) {
        const d = dealPost[i];
        const tau = rng.gamma(d.alpha) / d.beta;
        const mu = rng.normal(d.mu, 1 / Math.sqrt(d.kappa * tau));
        // Compare on the log scale: log p + μ + σ²/2 keeps huge σ² draws from overflowing to Infinity.
        out[i] = Math.log(rng.beta(winPost[i].a, winPost[i].b)) + mu + 1 / (2 * tau);
      }
    };
    const scores = new Float64Array(eligibleReps.length);
    draw(scores);
    const { index } = argmaxRandomTies(scores, rng);
    const propensity = this.propensityDraws > 0 ? monteCarloPropensity(draw, scores.length, index, this.propensityDraws, rng) : null;
    const expected = dealPost.map((d, i) => (winPost[i].a / (winPost[i].a + winPost[i].b)) * Math.exp(d.mu + d.beta / (d.alpha - 1) / 2));
    const exploring = expected[index] < Math.max(...expected);
    const { mean, sd } = betaMoments(winPost[index].a, winPost[index].b);
    const why: WhyClause[] = [
      { code: 'wins', rate: mean, sd },
      { code: 'typicalDeal', amount: Math.round(Math.exp(dealPost[index].mu)) },
      { code: 'expectedPerLead', amount: Math.round(expected[index]) },
      verdictClause(exploring),
    ];
    return { rep: eligibleReps[index], propensity, why, exploring };
  }

  /** reward: revenue of the closed lead, 0 when lost. */
  update(event: RewardEvent): boolean {
    if (!this.ledger.claim(event.eventId)) return false;
    let arm = this.arms.get(event.rep);
    if (!arm) this.arms.set(event.rep, (arm = { wins: 0, losses: 0, logSum: 0, logSumSq: 0 }));
    if (event.reward > 0) {
      const x = Math.log(event.reward);
      arm.wins++;
      arm.logSum += x;
      arm.logSumSq += x * x;
    } else {
      arm.losses++;
    }
    return true;
  }

  toJSON(): PolicyState {
    return {
      policy: this.name,
      version: 1,
      options: { propensityDraws: this.propensityDraws },
      state: { arms: Object.fromEntries([...this.arms].map(([k, v]) => [k, { ...v }])) },
      appliedEvents: this.ledger.toJSON(),
    };
  }
}
