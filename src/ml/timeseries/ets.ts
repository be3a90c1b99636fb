// Exponential smoothing in innovations state-space form (Hyndman, Koehler, Ord & Snyder 2008),
// fitted by maximum likelihood and chosen by AICc as forecast::ets does. Written by hand: no
// maintained JS package implements ETS; the recursions, initial states, parameter bounds and
// likelihood follow forecast's etscalc.c / ets.R so results can be checked against R. The
// recursions, the likelihood and its minimisation run in the WebAssembly kernels
// (wasm/kernels.ts, which repeats the bounds below); forecasting and intervals are here.
import { EtsSeries, type EtsForm, type EtsFormSpec } from '../wasm/kernels.ts';
import { Rng } from '../random.ts';
import { allPositive, linearTrend, mean, normalQuantile, quantilesInPlace } from './stats.ts';
import { classicalDecompose } from './decompose.ts';
import { normalIntervals, type Forecast, type PredictionInterval } from './types.ts';

export type ErrorType = 'A' | 'M';
export type TrendType = 'N' | 'A' | 'Ad';
export type SeasonType = 'N' | 'A' | 'M';

export interface EtsSpec {
  error: ErrorType;
  trend: TrendType;
  season: SeasonType;
}

export interface EtsModel {
  kind: 'ets';
  spec: EtsSpec;
  /** Seasonal period (1 when non-seasonal). */
  m: number;
  alpha: number;
  beta: number;
  gamma: number;
  phi: number;
  /** State after the last observation: level, trend, then seasonal ring (oldest first). */
  level: number;
  slope: number;
  seasons: Float64Array;
  /** Innovation variance: mean squared (relative, for M errors) residual over n − k. */
  sigma2: number;
  /** −2·log-likelihood up to a constant (forecast::ets "lik"). */
  lik: number;
  aic: number;
  aicc: number;
  bic: number;
  n: number;
  /** Free parameters including the initial states (not σ). */
  nParams: number;
}

export interface EtsOptions {
  /** Seasonal period (1 or absent: non-seasonal). */
  season?: number;
  /** Restrict the search, e.g. { trend: ['N', 'Ad'] }. */
  errors?: ErrorType[];
  trends?: TrendType[];
  seasons?: SeasonType[];
}

// forecast::ets "usual" bounds: alpha, beta, gamma in [1e-4, 0.9999], phi in [0.8, 0.98].
const LOWER = 1e-4;
const UPPER = 0.9999;
const PHI_LOWER = 0.8;
const PHI_UPPER = 0.98;

export function etsName(spec: EtsSpec): string {
  return `ETS(${spec.error},${spec.trend},${spec.season})`;
}

interface Layout {
  spec: EtsSpec;
  m: number;
  hasTrend: boolean;
  damped: boolean;
  seasonal: boolean;
  /** Index of each parameter in the optimiser's vector (−1 when absent). */
  iBeta: number;
  iGamma: number;
  iPhi: number;
  iLevel: number;
  iSlope: number;
  iSeason: number;
  size: number;
}

function layout(spec: EtsSpec, m: number): Layout {
  const hasTrend = spec.trend !== 'N';
  const damped = spec.trend === 'Ad';
  const seasonal = spec.season !== 'N';
  let k = 1;
  const iBeta = hasTrend ? k++ : -1;
  const iGamma = seasonal ? k++ : -1;
  const iPhi = damped ? k++ : -1;
  const iLevel = k++;
  const iSlope = hasTrend ? k++ : -1;
  const iSeason = seasonal ? k : -1;
  if (seasonal) k += m - 1;
  return { spec, m: seasonal ? m : 1, hasTrend, damped, seasonal, iBeta, iGamma, iPhi, iLevel, iSlope, iSeason, size: k };
}

