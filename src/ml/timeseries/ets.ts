// Exponential smoothing in innovations state-space form (Hyndman, Koehler, Ord & Snyder 2008),
// fitted by maximum likelihood and chosen by AICc as forecast::ets does. Written by hand: no
// maintained JS package implements ETS; the recursions, initial states, parameter bounds and
// likelihood follow forecast's etscalc.c / ets.R so results can be checked against R.
import { nelderMead } from './optim.ts';
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

interface FilterOut {
  level: number;
  slope: number;
  /** Final seasonal states, oldest first: filled by finalize() only, from the ring and `pos`. */
  seasons: Float64Array;
  /** Ring index of the oldest seasonal state after the filter. */
  pos: number;
  /** Sum of squared (relative for M) errors and sum of log|forecast|. */
  sse: number;
  sumLogF: number;
}

/** Seeds the seasonal ring from the free initial seasonal states s0..s_{m−2} (most recent first). */
function initialSeasons(par: ArrayLike<number>, L: Layout, ring: Float64Array): boolean {
  const m = L.m;
  let sum = 0;
  for (let j = 0; j < m - 1; j++) {
    // s_j (j = 0 most recent) sits at ring[m − 1 − j].
    ring[m - 1 - j] = par[L.iSeason + j];
    sum += par[L.iSeason + j];
  }
  ring[0] = L.spec.season === 'A' ? -sum : m - sum;
  if (L.spec.season === 'M') for (let j = 0; j < m; j++) if (!(ring[j] > 0)) return false;
  return true;
}

/** Runs the ETS recursions over y (etscalc.c); returns null when a forecast collapses to ~0. */
function filter(y: ArrayLike<number>, L: Layout, par: ArrayLike<number>, ring: Float64Array, out: FilterOut): boolean {
  const { spec, m } = L;
  const alpha = par[0];
  const beta = L.hasTrend ? par[L.iBeta] : 0;
  const gamma = L.seasonal ? par[L.iGamma] : 0;
  const phi = L.damped ? par[L.iPhi] : 1;
  let l = par[L.iLevel];
  let b = L.hasTrend ? par[L.iSlope] : 0;
  if (L.seasonal) {
    if (!initialSeasons(par, L, ring)) return false;
  }
  if (!L.seasonal) return filterNonSeasonal(y, spec.error === 'M', L.hasTrend, alpha, beta, phi, l, b, out);
  return spec.season === 'A'
    ? filterAdditiveSeason(y, m, spec.error === 'M', L.hasTrend, alpha, beta, gamma, phi, l, b, ring, out)
    : filterMultSeason(y, m, spec.error === 'M', L.hasTrend, alpha, beta, gamma, phi, l, b, ring, out);
}

/**
 * Seasonal recursions with additive seasons (ETS(·,·,A)). The filters are specialised by season
 * type, and Σlog|f| (multiplicative errors) is taken as the log of running products of eight
 * forecasts (flushed early before over- or underflow): one Math.log per eight steps instead of one
 * per step, which is most of the filter's cost for M-error forms; equal up to rounding.
 */
function filterAdditiveSeason(
  y: ArrayLike<number>, m: number, multError: boolean, hasTrend: boolean,
  alpha: number, beta: number, gamma: number, phi: number, l: number, b: number, ring: Float64Array, out: FilterOut,
): boolean {
  let pos = 0;
  let sse = 0;
  let sumLogF = 0;
  const betaStar = hasTrend ? beta / alpha : 0;
  const phiB = hasTrend ? phi : 0;
  const n = y.length;
  let prodF = 1;
  for (let t = 0; t < n; t++) {
    const q = l + phiB * b;
    const sOld = ring[pos];
    const f = q + sOld;
    if (!(Math.abs(f) > 1e-10)) return false;
    const yt = y[t];
    const ea = yt - f;
    if (multError) {
      const e = ea / f;
      sse += e * e;
      prodF *= f;
      if ((t & 7) === 7 || !(Math.abs(prodF) < 1e200 && Math.abs(prodF) > 1e-200)) {
        sumLogF += Math.log(Math.abs(prodF));
        prodF = 1;
      }
    } else sse += ea * ea;
    const lNew = q + alpha * (yt - sOld - q);
    b = phiB * b + betaStar * (lNew - l - phiB * b);
    l = lNew;
    ring[pos] = sOld + gamma * (yt - q - sOld);
    pos = pos + 1 === m ? 0 : pos + 1;
  }
  if (!Number.isFinite(l) || !Number.isFinite(b)) return false;
  sumLogF += Math.log(Math.abs(prodF));
  out.level = l;
  out.slope = hasTrend ? b : 0;
  out.pos = pos;
  out.sse = sse;
  out.sumLogF = sumLogF;
  return true;
}

