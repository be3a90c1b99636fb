// Which conversation behaviours go with good outcomes? For each behaviour (questions asked, talk
// ratio, sentiment, …) separately: the effect of one standard deviation more of it on the outcome
// (log-odds for a won/lost outcome, outcome units for a numeric one) with a 95% Wald interval,
// a permutation p-value that assumes no distribution, and Benjamini–Hochberg correction across
// behaviours so that testing many of them does not manufacture discoveries.
// These are associations in observational data, not causal effects.
import { InputError, type InputIssue } from '../../core/errors.ts';
import type { DenseMatrix } from '../features/matrix.ts';
import { fitLogistic, sigmoid } from '../linear/logistic.ts';
import { Rng } from '../random.ts';
import { benjaminiHochberg, normalQuantile, twoSidedP } from './stats.ts';

export type OutcomeKind = 'binary' | 'numeric';

export interface BehaviourEffect {
  behaviour: string;
  model: 'logistic' | 'linear';
  /** Per one standard deviation of the behaviour: change in log-odds (binary) or in the outcome (numeric). */
  effect: number;
  standardError: number;
  ci: [number, number];
  /** exp(effect) and its interval, for binary outcomes. */
  oddsRatio?: number;
  oddsRatioCi?: [number, number];
  /** Pearson correlation with the outcome (point-biserial when binary). */
  correlation: number;
  pWald: number;
  pPermutation: number;
  /** Benjamini–Hochberg adjusted permutation p-value. */
  qValue: number;
  /** qValue < alpha. */
  significant: boolean;
  mean: number;
  sd: number;
  /** Why a behaviour could not be assessed (e.g. it never varies). */
  note?: string;
}

export interface OutcomeAnalysis {
  n: number;
  outcomeKind: OutcomeKind;
  permutations: number;
  alpha: number;
  confidence: number;
  /** Sorted by permutation p-value, strongest first. */
  effects: BehaviourEffect[];
}

export interface OutcomeOptions {
  outcomeKind?: OutcomeKind | 'auto';
  /** Default 2000; the smallest attainable p-value is 1 / (permutations + 1). */
  permutations?: number;
  seed?: number;
  alpha?: number;
  confidence?: number;
}

function validate(behaviours: Record<string, ArrayLike<number>>, outcome: ArrayLike<number>, kind: OutcomeKind | 'auto'): OutcomeKind {
  const issues: InputIssue[] = [];
  const n = outcome.length;
  if (n < 10) issues.push({ column: 'outcome', value: n, reason: 'at least 10 conversations are needed' });
  for (let i = 0; i < n; i++) if (!Number.isFinite(outcome[i])) issues.push({ row: i, column: 'outcome', value: outcome[i], reason: 'is not a finite number' });
  for (const [name, xs] of Object.entries(behaviours)) {
    if (xs.length !== n) issues.push({ column: name, value: xs.length, reason: `has ${xs.length} values for ${n} outcomes` });
    else for (let i = 0; i < n; i++) if (!Number.isFinite(xs[i])) issues.push({ row: i, column: name, value: xs[i], reason: 'is not a finite number' });
  }
  if (Object.keys(behaviours).length === 0) issues.push({ column: 'behaviours', reason: 'no behaviours given' });
  const binaryValues = Array.from(outcome).every((y) => y === 0 || y === 1);
  const resolved: OutcomeKind = kind === 'auto' ? (binaryValues ? 'binary' : 'numeric') : kind;
  if (resolved === 'binary') {
    if (!binaryValues) issues.push({ column: 'outcome', reason: 'a binary outcome must be 0 or 1' });
    else if (new Set(Array.from(outcome)).size < 2) issues.push({ column: 'outcome', reason: 'all outcomes are the same; there is nothing to explain' });
  }
  if (issues.length > 0) throw new InputError('Cannot relate behaviours to outcomes', issues.slice(0, 50));
  return resolved;
}

function standardise(xs: ArrayLike<number>): { z: Float64Array; mean: number; sd: number } {
  const n = xs.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += xs[i];
  mean /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (xs[i] - mean) ** 2;
  const sd = Math.sqrt(ss / (n - 1));
  const z = new Float64Array(n);
  if (sd > 0) for (let i = 0; i < n; i++) z[i] = (xs[i] - mean) / sd;
  return { z, mean, sd };
}

/** Logistic slope per SD with its standard error from the observed information matrix. */
function logisticEffect(z: Float64Array, y: ArrayLike<number>): { effect: number; se: number } {
  const X: DenseMatrix = { data: z, rows: z.length, cols: 1 };
  const l2 = 1e-6; // keeps the fit finite under complete separation; negligible otherwise
  const model = fitLogistic(X, y, { l2 });
  let i00 = 0;
  let i01 = 0;
  let i11 = l2;
  for (let i = 0; i < z.length; i++) {
    const mu = sigmoid(model.intercept + model.coef[0] * z[i]);
    const w = mu * (1 - mu);
    i00 += w;
    i01 += w * z[i];
    i11 += w * z[i] * z[i];
  }
  const det = i00 * i11 - i01 * i01;
  return { effect: model.coef[0], se: det > 0 ? Math.sqrt(i00 / det) : Number.MAX_VALUE };
}

