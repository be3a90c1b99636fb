// Seasonal ARIMA with automatic order selection in the manner of forecast::auto.arima (Hyndman &
// Khandakar 2008): differencing by KPSS / seasonal strength, then a stepwise search over
// (p,q)(P,Q) and the constant by AICc. Written by hand: no maintained JS ARIMA exists.
// Deliberate difference from R: parameters are estimated by conditional sum of squares (R's
// method "CSS", which auto.arima itself uses while searching long or monthly series) and the
// exact-likelihood refit is skipped; AR and MA parts are kept stationary / invertible by the
// partial-autocorrelation transform (R's partrans), and fits with a root within 1.01 of the unit
// circle are rejected as auto.arima does. This makes a whole M3 set fit in seconds.
import { LeastSquaresWorkspace, levenbergMarquardt } from '../optim.ts';
import { isConstant, mean } from './stats.ts';
import { difference, ndiffs, nsdiffs } from './unitroot.ts';
import { normalIntervals, type Forecast } from './types.ts';

export interface ArimaOrder {
  p: number;
  d: number;
  q: number;
  P: number;
  D: number;
  Q: number;
  /** Seasonal period (1 when non-seasonal). */
  m: number;
}

export interface ArimaModel {
  kind: 'arima';
  order: ArimaOrder;
  /** Mean of the differenced series (a drift when d + D = 1) is estimated. */
  constant: boolean;
  mu: number;
  /** Coefficients in R's sign convention: φ(B) = 1 − Σφ_i Bⁱ, θ(B) = 1 + Σθ_i Bⁱ. */
  ar: Float64Array;
  ma: Float64Array;
  sar: Float64Array;
  sma: Float64Array;
  sigma2: number;
  /** AICc from the CSS variance (comparable only between fits with the same d and D). */
  aicc: number;
  /** Training series and the CSS residuals of its differenced form, for forecasting. */
  y: Float64Array;
  residuals: Float64Array;
}

export function arimaName(model: ArimaModel): string {
  const o = model.order;
  const seasonal = o.m > 1 && o.P + o.D + o.Q > 0 ? `(${o.P},${o.D},${o.Q})[${o.m}]` : '';
  const c = model.constant ? (o.d + o.D === 0 ? ' with mean' : ' with drift') : '';
  return `ARIMA(${o.p},${o.d},${o.q})${seasonal}${c}`;
}

/** Maps unconstrained values to the coefficients of a stationary AR polynomial (R's partrans). */
function partrans(raw: ArrayLike<number>, from: number, p: number, out: Float64Array, work: Float64Array = new Float64Array(p)): void {
  for (let j = 0; j < p; j++) out[j] = Math.tanh(raw[from + j]);
  for (let j = 1; j < p; j++) {
    const a = out[j];
    for (let k = 0; k < j; k++) work[k] = out[k] - a * out[j - k - 1];
    for (let k = 0; k < j; k++) out[k] = work[k];
  }
}

/** Multiplies (1 − Σa_i Bⁱ)(1 − Σb_j B^{jm}) (sign = −1) or the MA form with + signs (sign = +1). */
function expand(a: Float64Array, b: Float64Array, m: number, sign: 1 | -1, out: Float64Array = new Float64Array(a.length + b.length * m)): Float64Array {
  out.fill(0);
  for (let i = 0; i < a.length; i++) out[i] += a[i];
  for (let j = 0; j < b.length; j++) {
    out[(j + 1) * m - 1] += b[j];
    // Cross terms: sign·a_i·b_j at lag i + jm (for AR: −(−a)(−b) = −ab, so the coefficient is −ab).
    for (let i = 0; i < a.length; i++) out[i + (j + 1) * m] += sign === 1 ? a[i] * b[j] : -a[i] * b[j];
  }
  return out;
}