/** Seasonal recursions with multiplicative seasons (ETS(·,·,M)). */
function filterMultSeason(
  y: ArrayLike<number>, m: number, multError: boolean, hasTrend: boolean,
  alpha: number, beta: number, gamma: number, phi: number, l: number, b: number, ring: Float64Array, out: FilterOut,
): boolean {
  let pos = 0;
  let sse = 0;
  let sumLogF = 0;
  const betaStar = hasTrend ? beta / alpha : 0;
  const phiB = hasTrend ? phi : 0;
  const n = y.length;
  let prodF = 1;
  for (let t = 0; t < n; t++) {
    const q = l + phiB * b;
    const sOld = ring[pos];
    const f = q * sOld;
    if (!(Math.abs(f) > 1e-10)) return false;
    const yt = y[t];
    const ea = yt - f;
    if (multError) {
      const e = ea / f;
      sse += e * e;
      prodF *= f;
      if ((t & 7) === 7 || !(Math.abs(prodF) < 1e200 && Math.abs(prodF) > 1e-200)) {
        sumLogF += Math.log(Math.abs(prodF));
        prodF = 1;
      }
    } else sse += ea * ea;
    const lNew = q + alpha * (yt / sOld - q);
    b = phiB * b + betaStar * (lNew - l - phiB * b);
    l = lNew;
    ring[pos] = sOld + gamma * (yt / q - sOld);
    pos = pos + 1 === m ? 0 : pos + 1;
  }
  if (!Number.isFinite(l) || !Number.isFinite(b)) return false;
  sumLogF += Math.log(Math.abs(prodF));
  out.level = l;
  out.slope = hasTrend ? b : 0;
  out.pos = pos;
  out.sse = sse;
  out.sumLogF = sumLogF;
  return true;
}

/** The same recursions without a seasonal ring: the hot loop of every non-seasonal fit, kept branch-light. */
function filterNonSeasonal(
  y: ArrayLike<number>, multError: boolean, hasTrend: boolean,
  alpha: number, beta: number, phi: number, l: number, b: number, out: FilterOut,
): boolean {
  let sse = 0;
  let sumLogF = 0;
  const phiB = hasTrend ? phi : 0;
  let prodF = 1;
  for (let t = 0; t < y.length; t++) {
    const q = l + phiB * b;
    if (!(Math.abs(q) > 1e-10)) return false;
    const ea = y[t] - q;
    const e = multError ? ea / q : ea;
    sse += e * e;
    if (multError) {
      prodF *= q;
      if ((t & 7) === 7 || !(Math.abs(prodF) < 1e200 && Math.abs(prodF) > 1e-200)) {
        sumLogF += Math.log(Math.abs(prodF));
        prodF = 1;
      }
    }
    // lNew − (l + φb) = α·ea, so the slope update (β/α)(lNew − l − φb) is β·ea (a shorter chain).
    l = q + alpha * ea;
    b = phiB * b + beta * ea;
  }
  if (!Number.isFinite(l) || !Number.isFinite(b)) return false;
  sumLogF += Math.log(Math.abs(prodF));
  out.level = l;
  out.slope = hasTrend ? b : 0;
  out.pos = 0;
  out.sse = sse;
  out.sumLogF = sumLogF;
  return true;
}

function withinBounds(par: ArrayLike<number>, L: Layout): boolean {
  const alpha = par[0];
  if (!(alpha >= LOWER && alpha <= UPPER)) return false;
  if (L.hasTrend) {
    const beta = par[L.iBeta];
    if (!(beta >= LOWER && beta <= Math.min(alpha, UPPER))) return false;
  }
  if (L.seasonal) {
    const gamma = par[L.iGamma];
    if (!(gamma >= LOWER && gamma <= Math.min(1 - alpha, UPPER))) return false;
  }
  if (L.damped) {
    const phi = par[L.iPhi];
    if (!(phi >= PHI_LOWER && phi <= PHI_UPPER)) return false;
  }
  return true;
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
  par: Float64Array;
  steps: Float64Array;
  objective: (par: Float64Array) => number;
  value: number;
}

/**
 * forecast's "lik" (−2·log-likelihood without constants) at given parameters, in R's `par` order:
 * alpha, beta?, gamma?, phi?, l0, b0?, s0 … s_{m−2}. Infinity when the recursions break down.
 */
export function etsLik(y: ArrayLike<number>, spec: EtsSpec, season: number, par: ArrayLike<number>): number {
  const L = layout(spec, season);
  const out: FilterOut = { level: 0, slope: 0, seasons: new Float64Array(0), pos: 0, sse: 0, sumLogF: 0 };
  if (!filter(y, L, par, new Float64Array(L.m), out)) return Infinity;
  return y.length * Math.log(out.sse) + (spec.error === 'M' ? 2 * out.sumLogF : 0);
}

