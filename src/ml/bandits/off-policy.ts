// Off-policy evaluation: how would another assignment policy have done, judged only from
// logged assignments and the propensities logged with them? Replay, inverse propensity
// scoring (plain, clipped, self-normalised) and doubly robust estimates, each with a
// bootstrap confidence interval. Written by hand: no maintained JS library offers these,
// and each is a few lines over typed arrays.
import { Rng } from '../random.ts';
import type { LeadContext } from './policy.ts';

export interface LoggedDecision {
  context: LeadContext;
  /** The reps the rules allowed at the time; the target policy chooses among these. */
  eligible: readonly string[];
  rep: string;
  /** Probability the logging policy gave `rep` (must be > 0). */
  propensity: number;
  reward: number;
}

/** A policy to evaluate: its probability for each eligible rep, in the order given. */
export type TargetPolicy = (context: LeadContext, eligible: readonly string[]) => ArrayLike<number>;

/** Expected reward of giving a lead with this context to this rep. */
export type RewardModel = (context: LeadContext, rep: string) => number;

export interface OffPolicyEstimate {
  estimate: number;
  /** 95% percentile bootstrap interval. */
  low: number;
  high: number;
  /** Logged decisions used (for replay: those where the target agreed with the log). */
  n: number;
  /** (Σw)² / Σw²: how many logs the weighted estimate is effectively worth. */
  effectiveSampleSize: number;
}

export interface EstimateOptions {
  /** Bootstrap resamples for the interval. */
  resamples?: number;
  seed?: number;
}

