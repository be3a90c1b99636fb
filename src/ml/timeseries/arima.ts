// Seasonal ARIMA with automatic order selection in the manner of forecast::auto.arima (Hyndman &
// Khandakar 2008): differencing by KPSS / seasonal strength, then a stepwise search over
// (p,q)(P,Q) and the constant by AICc. Written by hand: no maintained JS ARIMA exists.
// Deliberate difference from R: parameters are estimated by conditional sum of squares (R's
// method "CSS", which auto.arima itself uses while searching long or monthly series) and the
// exact-likelihood refit is skipped; AR and MA parts are kept stationary / invertible by the
// partial-autocorrelation transform (R's partrans), and fits with a root within 1.01 of the unit
// circle are rejected as auto.arima does. This makes a whole M3 set fit in seconds.
import { nelderMead } from './optim.ts';
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
function partrans(raw: ArrayLike<number>, from: number, p: number, out: Float64Array, work = new Float64Array(p)): void {
  for (let j = 0; j < p; j++) out[j] = Math.tanh(raw[from + j]);
  for (let j = 1; j < p; j++) {
    const a = out[j];
    for (let k = 0; k < j; k++) work[k] = out[k] - a * out[j - k - 1];
    for (let k = 0; k < j; k++) out[k] = work[k];
  }
}

/** Multiplies (1 − Σa_i Bⁱ)(1 − Σb_j B^{jm}) (sign = −1) or the MA form with + signs (sign = +1). */
function expand(a: Float64Array, b: Float64Array, m: number, sign: 1 | -1, out = new Float64Array(a.length + b.length * m)): Float64Array {
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
  for (let k = a.length; k >= 1; k--) {
    const r = a[k - 1];
    if (!(Math.abs(r) < 1)) return false;
    const next = new Float64Array(k - 1);
    for (let j = 0; j < k - 1; j++) next[j] = (a[j] + r * a[k - 2 - j]) / (1 - r * r);
    a = next;
  }
  return true;
}

/**
 * Where the expanded polynomial of expand(a, b, m) can be non-zero: lags of a, of b·m and their
 * cross terms. Seasonal models are mostly zeros (29 slots, ≤ 8 used for p = 2, P = 2, m = 12), so
 * the residual recursion visits only these.
 */