/** True when every root of 1 − Σc_k z^k lies outside the circle of radius `radius` (step-down test). */
function rootsOutside(c: Float64Array, radius: number): boolean {
  let a = Float64Array.from(c, (v, k) => v * radius ** (k + 1));
  let next = new Float64Array(a.length);
  for (let k = a.length; k >= 1; k--) {
    const r = a[k - 1];
    if (!(Math.abs(r) < 1)) return false;
    for (let j = 0; j < k - 1; j++) next[j] = (a[j] + r * a[k - 2 - j]) / (1 - r * r);
    [a, next] = [next, a];
  }
  return true;
}

/**
 * Where the expanded polynomial of expand(a, b, m) can be non-zero: lags of a, of b·m and their
 * cross terms. Seasonal models are mostly zeros (29 slots, ≤ 8 used for p = 2, P = 2, m = 12), so
 * the residual recursion visits only these.
 */
function structuralIndices(p: number, P: number, m: number): Int32Array {
  const used = new Uint8Array(p + P * m);
  for (let i = 0; i < p; i++) used[i] = 1;
  for (let j = 0; j < P; j++) for (let i = -1; i < p; i++) used[i + (j + 1) * m] = 1;
  const out = new Int32Array(used.reduce((a, b) => a + b, 0));
  for (let k = 0, at = 0; k < used.length; k++) if (used[k]) out[at++] = k;
  return out;
}

/**
 * CSS residuals of w − μ under expanded AR φ and MA θ, conditioning on the first φ.length values.
 * `phiAt`/`thetaAt` list the coefficient slots that may be non-zero (ascending); skipped slots hold 0.
 * The hot loop of every ARIMA fit: past the longest MA lag the MA terms need no check that their
 * residual exists.
 */
function cssResiduals(w: Float64Array, mu: number, phi: Float64Array, phiAt: Int32Array, theta: Float64Array, thetaAt: Int32Array, e: Float64Array): number {
  const N = w.length;
  const p = phi.length;
  const np = phiAt.length;
  const nq = thetaAt.length;
  const maLags = nq > 0 ? thetaAt[nq - 1] + 1 : 0;
  let sse = 0;
  for (let t = 0; t < Math.min(p, N); t++) e[t] = 0;
  for (let t = p; t < N; t++) {
    let v = w[t] - mu;
    for (let a = 0; a < np; a++) {
      const k = phiAt[a];
      v -= phi[k] * (w[t - k - 1] - mu);
    }
    if (t >= maLags) {
      for (let b = 0; b < nq; b++) {
        const j = thetaAt[b];
        v -= theta[j] * e[t - j - 1];
      }
    } else {
      for (let b = 0; b < nq; b++) {
        const j = thetaAt[b];
        if (j >= t) break;
        v -= theta[j] * e[t - j - 1];
      }
    }
    e[t] = v;
    sse += v * v;
  }
  return sse;
}

interface Spec {
  p: number;
  q: number;
  P: number;
  Q: number;
  constant: boolean;
}

/** The differenced series every candidate form is fitted to, and what all those fits share. */
interface Differenced {
  y: Float64Array;
  w: Float64Array;
  /** d, D and m (p, q, P, Q are the candidates'). */
  order: ArimaOrder;
  wMean: number;
  /** Scale of the constant's optimiser parameter. */
  wSd: number;
  workspace: LeastSquaresWorkspace;
}

function differencedData(y: Float64Array, order: ArimaOrder): Differenced {
  const w = differenced(y, order.d, order.D, order.m);
  const wMean = mean(w);
  let ss = 0;
  for (const v of w) ss += (v - wMean) ** 2;
  return { y, w, order, wMean, wSd: Math.sqrt(ss / w.length) || 1, workspace: new LeastSquaresWorkspace() };
}

/**
 * A form's coefficients from the optimiser's unconstrained parameters: AR and MA parts through the
 * partial-autocorrelation transform (stationary, invertible), the constant scaled by sd(w).
 */