/** Initial states as forecast's initstate(): decomposition of the first 3m points, then a line. */
function initialStates(y: ArrayLike<number>, L: Layout): { level: number; slope: number; seasons: number[] } {
  const n = y.length;
  const m = L.m;
  let ySa: Float64Array = Float64Array.from(y);
  let seasons: number[] = [];
  if (L.seasonal) {
    const mult = L.spec.season === 'M';
    let seasonal: Float64Array; // seasonal estimate for each of the first points
    if (n < 3 * m) {
      // Too short to decompose: detrend by a regression on time plus one Fourier pair (as R does).
      const coef = fourierTrend(y, m);
      seasonal = Float64Array.from(y, (v, t) => {
        const tr = coef.a + coef.b * (t + 1);
        return mult ? v / tr : v - tr;
      });
    } else {
      const d = classicalDecompose(Array.from(y).slice(0, 3 * m), m, mult ? 'multiplicative' : 'additive');
      seasonal = Float64Array.from({ length: n }, (_, t) => d.figure[t % m]);
    }
    // init.seas = rev(seasonal[2:m]): s0 is the season of time m, s_{m−2} of time 2.
    for (let j = 0; j < m - 1; j++) seasons.push(seasonal[m - 1 - j]);
    if (mult) {
      seasons = seasons.map((s) => Math.max(s, 1e-2));
      const total = seasons.reduce((a, c) => a + c, 0);
      if (total > m) seasons = seasons.map((s) => s / (total + 1e-2));
      ySa = Float64Array.from(y, (v, t) => v / Math.max(seasonal[t % m], 1e-2));
    } else ySa = Float64Array.from(y, (v, t) => v - seasonal[t % m]);
  }
  const maxn = Math.min(Math.max(10, 2 * m), n);
  if (!L.hasTrend) return { level: mean(ySa, 0, maxn), slope: 0, seasons };
  const line = linearTrend(ySa, maxn, 1);
  let level = line.intercept;
  let slope = line.slope;
  if (Math.abs(level + slope) < 1e-8) {
    level *= 1 + 1e-3;
    slope *= 1 + 1e-3;
  }
  return { level, slope, seasons };
}

/** Least squares of y on (1, t, sin(2πt/m), cos(2πt/m)), t = 1..n; returns the intercept and slope. */
function fourierTrend(y: ArrayLike<number>, m: number): { a: number; b: number } {
  const n = y.length;
  const cols = m === 2 ? 3 : 4; // for m = 2 the sine term is identically zero
  const xtx = new Float64Array(cols * cols);
  const xty = new Float64Array(cols);
  for (let t = 1; t <= n; t++) {
    const row = [1, t, Math.cos((2 * Math.PI * t) / m), Math.sin((2 * Math.PI * t) / m)].slice(0, cols);
    for (let i = 0; i < cols; i++) {
      xty[i] += row[i] * y[t - 1];
      for (let j = 0; j < cols; j++) xtx[i * cols + j] += row[i] * row[j];
    }
  }
  const beta = solveSmall(xtx, xty, cols);
  return beta ? { a: beta[0], b: beta[1] } : { a: mean(y), b: 0 };
}

/** Gaussian elimination with partial pivoting for a tiny dense system; null when singular. */
function solveSmall(a: Float64Array, b: Float64Array, n: number): Float64Array | null {
  const A = Float64Array.from(a);
  const x = Float64Array.from(b);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(A[r * n + c]) > Math.abs(A[p * n + c])) p = r;
    if (Math.abs(A[p * n + c]) < 1e-12) return null;
    if (p !== c) {
      for (let k = 0; k < n; k++) [A[c * n + k], A[p * n + k]] = [A[p * n + k], A[c * n + k]];
      [x[c], x[p]] = [x[p], x[c]];
    }
    for (let r = c + 1; r < n; r++) {
      const f = A[r * n + c] / A[c * n + c];
      for (let k = c; k < n; k++) A[r * n + k] -= f * A[c * n + k];
      x[r] -= f * x[c];
    }
  }
  for (let r = n - 1; r >= 0; r--) {
    let s = x[r];
    for (let k = r + 1; k < n; k++) s -= A[r * n + k] * x[k];
    x[r] = s / A[r * n + r];
  }
  return x;
}

interface Candidate {
  L: Layout;
  form: EtsForm;
  par: Float64Array;
  /** lik at par. */
  value: number;
}

/** The kernel's description of a form. */
function kernelSpec(L: Layout): EtsFormSpec {
  return { m: L.m, multError: L.spec.error === 'M', trend: L.hasTrend, damped: L.damped, season: L.spec.season };
}

/**
 * forecast's "lik" (−2·log-likelihood without constants) at given parameters, in R's `par` order:
 * alpha, beta?, gamma?, phi?, l0, b0?, s0 … s_{m−2}. Infinity when the recursions break down.
 */
export function etsLik(y: ArrayLike<number>, spec: EtsSpec, season: number, par: ArrayLike<number>): number {
  const L = layout(spec, season);
  return EtsSeries.load(y).form(kernelSpec(L), L.size).lik(par);
}

