// Seasonal ARIMA with automatic order selection in the manner of forecast::auto.arima (Hyndman &
// Khandakar 2008): differencing by KPSS / seasonal strength, then a stepwise search over
// (p,q)(P,Q) and the constant by AICc. Written by hand: no maintained JS ARIMA exists.
// Deliberate difference from R: parameters are estimated by conditional sum of squares (R's
// method "CSS", which auto.arima itself uses while searching long or monthly series) and the
// exact-likelihood refit is skipped; AR and MA parts are kept stationary / invertible by the
// partial-autocorrelation transform (R's partrans), and fits with a root within 1.01 of the unit
// circle are rejected as auto.arima does. The sums of squares are minimised by Levenberg–Marquardt
// and the stepwise search runs in the WebAssembly kernels (wasm/kernels.ts); this file chooses
// the differencing, builds the model and forecasts.
import { ArimaKernel, type ArimaForm } from '../wasm/kernels.ts';
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
  /** The expanded polynomials: φ(B)Φ(B^m) = 1 − Σphi_k B^(k+1) and θ(B)Θ(B^m) = 1 + Σtheta_k B^(k+1). */
  phi: Float64Array;
  theta: Float64Array;
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

/** The differenced series a form is fitted to, loaded into the kernel. */
interface Differenced {
  y: Float64Array;
  w: Float64Array;
  /** d, D and m (p, q, P, Q are the fitted forms'). */
  order: ArimaOrder;
  kernel: ArimaKernel;
}

/** Differences y and loads the result for fits of forms up to the largest orders given. */
function differencedData(y: Float64Array, order: ArimaOrder, largest: Omit<ArimaForm, 'constant'>): Differenced {
  const w = differenced(y, order.d, order.D, order.m);
  const wMean = mean(w);
  let ss = 0;
  for (const v of w) ss += (v - wMean) ** 2;
  const wSd = Math.sqrt(ss / w.length) || 1;
  return { y, w, order, kernel: new ArimaKernel(w, order.m, wSd, wMean, largest) };
}

/** The model of a fitted form: its coefficients, residuals and innovation variance. */
function modelOf(data: Differenced, form: ArimaForm, raw: Float64Array, aicc: number): ArimaModel {
  const { coefficients, residuals, sse } = data.kernel.residuals(form, data.order.m, raw);
  const { p, q, P, Q, constant } = form;
  return {
    kind: 'arima',
    order: { ...data.order, p, q, P, Q },
    constant,
    mu: coefficients.mu,
    ar: coefficients.ar,
    ma: coefficients.ma,
    sar: coefficients.sar,
    sma: coefficients.sma,
    phi: coefficients.phi,
    theta: coefficients.theta,
    sigma2: sse / (data.w.length - coefficients.phi.length),
    aicc,
    y: data.y,
    residuals,
  };
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
  const form: ArimaForm = { p: order.p, q: order.q, P: order.P, Q: order.Q, constant: constant && order.d + order.D <= 1 };
  const data = differencedData(Float64Array.from(y), order, form);
  const fit = data.kernel.fit(form, [], 1e-8);
  return fit && modelOf(data, form, fit.raw, fit.aicc);
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
 * of the sum of squares (AICc to about 1e-4·N) is ample; the chosen form is refitted to 1e-8.
 */
const SEARCH_TOLERANCE = 1e-4;

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
  const maxP = Math.min(options.maxP ?? 5, Math.floor(n / 3));
  const maxQ = Math.min(options.maxQ ?? 5, Math.floor(n / 3));
  const maxSP = m > 1 ? Math.min(options.maxSeasonalP ?? 2, Math.floor(n / 3 / m)) : 0;
  const maxSQ = m > 1 ? Math.min(options.maxSeasonalQ ?? 2, Math.floor(n / 3 / m)) : 0;
  const allowConstant = d + D <= 1;
  const data = differencedData(series, order, { p: maxP, q: maxQ, P: maxSP, Q: maxSQ });
  const w = data.w;
  const best = w.length >= 3 && !isConstant(w) ? data.kernel.search(options.maxOrder ?? 5, allowConstant, SEARCH_TOLERANCE) : null;
  if (best) return modelOf(data, best.form, best.raw, best.aicc);
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
    phi: new Float64Array(0),
    theta: new Float64Array(0),
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
  const { order, phi, theta } = model;
  const m = order.m;
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