class Coefficients {
  readonly ar: Float64Array;
  readonly ma: Float64Array;
  readonly sar: Float64Array;
  readonly sma: Float64Array;
  readonly phi: Float64Array;
  readonly theta: Float64Array;
  readonly phiAt: Int32Array;
  readonly thetaAt: Int32Array;
  private readonly work: Float64Array;
  readonly nCoef: number;
  mu = 0;

  constructor(readonly spec: Spec, readonly m: number, private readonly wSd: number) {
    const { p, q, P, Q } = spec;
    this.ar = new Float64Array(p);
    this.ma = new Float64Array(q);
    this.sar = new Float64Array(P);
    this.sma = new Float64Array(Q);
    this.phi = new Float64Array(p + P * m);
    this.theta = new Float64Array(q + Q * m);
    this.phiAt = structuralIndices(p, P, m);
    this.thetaAt = structuralIndices(q, Q, m);
    this.work = new Float64Array(Math.max(p, q, P, Q));
    this.nCoef = p + q + P + Q;
  }

  /** Sets the coefficients from x; false when x is outside the optimiser's box (|x| ≤ 8). */
  set(x: ArrayLike<number>): boolean {
    const { p, q, P, Q, constant } = this.spec;
    for (let i = 0; i < this.nCoef; i++) if (Math.abs(x[i]) > 8) return false;
    partrans(x, 0, p, this.ar, this.work);
    partrans(x, p, q, this.ma, this.work);
    for (let j = 0; j < q; j++) this.ma[j] = -this.ma[j];
    partrans(x, p + q, P, this.sar, this.work);
    partrans(x, p + q + P, Q, this.sma, this.work);
    for (let j = 0; j < Q; j++) this.sma[j] = -this.sma[j];
    this.mu = constant ? x[this.nCoef] * this.wSd : 0;
    expand(this.ar, this.sar, this.m, -1, this.phi);
    expand(this.ma, this.sma, this.m, 1, this.theta);
    return true;
  }

  /** CSS residuals of w into e (its first w.length entries); returns their sum of squares. */
  residuals(w: Float64Array, e: Float64Array): number {
    return cssResiduals(w, this.mu, this.phi, this.phiAt, this.theta, this.thetaAt, e);
  }
}

/** Optimiser settings: the search fits loosely, the chosen model is refitted from there. */
interface Precision {
  relTol: number;
  /** Unconstrained starting parameters (absent or NaN: zeros and the sample mean). */
  start?: Float64Array;
}

/** A fitted form, ranked by AICc; its model is built only if it is the one chosen. */
interface Fit {
  spec: Spec;
  /** The optimiser's unconstrained parameters, to restart from. */
  raw: Float64Array;
  aicc: number;
}

/** Fits one ARIMA form by CSS (Levenberg–Marquardt); null when it cannot be estimated. */
function fitForm(data: Differenced, spec: Spec, precision: Precision = { relTol: 1e-8 }): Fit | null {
  const { w, order } = data;
  const N = w.length;
  const pFull = spec.p + spec.P * order.m;
  const coef = new Coefficients(spec, order.m, data.wSd);
  const k = coef.nCoef + (spec.constant ? 1 : 0) + 1;
  if (N - pFull <= k || N - k - 1 <= 0) return null;
  const start = new Float64Array(coef.nCoef + (spec.constant ? 1 : 0));
  if (spec.constant) start[coef.nCoef] = data.wMean / data.wSd;
  // NaN in the given start means "no value": keep the default there.
  precision.start?.forEach((v, i) => {
    if (!Number.isNaN(v)) start[i] = v;
  });
  const fitted = levenbergMarquardt((x, e) => coef.set(x) && (coef.residuals(w, e), true), start, N, {
    relTol: precision.relTol,
    workspace: data.workspace,
  });
  if (!coef.set(fitted.x)) return null;
  // auto.arima rejects fits with AR or MA roots within 1.01 of the unit circle.
  if (!rootsOutside(coef.phi, 1.01) || !rootsOutside(coef.theta.map((v) => -v), 1.01)) return null;
  const sigma2 = fitted.value / (N - pFull);
  if (!Number.isFinite(sigma2)) return null;
  const aic = N * Math.log(Math.max(sigma2, 1e-300)) + 2 * k;
  return { spec, raw: fitted.x, aicc: aic + (2 * k * (k + 1)) / (N - k - 1) };
}