function percentile(sorted: Float64Array, q: number): number {
  const pos = q * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/**
 * Estimate = Σ num_i / Σ den_i (den ≡ 1 gives a plain mean), with a percentile bootstrap over
 * logged decisions. Every estimator below reduces to per-decision (num, den) pairs.
 */
function ratioWithBootstrap(num: Float64Array, den: Float64Array, weights: Float64Array, options: EstimateOptions, n = num.length): OffPolicyEstimate {
  const ratio = (idx: (i: number) => number) => {
    let a = 0;
    let b = 0;
    for (let k = 0; k < num.length; k++) {
      const i = idx(k);
      a += num[i];
      b += den[i];
    }
    return b > 0 ? a / b : 0;
  };
  const estimate = ratio((i) => i);
  const rng = new Rng(options.seed ?? 1);
  const B = options.resamples ?? 500;
  const boot = new Float64Array(B);
  for (let b = 0; b < B; b++) boot[b] = ratio(() => rng.int(num.length));
  boot.sort();
  let sw = 0;
  let sww = 0;
  for (let i = 0; i < weights.length; i++) {
    sw += weights[i];
    sww += weights[i] * weights[i];
  }
  return { estimate, low: percentile(boot, 0.025), high: percentile(boot, 0.975), n, effectiveSampleSize: sww > 0 ? (sw * sw) / sww : 0 };
}

function targetProbability(target: TargetPolicy, d: LoggedDecision): number {
  const probs = target(d.context, d.eligible);
  const i = d.eligible.indexOf(d.rep);
  return i < 0 ? 0 : probs[i];
}

function importanceWeights(logs: readonly LoggedDecision[], target: TargetPolicy, clip: number): Float64Array {
  return Float64Array.from(logs, (d) => {
    if (!(d.propensity > 0)) throw new Error(`logged propensity must be > 0, got ${d.propensity} for rep ${d.rep}`);
    return Math.min(clip, targetProbability(target, d) / d.propensity);
  });
}

/**
 * Replay (Li et al. 2011): draw the target's rep for each logged lead and keep the logs where it
 * matches the rep actually chosen; the estimate is their average reward. Unbiased only when the
 * logging policy was uniformly random over the eligible reps; it ignores logged propensities.
 */
export function replayEstimate(logs: readonly LoggedDecision[], target: TargetPolicy, options: EstimateOptions = {}): OffPolicyEstimate {
  const num = new Float64Array(logs.length);
  const den = new Float64Array(logs.length);
  const rng = new Rng((options.seed ?? 1) ^ 0x5eed);
  logs.forEach((d, i) => {
    const drawn = rng.weighted(target(d.context, d.eligible));
    if (d.eligible[drawn] === d.rep) {
      num[i] = d.reward;
      den[i] = 1;
    }
  });
  const matched = den.reduce((s, x) => s + x, 0);
  return ratioWithBootstrap(num, den, den, options, matched);
}

export interface IpsOptions extends EstimateOptions {
  /** Cap on π/μ: trades a little bias for much less variance. Infinity = plain IPS. */
  clip?: number;
  /** Divide by Σw instead of n (SNIPS): biased in small samples, far steadier. */
  selfNormalised?: boolean;
}

/** Inverse propensity scoring: mean of (π(a|x)/μ(a|x))·r over the logs. */
export function ipsEstimate(logs: readonly LoggedDecision[], target: TargetPolicy, options: IpsOptions = {}): OffPolicyEstimate {
  const w = importanceWeights(logs, target, options.clip ?? Infinity);
  const num = Float64Array.from(logs, (d, i) => w[i] * d.reward);
  const den = options.selfNormalised ? w : new Float64Array(logs.length).fill(1);
  return ratioWithBootstrap(num, den, w, options);
}

/**
 * A reward model for doubly robust estimates: each rep's mean reward per segment, shrunk toward the
 * rep's overall mean by `strength` pseudo-observations, and toward the global mean for unseen reps.
 */
export function fitSegmentRewardModel(logs: readonly LoggedDecision[], strength = 5): RewardModel {
  let total = 0;
  for (const d of logs) total += d.reward;
  const globalMean = logs.length ? total / logs.length : 0;
  const rep = new Map<string, { sum: number; n: number }>();
  const cell = new Map<string, { sum: number; n: number }>();
  const add = (m: Map<string, { sum: number; n: number }>, key: string, r: number) => {
    const t = m.get(key) ?? { sum: 0, n: 0 };
    t.sum += r;
    t.n++;
    m.set(key, t);
  };
  for (const d of logs) {
    add(rep, d.rep, d.reward);
    add(cell, `${d.rep}\u0000${d.context.segment}`, d.reward);
  }
  return (context, r) => {
    const rt = rep.get(r);
    const repMean = rt ? (rt.sum + strength * globalMean) / (rt.n + strength) : globalMean;
    const ct = cell.get(`${r}\u0000${context.segment}`);
    return ct ? (ct.sum + strength * repMean) / (ct.n + strength) : repMean;
  };
}

export interface DoublyRobustOptions extends EstimateOptions {
  clip?: number;
  /** Fit the reward model; by default fitSegmentRewardModel, cross-fitted on two halves of the logs. */
  fitModel?: (logs: readonly LoggedDecision[]) => RewardModel;
}

/**
 * Doubly robust (Dudík et al. 2011): Σ_a π(a|x)·q̂(x,a) + (π/μ)·(r − q̂(x,a_logged)).
 * Unbiased if either the propensities or the reward model are right. The model for each half of the
 * logs is fitted on the other half (cross-fitting), so it never grades its own training data.
 */
export function doublyRobustEstimate(logs: readonly LoggedDecision[], target: TargetPolicy, options: DoublyRobustOptions = {}): OffPolicyEstimate {
  const fit = options.fitModel ?? ((l: readonly LoggedDecision[]) => fitSegmentRewardModel(l));
  const even = logs.filter((_, i) => i % 2 === 0);
  const odd = logs.filter((_, i) => i % 2 === 1);
  const models = [fit(odd), fit(even)]; // model for even indices is fitted on odd ones, and vice versa
  const w = importanceWeights(logs, target, options.clip ?? Infinity);
  const num = Float64Array.from(logs, (d, i) => {
    const q = models[i % 2];
    const probs = target(d.context, d.eligible);
    let direct = 0;
    for (let k = 0; k < d.eligible.length; k++) if (probs[k] > 0) direct += probs[k] * q(d.context, d.eligible[k]);
    return direct + w[i] * (d.reward - q(d.context, d.rep));
  });
  return ratioWithBootstrap(num, new Float64Array(logs.length).fill(1), w, options);
}