/** Sets up one ETS form over a loaded series for optimisation; null when the data cannot support it. */
function prepare(series: EtsSeries, y: ArrayLike<number>, spec: EtsSpec, season: number): Candidate | null {
  const n = y.length;
  const L = layout(spec, season);
  if (L.seasonal && (season < 2 || n <= season)) return null;
  if ((spec.error === 'M' || spec.season === 'M') && !allPositive(y)) return null;
  if (L.size >= n - 1) return null;
  const m = L.m;

  // Starting values as forecast's initparam() and initstate().
  const init = initialStates(y, L);
  const start = new Float64Array(L.size);
  start[0] = LOWER + (0.2 * (UPPER - LOWER)) / m;
  if (L.hasTrend) start[L.iBeta] = Math.min(LOWER + 0.1 * (UPPER - LOWER), start[0] - 1e-3 > LOWER ? start[0] - 1e-3 : start[0]);
  if (L.seasonal) start[L.iGamma] = Math.min(LOWER + 0.05 * (UPPER - LOWER), 1 - start[0] - 1e-3);
  if (L.damped) start[L.iPhi] = PHI_LOWER + 0.99 * (PHI_UPPER - PHI_LOWER);
  start[L.iLevel] = init.level;
  if (L.hasTrend) start[L.iSlope] = init.slope;
  for (let j = 0; j < m - 1 && L.seasonal; j++) start[L.iSeason + j] = init.seasons[j];

  const form = series.form(kernelSpec(L), L.size);
  // Levenberg–Marquardt is local, and R's starting α = 0.2/m can sit in a poor basin (USAccDeaths'
  // ETS(A,A,A) ends at AICc 1173.6 from it, 1149.5 from α = 0.5; R's Nelder–Mead reaches 1157.2):
  // start from whichever of a few values of α has the highest likelihood (five filter passes).
  let value = form.lik(start);
  let best = start;
  for (const a of [0.1, 0.3, 0.5, 0.7, 0.9]) {
    const trial = Float64Array.from(start);
    trial[0] = a;
    if (L.hasTrend) trial[L.iBeta] = Math.min(start[L.iBeta], a);
    if (L.seasonal) trial[L.iGamma] = Math.min(start[L.iGamma], 1 - a - 1e-3);
    const v = form.lik(trial);
    if (v < value) {
      value = v;
      best = trial;
    }
  }
  if (!Number.isFinite(value)) return null;
  return { L, form, par: best, value };
}

/**
 * Optimises a candidate's parameters (smoothing parameters and initial states together) by
 * Levenberg–Marquardt: the likelihood is a sum of squares, n·log Σr² with r the one-step errors
 * (A errors) or the relative errors times their forecasts' geometric mean (M errors). Steps for
 * the bounded smoothing parameters are projected; a step that would gain less than relTol of the
 * sum of squares ends the fit.
 */
function solve(c: Candidate, relTol: number): void {
  const r = c.form.minimise(c.par, relTol);
  if (r.lik <= c.value) {
    c.par = r.par;
    c.value = r.lik;
  }
}

/** Turns an optimised candidate into a model (final states, σ², information criteria). */
function finalize(c: Candidate): EtsModel | null {
  const { L, par } = c;
  const out = c.form.filter(par);
  if (!out) return null;
  const n = c.form.length;
  const lik = n * Math.log(out.sse) + (L.spec.error === 'M' ? 2 * out.sumLogF : 0);
  if (!Number.isFinite(lik)) return null;
  const nParams = L.size;
  const k = nParams + 1;
  const aic = lik + 2 * k;
  return {
    kind: 'ets',
    spec: L.spec,
    m: L.m,
    alpha: par[0],
    beta: L.hasTrend ? par[L.iBeta] : 0,
    gamma: L.seasonal ? par[L.iGamma] : 0,
    phi: L.damped ? par[L.iPhi] : 1,
    level: out.level,
    slope: out.slope,
    seasons: out.seasons,
    sigma2: out.sse / Math.max(1, n - nParams),
    lik,
    aic,
    aicc: n - k - 1 > 0 ? aic + (2 * k * (k + 1)) / (n - k - 1) : Infinity,
    bic: lik + k * Math.log(n),
    n,
    nParams,
  };
}

/** Fits one ETS form; null when the data cannot support it (too short, non-positive for M forms). */
export function fitEtsModel(
  y: ArrayLike<number>,
  spec: EtsSpec,
  season = 1,
): EtsModel | null {
  const c = prepare(EtsSeries.load(y), y, spec, season);
  if (!c) return null;
  solve(c, 1e-8);
  return finalize(c);
}

