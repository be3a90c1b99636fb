// Off-policy evaluation of a target policy π from episodes logged under μ: importance sampling
// (IS), self-normalised weighted IS (WIS) and per-decision doubly robust (DR, Jiang & Li 2016),
// with percentile-bootstrap intervals over episodes. Hand-written for the same reason as mdp.ts.
import { Rng } from '../random.ts';
import { episodeReturn, type Episode, type Policy } from './mdp.ts';

export interface Interval {
  value: number;
  ci: [number, number];
}

export interface OffPolicyEvaluation {
  episodes: number;
  behaviour: Interval;
  is: Interval;
  wis: Interval;
  dr: Interval;
  /** DR(π) − observed mean return, on the same resamples. */
  upliftDr: Interval;
  upliftWis: Interval;
  /** Effective sample size of the trajectory weights (Σw)²/Σw². */
  effectiveSampleSize: number;
  maxWeight: number;
}

export interface OpeModel {
  target: Policy;
  behaviour: Policy;
  /** Q̂_π and V̂_π for the doubly robust control variate (fitted on other episodes). */
  q(state: string, action: string): number | undefined;
  v(state: string): number;
}

interface PerEpisode {
  weight: number;
  ret: number;
  dr: number;
}

/** The probability ratio of one decision; states or actions the behaviour model never saw count as on-policy. */
function ratio(model: OpeModel, state: string, action: string): number {
  const mu = model.behaviour(state).get(action);
  if (mu === undefined || mu <= 0) return 1;
  return (model.target(state).get(action) ?? 0) / mu;
}

export function perEpisode(episodes: readonly Episode[], model: OpeModel): PerEpisode[] {
  return episodes.map((e) => {
    let rho = 1;
    let dr = 0;
    e.steps.forEach((s, t) => {
      const v = model.v(s.state);
      const q = model.q(s.state, s.action) ?? v;
      const prev = rho;
      rho *= ratio(model, s.state, s.action);
      dr += rho * s.reward - (rho * q - prev * v);
    });
    return { weight: rho, ret: episodeReturn(e), dr };
  });
}

function estimates(rows: readonly PerEpisode[], index: ArrayLike<number>) {
  let sw = 0, swr = 0, sr = 0, sdr = 0;
  for (let k = 0; k < index.length; k++) {
    const r = rows[index[k]];
    sw += r.weight;
    swr += r.weight * r.ret;
    sr += r.ret;
    sdr += r.dr;
  }
  const n = index.length;
  return { behaviour: sr / n, is: swr / n, wis: sw > 0 ? swr / sw : sr / n, dr: sdr / n };
}

export function evaluateOffPolicy(rows: readonly PerEpisode[], options: { resamples?: number; seed?: number; level?: number } = {}): OffPolicyEvaluation {
  if (rows.length === 0) throw new Error('off-policy evaluation needs at least one episode');
  const resamples = options.resamples ?? 1000;
  const alpha = (1 - (options.level ?? 0.95)) / 2;
  const rng = new Rng(options.seed ?? 1);
  const all = Uint32Array.from(rows.keys());
  const point = estimates(rows, all);
  const draws = { behaviour: [] as number[], is: [] as number[], wis: [] as number[], dr: [] as number[], upDr: [] as number[], upWis: [] as number[] };
  const index = new Uint32Array(rows.length);
  for (let b = 0; b < resamples; b++) {
    for (let i = 0; i < index.length; i++) index[i] = rng.int(rows.length);
    const e = estimates(rows, index);
    draws.behaviour.push(e.behaviour);
    draws.is.push(e.is);
    draws.wis.push(e.wis);
    draws.dr.push(e.dr);
    draws.upDr.push(e.dr - e.behaviour);
    draws.upWis.push(e.wis - e.behaviour);
  }
  const interval = (value: number, xs: number[]): Interval => ({ value, ci: [quantile(xs, alpha), quantile(xs, 1 - alpha)] });
  const sw = rows.reduce((s, r) => s + r.weight, 0);
  const sw2 = rows.reduce((s, r) => s + r.weight * r.weight, 0);
  return {
    episodes: rows.length,
    behaviour: interval(point.behaviour, draws.behaviour),
    is: interval(point.is, draws.is),
    wis: interval(point.wis, draws.wis),
    dr: interval(point.dr, draws.dr),
    upliftDr: interval(point.dr - point.behaviour, draws.upDr),
    upliftWis: interval(point.wis - point.behaviour, draws.upWis),
    effectiveSampleSize: sw2 > 0 ? (sw * sw) / sw2 : 0,
    maxWeight: rows.reduce((m, r) => Math.max(m, r.weight), 0),
  };
}

function quantile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  const h = (s.length - 1) * p;
  const lo = Math.floor(h);
  return s[lo] + (s[Math.min(lo + 1, s.length - 1)] - s[lo]) * (h - lo);
}