/** Least-squares slope per SD with its classical standard error (large-sample normal interval). */
function linearEffect(z: Float64Array, y: ArrayLike<number>): { effect: number; se: number } {
  const n = z.length;
  let ybar = 0;
  for (let i = 0; i < n; i++) ybar += y[i];
  ybar /= n;
  let szz = 0;
  let szy = 0;
  for (let i = 0; i < n; i++) (szz += z[i] * z[i]), (szy += z[i] * (y[i] - ybar));
  const slope = szy / szz;
  let sse = 0;
  for (let i = 0; i < n; i++) sse += (y[i] - ybar - slope * z[i]) ** 2;
  return { effect: slope, se: Math.sqrt(sse / (n - 2) / szz) };
}

export function analyzeBehaviourOutcomes(behaviours: Record<string, ArrayLike<number>>, outcome: ArrayLike<number>, options: OutcomeOptions = {}): OutcomeAnalysis {
  const outcomeKind = validate(behaviours, outcome, options.outcomeKind ?? 'auto');
  const permutations = options.permutations ?? 2000;
  const alpha = options.alpha ?? 0.05;
  const confidence = options.confidence ?? 0.95;
  const zCrit = normalQuantile(1 - (1 - confidence) / 2);
  const n = outcome.length;
  const names = Object.keys(behaviours);
  const std = names.map((name) => standardise(behaviours[name]));

  // Centred outcome: with standardised behaviours, Σ z·y is proportional to the correlation and its
  // permutation distribution is that of the score test, for every behaviour at once.
  let ybar = 0;
  for (let i = 0; i < n; i++) ybar += outcome[i];
  ybar /= n;
  const yc = Float64Array.from(outcome, (y) => y - ybar);
  let syy = 0;
  for (const v of yc) syy += v * v;
  const observed = std.map(({ z }) => Math.abs(dot(z, yc)));
  const exceed = new Uint32Array(names.length);
  const rng = new Rng(options.seed ?? 1);
  const shuffled = Float64Array.from(yc);
  for (let p = 0; p < permutations; p++) {
    for (let i = n - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      const t = shuffled[i];
      shuffled[i] = shuffled[j];
      shuffled[j] = t;
    }
    std.forEach(({ z, sd }, k) => {
      if (sd > 0 && Math.abs(dot(z, shuffled)) >= observed[k] - 1e-12) exceed[k]++;
    });
  }

  const partial = names.map((behaviour, k) => {
    const { z, mean, sd } = std[k];
    if (!(sd > 0)) {
      return { behaviour, model: outcomeKind === 'binary' ? 'logistic' : 'linear', effect: 0, standardError: 0, ci: [0, 0], correlation: 0, pWald: 1, pPermutation: 1, mean, sd: 0, note: 'the behaviour has the same value in every conversation' } as Omit<BehaviourEffect, 'qValue' | 'significant'>;
    }
    const { effect, se } = outcomeKind === 'binary' ? logisticEffect(z, outcome) : linearEffect(z, outcome);
    const ci: [number, number] = [effect - zCrit * se, effect + zCrit * se];
    const out: Omit<BehaviourEffect, 'qValue' | 'significant'> = {
      behaviour,
      model: outcomeKind === 'binary' ? 'logistic' : 'linear',
      effect,
      standardError: se,
      ci,
      correlation: syy > 0 ? dot(z, yc) / Math.sqrt((n - 1) * syy) : 0,
      pWald: se > 0 ? twoSidedP(effect / se) : 1,
      pPermutation: (1 + exceed[k]) / (1 + permutations),
      mean,
      sd,
    };
    if (outcomeKind === 'binary') {
      // Clamped so that near-complete separation reports a huge, not an infinite, odds ratio.
      const odds = (v: number) => Math.min(Number.MAX_VALUE, Math.exp(v));
      out.oddsRatio = odds(effect);
      out.oddsRatioCi = [odds(ci[0]), odds(ci[1])];
    }
    return out;
  });
  const q = benjaminiHochberg(partial.map((e) => e.pPermutation));
  const effects = partial
    .map((e, k) => ({ ...e, qValue: q[k], significant: q[k] < alpha }))
    .sort((a, b) => a.pPermutation - b.pPermutation || Math.abs(b.correlation) - Math.abs(a.correlation));
  return { n, outcomeKind, permutations, alpha, confidence, effects };
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}