/**
 * Automatic ETS: every admissible form (no multiplicative trend; additive error never with
 * multiplicative season, as forecast::ets with restrict = TRUE), lowest AICc wins. Multiplicative
 * forms are skipped unless all values are positive; seasonal ones unless season ≥ 2 and n > season.
 * The likelihood is a sum of squares (see solve), so each form is fitted by Levenberg–Marquardt
 * rather than R's Nelder–Mead: on M3 and Tourism that needs 2–4× fewer likelihood evaluations and
 * reaches a lower AICc on more series than it misses (Tourism quarterly: 176 lower, 59 higher).
 * The forms race: every form is fitted loosely (steps that gain less than 1e-3 of the sum of
 * squares end it), those within 10 AICc of the leader to 1e-6, and the best of those wins.
 * Returns null only when not even ETS(A,N,N) fits (n ≤ 3).
 */
export function fitEts(y: ArrayLike<number>, options: EtsOptions = {}): EtsModel | null {
  const season = options.season && options.season > 1 ? options.season : 1;
  const errors = options.errors ?? ['A', 'M'];
  const trends = options.trends ?? ['N', 'A', 'Ad'];
  // Like forecast::ets, no seasonal forms for periods above 24 (too many initial states to estimate).
  const seasons = options.seasons ?? (season > 1 && season <= 24 ? ['N', 'A', 'M'] : ['N']);
  const n = y.length;
  const series = EtsSeries.load(y);
  const candidates: Candidate[] = [];
  for (const error of errors) {
    for (const trend of trends) {
      for (const s of seasons) {
        if (error === 'A' && s === 'M') continue;
        const c = prepare(series, y, { error, trend, season: s }, season);
        if (c) {
          solve(c, 1e-3);
          candidates.push(c);
        }
      }
    }
  }
  const aicc = (c: Candidate) => {
    const k = c.L.size + 1;
    return n - k - 1 > 0 ? c.value + 2 * k + (2 * k * (k + 1)) / (n - k - 1) : Infinity;
  };
  const leader = Math.min(...candidates.map(aicc));
  for (const c of candidates) if (aicc(c) <= leader + 10) solve(c, 1e-6);
  candidates.sort((a, b) => aicc(a) - aicc(b));
  let best: EtsModel | null = null;
  for (const c of candidates.slice(0, 2)) {
    const fit = finalize(c);
    if (fit && (!best || fit.aicc < best.aicc)) best = fit;
  }
  return best ?? fitEtsModel(y, { error: 'A', trend: 'N', season: 'N' }, 1);
}

/** Point forecasts by running the recursions without errors (forecast's pegelsfcast). */
function pointForecast(model: EtsModel, h: number): Float64Array {
  const f = new Float64Array(h);
  const { phi, m } = model;
  let damp = 0;
  let phiPow = 1;
  for (let i = 0; i < h; i++) {
    phiPow *= model.spec.trend === 'Ad' ? phi : 1;
    damp += model.spec.trend === 'N' ? 0 : phiPow;
    const q = model.level + damp * model.slope;
    const s = model.spec.season === 'N' ? 0 : model.seasons[i % m];
    f[i] = model.spec.season === 'A' ? q + s : model.spec.season === 'M' ? q * s : q;
  }
  return f;
}

/** c_j = w'F^{j−1}g for j = 1..h−1: how a shock j steps back moves today's forecast (linear part). */
function shockWeights(model: EtsModel, h: number): Float64Array {
  const { m, phi, alpha, beta, gamma } = model;
  const seasonal = model.spec.season !== 'N';
  const trend = model.spec.trend !== 'N';
  // State vector [l, b, s_1 (newest) .. s_m (oldest)]; v = F^{j−1} g.
  const size = 2 + (seasonal ? m : 0);
  let v = new Float64Array(size);
  v[0] = alpha;
  v[1] = trend ? beta : 0;
  if (seasonal) v[2] = gamma;
  const c = new Float64Array(Math.max(0, h - 1));
  for (let j = 0; j < h - 1; j++) {
    c[j] = v[0] + (trend ? phi * v[1] : 0) + (seasonal ? v[1 + m] : 0);
    const next = new Float64Array(size);
    next[0] = v[0] + (trend ? phi * v[1] : 0);
    next[1] = trend ? phi * v[1] : 0;
    if (seasonal) {
      next[2] = v[1 + m];
      for (let k = 3; k < 2 + m; k++) next[k] = v[k - 1];
    }
    v = next;
  }
  return c;
}

/**
 * Analytic forecast variances (Hyndman et al. 2008, ch. 6, as forecast's class1/class2):
 * class 1 (additive error and components) σ²(1 + Σc_j²); class 2 (multiplicative error, additive
 * components) (1 + σ²)θ_h − μ_h² with θ_h = μ_h² + σ² Σ_{j<h} c_j² θ_{h−j}.
 */