/** Sets up one ETS form for optimisation; null when the data cannot support it. */
function prepare(y: ArrayLike<number>, spec: EtsSpec, season: number): Candidate | null {
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

  // Per-parameter simplex steps (R uses one step for all, which is poor when l0 is in thousands).
  const scale = Math.max(Math.abs(init.level), 1e-3 * (Math.abs(mean(y)) + 1e-8), 1e-8);
  const steps = new Float64Array(L.size);
  for (let i = 0; i < L.size; i++) {
    if (i === L.iPhi) steps[i] = 0.05;
    else if (i < L.iLevel) steps[i] = 0.3;
    else if (i === L.iLevel) steps[i] = 0.1 * scale;
    else if (i === L.iSlope) steps[i] = 0.1 * Math.max(Math.abs(start[i]), 0.01 * scale);
    else steps[i] = 0.1 * Math.max(Math.abs(start[i]), spec.season === 'M' ? 0.1 : 0.01 * scale);
  }

  const ring = new Float64Array(m);
  const out: FilterOut = { level: 0, slope: 0, seasons: ring, pos: 0, sse: 0, sumLogF: 0 };
  const objective = (par: Float64Array): number => {
    if (!withinBounds(par, L)) return Infinity;
    if (!filter(y, L, par, ring, out)) return Infinity;
    return n * Math.log(out.sse) + (spec.error === 'M' ? 2 * out.sumLogF : 0);
  };
  const value = objective(start);
  if (!Number.isFinite(value)) return null;
  return { L, par: start, steps, objective, value };
}

/** Continues the optimisation of a candidate for up to maxIter Nelder–Mead iterations. */
function improve(c: Candidate, maxIter: number, restarts = 3, relTol = 1e-8): void {
  // Nelder–Mead can stall on a collapsed simplex; restarting from the optimum with fresh steps
  // until a restart no longer helps is the usual remedy.
  for (let restart = 0; restart < restarts; restart++) {
    const best = nelderMead(c.objective, c.par, { steps: c.steps, maxIter, relTol });
    const gain = c.value - best.value;
    if (best.value <= c.value) {
      c.par = best.x;
      c.value = best.value;
    }
    if (!(gain > 1e-6 * Math.abs(c.value) + 1e-9)) break;
  }
}

/** Turns an optimised candidate into a model (final states, σ², information criteria). */
function finalize(y: ArrayLike<number>, c: Candidate): EtsModel | null {
  const { L, par } = c;
  const n = y.length;
  const ring = new Float64Array(L.m);
  const out: FilterOut = { level: 0, slope: 0, seasons: ring, pos: 0, sse: 0, sumLogF: 0 };
  if (!filter(y, L, par, ring, out)) return null;
  // Rotate so that seasons[0] is the oldest (the one the next forecast uses).
  out.seasons = new Float64Array(L.seasonal ? L.m : 0);
  for (let j = 0; j < out.seasons.length; j++) out.seasons[j] = ring[(out.pos + j) % L.m];
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
  const c = prepare(y, spec, season);
  if (!c) return null;
  improve(c, 2000);
  return finalize(y, c);
}

/**
 * Automatic ETS: every admissible form (no multiplicative trend; additive error never with
 * multiplicative season, as forecast::ets with restrict = TRUE), lowest AICc wins. Multiplicative
 * forms are skipped unless all values are positive; seasonal ones unless season ≥ 2 and n > season.
 * To save time the forms race: every form gets 5 Nelder–Mead iterations per parameter, the forms
 * within 10 AICc of the leader get 25 more (a restart with fresh steps), and only the two best are
 * optimised to convergence (to a relative tolerance of 1e-6, not R's 1e-8: the likelihood then
 * moves by about 1e-6 of itself, a thousandth of an AICc unit on these series, for half the
 * evaluations). AICc gaps between forms are usually far larger than what the extra iterations
 * change: on M3 and Tourism all this needs 1.4–2.4× fewer evaluations than 30 iterations per
 * parameter for every form and polishing to 1e-8, and sMAPE and MASE came out slightly better.
 * (Other splits were no better: 10 + 20 iterations ends 0.1 AICc worse than R on WWWusage, stuck
 * where α and β meet their upper bounds. Polishing only the runner-up within 4 AICc picks
 * ETS(M,N,M) over R's ETS(A,N,A) on USAccDeaths. Ranking the forms by a fit of the smoothing
 * parameters alone, initial states held, was slightly worse on Tourism monthly.)
 * Returns null only when not even ETS(A,N,N) fits (n ≤ 3).
 */
export function fitEts(y: ArrayLike<number>, options: EtsOptions = {}): EtsModel | null {
  const season = options.season && options.season > 1 ? options.season : 1;
  const errors = options.errors ?? ['A', 'M'];
  const trends = options.trends ?? ['N', 'A', 'Ad'];
  // Like forecast::ets, no seasonal forms for periods above 24 (too many initial states to estimate).
  const seasons = options.seasons ?? (season > 1 && season <= 24 ? ['N', 'A', 'M'] : ['N']);
  const n = y.length;
  const candidates: Candidate[] = [];
  for (const error of errors) {
    for (const trend of trends) {
      for (const s of seasons) {
        if (error === 'A' && s === 'M') continue;
        const c = prepare(y, { error, trend, season: s }, season);
        if (c) {
          improve(c, 5 * c.par.length, 1);
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
  for (const c of candidates) if (aicc(c) <= leader + 10) improve(c, 25 * c.par.length, 1);
  candidates.sort((a, b) => aicc(a) - aicc(b));
  let best: EtsModel | null = null;
  for (const c of candidates.slice(0, 2)) {
    improve(c, 2000, 2, 1e-6);
    const fit = finalize(y, c);
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