/** The model of a fitted form: its coefficients, residuals and innovation variance. */
function modelOf(data: Differenced, fit: Fit): ArimaModel {
  const { spec, raw } = fit;
  const coef = new Coefficients(spec, data.order.m, data.wSd);
  coef.set(raw);
  const residuals = new Float64Array(data.w.length);
  const sse = coef.residuals(data.w, residuals);
  const { p, q, P, Q, constant } = spec;
  return {
    kind: 'arima',
    order: { ...data.order, p, q, P, Q },
    constant,
    mu: coef.mu,
    ar: coef.ar,
    ma: coef.ma,
    sar: coef.sar,
    sma: coef.sma,
    sigma2: sse / (data.w.length - coef.phi.length),
    aicc: fit.aicc,
    y: data.y,
    residuals,
  };
}

/**
 * Starting values for a neighbour of a fitted form: its shared coefficients (in the optimiser's
 * partial-autocorrelation space, where an added last coefficient of 0 leaves the polynomial as it
 * was) and its constant; new coefficients start at 0, a new constant at the default (NaN here).
 */
function warmStart(parent: Fit, s: Spec): Float64Array {
  const o = parent.spec;
  const from = [o.p, o.q, o.P, o.Q];
  const to = [s.p, s.q, s.P, s.Q];
  const nFrom = from.reduce((a, b) => a + b, 0);
  const nTo = to.reduce((a, b) => a + b, 0);
  const out = new Float64Array(nTo + (s.constant ? 1 : 0));
  let i = 0;
  let j = 0;
  for (let block = 0; block < 4; block++) {
    for (let k = 0; k < Math.min(from[block], to[block]); k++) out[j + k] = parent.raw[i + k];
    i += from[block];
    j += to[block];
  }
  if (s.constant) out[nTo] = o.constant ? parent.raw[nFrom] : NaN;
  return out;
}

/** Applies D seasonal then d regular differences. */
function differenced(y: Float64Array, d: number, D: number, m: number): Float64Array {
  let x = y;
  for (let i = 0; i < D; i++) x = difference(x, m);
  for (let i = 0; i < d; i++) x = difference(x, 1);
  return x;
}

/** Fits ARIMA(p,d,q)(P,D,Q)[m] with or without a constant; null when the data cannot support it. */
export function fitArima(y: ArrayLike<number>, order: ArimaOrder, constant = order.d + order.D <= 1): ArimaModel | null {
  const data = differencedData(Float64Array.from(y), order);
  const fit = fitForm(data, { p: order.p, q: order.q, P: order.P, Q: order.Q, constant: constant && order.d + order.D <= 1 });
  return fit && modelOf(data, fit);
}

export interface AutoArimaOptions {
  season?: number;
  maxP?: number;
  maxQ?: number;
  maxSeasonalP?: number;
  maxSeasonalQ?: number;
  /** Largest p + q + P + Q (R: 5). */
  maxOrder?: number;
}

/**
 * The search only ranks forms by AICc: stopping when a Gauss–Newton step would gain less than 1e-4
 * of the sum of squares (AICc to about 1e-4·N) is ample; the chosen form is refitted to 1e-8. Each
 * neighbour also starts from the current best's estimates (warmStart).
 */
const SEARCH: Precision = { relTol: 1e-4 };

/**
 * auto.arima's stepwise search. Never returns null for a non-empty series: when no candidate can be
 * estimated it returns ARIMA(0,d,0)(0,D,0) (a random walk / seasonal random walk, with drift when
 * d + D = 1), which needs no estimated coefficients.
 */