function analyticVariance(model: EtsModel, mean: Float64Array): Float64Array {
  const h = mean.length;
  const c = shockWeights(model, h);
  const out = new Float64Array(h);
  if (model.spec.error === 'A') {
    let acc = 1;
    for (let i = 0; i < h; i++) {
      out[i] = model.sigma2 * acc;
      if (i < h - 1) acc += c[i] * c[i];
    }
    return out;
  }
  const theta = new Float64Array(h);
  for (let i = 0; i < h; i++) {
    let s = 0;
    for (let j = 1; j <= i; j++) s += c[j - 1] * c[j - 1] * theta[i - j];
    theta[i] = mean[i] * mean[i] + model.sigma2 * s;
    out[i] = Math.max(0, (1 + model.sigma2) * theta[i] - mean[i] * mean[i]);
  }
  return out;
}

/**
 * Simulated intervals: `paths` futures, quantiles per step. Used only for multiplicative
 * seasonality, so the loop is written for that form. The innovations are Latin hypercube
 * samples: at each step the paths share one stratified set of standard normal quantiles, in a
 * seeded random order. That needs no logarithm or sine per draw (most of the cost of Box–Muller
 * here) and gives steadier quantiles than as many independent draws; the quantiles come from
 * selection rather than sorting.
 */
function simulatedIntervals(model: EtsModel, h: number, levels: readonly number[], paths: number, seed: number): PredictionInterval[] {
  const rng = new Rng(seed);
  const strata = normalStrata(paths);
  const shocks = Array.from({ length: h }, () => {
    const z = Float64Array.from(strata);
    for (let i = paths - 1; i > 0; i--) {
      const j = Math.floor(rng.next() * (i + 1));
      const t = z[i];
      z[i] = z[j];
      z[j] = t;
    }
    return z;
  });
  const sigma = Math.sqrt(model.sigma2);
  const draws = Array.from({ length: h }, () => new Float64Array(paths));
  const { m, alpha, beta, gamma } = model;
  const multError = model.spec.error === 'M';
  const phi = model.spec.trend === 'N' ? 0 : model.phi;
  const betaStar = model.spec.trend === 'N' ? 0 : beta / alpha;
  const ring = new Float64Array(m);
  let finite = true;
  for (let p = 0; p < paths; p++) {
    let l = model.level;
    let b = model.slope;
    ring.set(model.seasons);
    let pos = 0;
    for (let i = 0; i < h; i++) {
      const q = l + phi * b;
      const sOld = ring[pos];
      const mu = q * sOld;
      const e = sigma * shocks[i][p];
      const yt = multError ? mu * (1 + e) : mu + e;
      draws[i][p] = yt;
      finite &&= Number.isFinite(yt);
      const lNew = q + alpha * (yt / sOld - q);
      b = phi * b + betaStar * (lNew - l - phi * b);
      l = lNew;
      ring[pos] = sOld + gamma * (yt / q - sOld);
      pos = pos + 1 === m ? 0 : pos + 1;
    }
  }
  const probs = levels.flatMap((level) => [0.5 - level / 200, 0.5 + level / 200]);
  // An exploding path makes the intervals non-finite, so the caller's Naive2 safety net applies.
  const at = draws.map((d) => (finite ? quantilesInPlace(d, probs) : probs.map(() => NaN)));
  return levels.map((level, k) => ({
    level,
    lower: Float64Array.from(at, (q) => q[2 * k]),
    upper: Float64Array.from(at, (q) => q[2 * k + 1]),
  }));
}

const strataCache = new Map<number, Float64Array>();

/** Standard normal quantiles at the midpoints of `count` equal-probability strata (memoised). */
function normalStrata(count: number): Float64Array {
  let z = strataCache.get(count);
  if (!z) {
    z = Float64Array.from({ length: count }, (_, k) => normalQuantile((k + 0.5) / count));
    strataCache.set(count, z);
  }
  return z;
}

export interface SimulationOptions {
  /** Sample paths for the non-linear classes (default 2000; forecast::ets uses 5000). */
  paths?: number;
  seed?: number;
}

/**
 * h-step forecasts. Intervals are analytic (Gaussian) for classes 1 and 2 and simulated (seeded)
 * for multiplicative seasonality, where forecast::ets uses its class-3 formula instead.
 */
export function forecastEts(model: EtsModel, h: number, levels: readonly number[], sim: SimulationOptions = {}): Forecast {
  const mean = pointForecast(model, h);
  const intervals = model.spec.season !== 'M'
    ? normalIntervals(mean, Array.from(analyticVariance(model, mean), Math.sqrt), levels)
    : simulatedIntervals(model, h, levels, sim.paths ?? 2000, sim.seed ?? 1);
  return { method: etsName(model.spec), mean, intervals };
}