function structuralIndices(p: number, P: number, m: number): Int32Array {
  const set = new Set<number>();
  for (let i = 0; i < p; i++) set.add(i);
  for (let j = 0; j < P; j++) for (let i = -1; i < p; i++) set.add(i + (j + 1) * m);
  return Int32Array.from([...set].sort((x, y) => x - y));
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

/** Optimiser settings: the search fits loosely, the chosen model is refitted from there. */
interface Precision {
  relTol: number;
  /** Unconstrained starting parameters (absent or NaN: zeros and the sample mean). */
  start?: Float64Array;
}

interface Fit {
  model: ArimaModel;
  /** The optimiser's unconstrained parameters, to restart from. */
  raw: Float64Array;
}

/** Fits one ARIMA form to the already differenced series w; null when it cannot be estimated. */
function fitDifferenced(y: Float64Array, w: Float64Array, order: ArimaOrder, spec: Spec, precision: Precision = { relTol: 1e-8 }): Fit | null {
  const { p, q, P, Q, constant } = spec;
  const m = order.m;
  const N = w.length;
  const pFull = p + P * m;
  const nCoef = p + q + P + Q;
  const k = nCoef + (constant ? 1 : 0) + 1;
  if (N - pFull <= k || N - k - 1 <= 0) return null;
  const ar = new Float64Array(p);
  const ma = new Float64Array(q);
  const sar = new Float64Array(P);
  const sma = new Float64Array(Q);
  const e = new Float64Array(N);
  const wMean = mean(w);
  let wSd = 0;
  for (const v of w) wSd += (v - wMean) ** 2;
  wSd = Math.sqrt(wSd / N) || 1;
  const work = new Float64Array(Math.max(p, q, P, Q));
  const phiBuf = new Float64Array(p + P * m);
  const thetaBuf = new Float64Array(q + Q * m);
  const phiAt = structuralIndices(p, P, m);
  const thetaAt = structuralIndices(q, Q, m);
  const unpack = (x: ArrayLike<number>) => {
    partrans(x, 0, p, ar, work);
    partrans(x, p, q, ma, work);
    for (let j = 0; j < q; j++) ma[j] = -ma[j];
    partrans(x, p + q, P, sar, work);
    partrans(x, p + q + P, Q, sma, work);
    for (let j = 0; j < Q; j++) sma[j] = -sma[j];
    return constant ? x[nCoef] * wSd : 0;
  };
  const sseAt = (x: ArrayLike<number>): number => {
    for (let i = 0; i < nCoef; i++) if (Math.abs(x[i]) > 8) return Infinity;
    const mu = unpack(x);
    return cssResiduals(w, mu, expand(ar, sar, m, -1, phiBuf), phiAt, expand(ma, sma, m, 1, thetaBuf), thetaAt, e);
  };
  const start = new Float64Array(nCoef + (constant ? 1 : 0));
  if (constant) start[nCoef] = wMean / wSd;
  // NaN in the given start means "no value": keep the default there.
  precision.start?.forEach((v, i) => {
    if (!Number.isNaN(v)) start[i] = v;
  });
  let best: Float64Array = start;
  if (start.length > 0) {
    const steps = Float64Array.from(start, () => 0.1);
    best = nelderMead(sseAt, start, { steps, maxIter: 200 * start.length, relTol: precision.relTol }).x;
  }
  const mu = unpack(best);
  const phi = expand(ar, sar, m, -1);
  const theta = expand(ma, sma, m, 1);
  // auto.arima rejects fits with AR or MA roots within 1.01 of the unit circle.
  if (!rootsOutside(phi, 1.01) || !rootsOutside(Float64Array.from(theta, (v) => -v), 1.01)) return null;
  const sse = cssResiduals(w, mu, phi, phiAt, theta, thetaAt, e);
  const sigma2 = sse / (N - pFull);
  if (!Number.isFinite(sigma2)) return null;
  const logSigma = Math.log(Math.max(sigma2, 1e-300));
  const aic = N * logSigma + 2 * k;
  const model: ArimaModel = {
    kind: 'arima',
    order: { ...order, p, q, P, Q },
    constant,
    mu,
    ar: Float64Array.from(ar),
    ma: Float64Array.from(ma),
    sar: Float64Array.from(sar),
    sma: Float64Array.from(sma),
    sigma2,
    aicc: aic + (2 * k * (k + 1)) / (N - k - 1),
    y,
    residuals: e,
  };
  return { model, raw: best };
}

/**
 * Starting values for a neighbour of a fitted form: its shared coefficients (in the optimiser's
 * partial-autocorrelation space, where an added last coefficient of 0 leaves the polynomial as it
 * was) and its constant; new coefficients start at 0, a new constant at the default (NaN here).
 */
function warmStart(parent: Fit, s: Spec): Float64Array {
  const o = parent.model.order;
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
  if (s.constant) out[nTo] = parent.model.constant ? parent.raw[nFrom] : NaN;
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
  const series = Float64Array.from(y);
  const w = differenced(series, order.d, order.D, order.m);
  return fitDifferenced(series, w, order, { p: order.p, q: order.q, P: order.P, Q: order.Q, constant: constant && order.d + order.D <= 1 })?.model ?? null;
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
 * The search only ranks forms by AICc: stopping when the simplex's sums of squares agree to 1e-4
 * (AICc to about 1e-4·N) is ample, and needs half the evaluations of R's 1e-8, to which the chosen
 * form is refitted. Each neighbour also starts from the current best's estimates (warmStart),
 * which saves another third.
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
  const w = differenced(series, d, D, m);
  const order: ArimaOrder = { p: 0, d, q: 0, P: 0, D, Q: 0, m };
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
    const fit = w.length >= 3 && !isConstant(w) ? fitDifferenced(series, w, order, s, precision) : null;
    tried.set(key, fit);
    if (fit && (!best || fit.model.aicc < best.model.aicc)) {
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
    const cur: ArimaModel = best.model;
    const s: Spec = { p: cur.order.p, q: cur.order.q, P: cur.order.P, Q: cur.order.Q, constant: cur.constant };
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
    const { model, raw } = best;
    const spec: Spec = { p: model.order.p, q: model.order.q, P: model.order.P, Q: model.order.Q, constant: model.constant };
    const refit = fitDifferenced(series, w, order, spec, { relTol: 1e-8, start: raw });
    return refit && refit.model.aicc <= model.aicc ? refit.model : model;
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