export function autoArima(y: ArrayLike<number>, options: AutoArimaOptions = {}): ArimaModel {
  const series = Float64Array.from(y);
  const n = series.length;
  const m = options.season && options.season > 1 && n > 2 * options.season ? options.season : 1;
  const D = m > 1 ? nsdiffs(series, m) : 0;
  const d = ndiffs(D ? difference(series, m) : series);
  const order: ArimaOrder = { p: 0, d, q: 0, P: 0, D, Q: 0, m };
  const data = differencedData(series, order);
  const w = data.w;
  const estimable = w.length >= 3 && !isConstant(w);
  const maxP = Math.min(options.maxP ?? 5, Math.floor(n / 3));
  const maxQ = Math.min(options.maxQ ?? 5, Math.floor(n / 3));
  const maxSP = m > 1 ? Math.min(options.maxSeasonalP ?? 2, Math.floor(n / 3 / m)) : 0;
  const maxSQ = m > 1 ? Math.min(options.maxSeasonalQ ?? 2, Math.floor(n / 3 / m)) : 0;
  const maxOrder = options.maxOrder ?? 5;
  const allowConstant = d + D <= 1;

  const tried = new Map<string, Fit | null>();
  let best = null as Fit | null; // (a cast: assigned inside attempt(), which TypeScript does not follow)
  const attempt = (s: Spec, parent?: Fit): boolean => {
    if (s.p < 0 || s.q < 0 || s.P < 0 || s.Q < 0) return false;
    if (s.p > maxP || s.q > maxQ || s.P > maxSP || s.Q > maxSQ || s.p + s.q + s.P + s.Q > maxOrder) return false;
    if (s.constant && !allowConstant) return false;
    const key = `${s.p},${s.q},${s.P},${s.Q},${s.constant}`;
    if (tried.has(key)) return false;
    const precision = parent ? { ...SEARCH, start: warmStart(parent, s) } : SEARCH;
    const fit = estimable ? fitForm(data, s, precision) : null;
    tried.set(key, fit);
    if (fit && (!best || fit.aicc < best.aicc)) {
      best = fit;
      return true;
    }
    return false;
  };
  const c0 = allowConstant;
  attempt({ p: Math.min(2, maxP), q: Math.min(2, maxQ), P: Math.min(1, maxSP), Q: Math.min(1, maxSQ), constant: c0 });
  attempt({ p: 0, q: 0, P: 0, Q: 0, constant: c0 });
  attempt({ p: Math.min(1, maxP), q: 0, P: Math.min(1, maxSP), Q: 0, constant: c0 });
  attempt({ p: 0, q: Math.min(1, maxQ), P: 0, Q: Math.min(1, maxSQ), constant: c0 });
  if (c0) attempt({ p: 0, q: 0, P: 0, Q: 0, constant: false });

  const moves: Array<[number, number, number, number]> = [
    [0, 0, -1, 0], [0, 0, 0, -1], [0, 0, 1, 0], [0, 0, 0, 1], [0, 0, -1, -1], [0, 0, -1, 1], [0, 0, 1, -1], [0, 0, 1, 1],
    [-1, 0, 0, 0], [0, -1, 0, 0], [1, 0, 0, 0], [0, 1, 0, 0], [-1, -1, 0, 0], [-1, 1, 0, 0], [1, -1, 0, 0], [1, 1, 0, 0],
  ];
  for (let round = 0; round < 94 && best; round++) {
    const s: Spec = best.spec;
    let improved = false;
    for (const [dp, dq, dP, dQ] of moves) {
      if (attempt({ p: s.p + dp, q: s.q + dq, P: s.P + dP, Q: s.Q + dQ, constant: s.constant }, best)) {
        improved = true;
        break;
      }
    }
    if (!improved && allowConstant) improved = attempt({ ...s, constant: !s.constant }, best);
    if (!improved) break;
  }
  if (best) {
    const refit = fitForm(data, best.spec, { relTol: 1e-8, start: best.raw });
    return modelOf(data, refit && refit.aicc <= best.aicc ? refit : best);
  }
  // Nothing could be estimated: the (seasonal) random walk, with drift when allowed.
  const mu = allowConstant && w.length > 0 ? mean(w) : 0;
  let ss = 0;
  for (const v of w) ss += (v - mu) ** 2;
  return {
    kind: 'arima',
    order,
    constant: allowConstant && w.length > 0,
    mu,
    ar: new Float64Array(0),
    ma: new Float64Array(0),
    sar: new Float64Array(0),
    sma: new Float64Array(0),
    sigma2: w.length > 1 ? ss / (w.length - (allowConstant ? 1 : 0)) : 0,
    aicc: Infinity,
    y: series,
    residuals: new Float64Array(w.length),
  };
}

/** Multiplies polynomials given by coefficient arrays (index = power of B). */
function polyMul(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length + b.length - 1);
  for (let i = 0; i < a.length; i++) for (let j = 0; j < b.length; j++) out[i + j] += a[i] * b[j];
  return out;
}

/** Forecasts the differenced series, integrates back, and uses ψ-weights of the full model for intervals. */
export function forecastArima(model: ArimaModel, h: number, levels: readonly number[]): Forecast {
  const { order } = model;
  const m = order.m;
  const phi = expand(model.ar, model.sar, m, -1);
  const theta = expand(model.ma, model.sma, m, 1);
  // The chain of differenced series: y, then D seasonal, then d regular differences.
  const lags: number[] = [];
  for (let i = 0; i < order.D; i++) lags.push(m);
  for (let i = 0; i < order.d; i++) lags.push(1);
  const chain: Float64Array[] = [model.y];
  for (const lag of lags) chain.push(difference(chain[chain.length - 1], lag));
  const w = chain[chain.length - 1];
  const N = w.length;
  const wExt = new Float64Array(N + h);
  wExt.set(w);
  const e = model.residuals;
  for (let i = 0; i < h; i++) {
    const t = N + i;
    let v = model.mu;
    for (let k = 0; k < phi.length; k++) v += phi[k] * ((t - k - 1 >= 0 ? wExt[t - k - 1] : model.mu) - model.mu);
    for (let j = 0; j < theta.length; j++) {
      const s = t - j - 1;
      if (s >= 0 && s < N) v += theta[j] * e[s];
    }
    wExt[t] = v;
  }
  let future = wExt.subarray(N);
  for (let level = lags.length - 1; level >= 0; level--) {
    const base = chain[level];
    const lag = lags[level];
    const ext = new Float64Array(base.length + h);
    ext.set(base);
    for (let i = 0; i < h; i++) ext[base.length + i] = future[i] + ext[base.length + i - lag];
    future = ext.subarray(base.length);
  }
  const meanF = Float64Array.from(future);
  // ψ-weights of the integrated model: AR(B)·(1−B)^d(1−B^m)^D over MA(B).
  let arPoly: Float64Array = new Float64Array(phi.length + 1);
  arPoly[0] = 1;
  for (let k = 0; k < phi.length; k++) arPoly[k + 1] = -phi[k];
  for (const lag of lags) {
    const diff = new Float64Array(lag + 1);
    diff[0] = 1;
    diff[lag] = -1;
    arPoly = polyMul(arPoly, diff);
  }
  const a = new Float64Array(arPoly.length - 1);
  for (let k = 0; k < a.length; k++) a[k] = -arPoly[k + 1];
  const psi = new Float64Array(h);
  psi[0] = 1;
  for (let j = 1; j < h; j++) {
    let v = j <= theta.length ? theta[j - 1] : 0;
    for (let k = 1; k <= Math.min(j, a.length); k++) v += a[k - 1] * psi[j - k];
    psi[j] = v;
  }
  const se = new Float64Array(h);
  let acc = 0;
  for (let i = 0; i < h; i++) {
    acc += psi[i] * psi[i];
    se[i] = Math.sqrt(model.sigma2 * acc);
  }
  return { method: arimaName(model), mean: meanF, intervals: normalIntervals(meanF, se, levels) };
}
