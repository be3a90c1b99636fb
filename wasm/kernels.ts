// The numeric kernels of forecasting, in AssemblyScript compiled ahead of time to WebAssembly:
// Levenberg–Marquardt and the two likelihoods it minimises (the ETS recursions, ARIMA's
// conditional sum of squares), and auto.arima's stepwise search over ARIMA forms. As JavaScript
// these ran in V8's interpreter for the first series of every run and then cost a third of a
// second of compilation, as much as fitting all 645 M3 yearly series once warm; WebAssembly is
// compiled once, in milliseconds, before the first series. Built by scripts/build-wasm.mjs into
// src/ml/wasm/kernels.wasm.ts; src/ml/wasm/kernels.ts is its typed interface. Nothing here
// allocates (the stub runtime never frees, and the memory from heapStart() is the caller's):
// arrays are f64 (i32 where noted) at byte offsets the caller lays out.

// ---- memory helpers ----

@inline function get(p: usize, i: i32): f64 {
  return load<f64>(p + (<usize>i << 3));
}

@inline function set(p: usize, i: i32, v: f64): void {
  store<f64>(p + (<usize>i << 3), v);
}

@inline function geti(p: usize, i: i32): i32 {
  return load<i32>(p + (<usize>i << 2));
}

/** First free byte after the module's own data, 8-aligned: the caller's arrays start here. */
export function heapStart(): usize {
  return (__heap_base + 7) & ~(<usize>7);
}

// ---- the problem Levenberg–Marquardt is solving (set by etsSetup or arimaSetup) ----

const ETS: i32 = 1;
const ARIMA: i32 = 2;
let problem: i32 = 0;

/** Residuals of the current problem at x into out; false at an infeasible x. */
function residuals(x: usize, out: usize): bool {
  if (problem == ETS) return etsResiduals(x, out);
  return arimaSet(x) && (arimaResiduals(out), true);
}

/** Projects x onto the current problem's bounds (ETS's smoothing parameters; ARIMA has none). */
function project(x: usize): void {
  if (problem == ETS) etsProject(x);
}

// ---- ETS (forecast's etscalc.c; see src/ml/timeseries/ets.ts) ----

const LOWER: f64 = 1e-4;
const UPPER: f64 = 0.9999;
const PHI_LOWER: f64 = 0.8;
const PHI_UPPER: f64 = 0.98;

let yOff: usize = 0;
let yLen: i32 = 0;
let period: i32 = 1;
let multError = false;
let hasTrend = false;
let damped = false;
/** 0 none, 1 additive, 2 multiplicative. */
let seasonType: i32 = 0;
let iBeta: i32 = -1;
let iGamma: i32 = -1;
let iPhi: i32 = -1;
let iLevel: i32 = 1;
let iSlope: i32 = -1;
let iSeason: i32 = -1;
let ringOff: usize = 0;

// Results of the last filter run.
let outLevel: f64 = 0;
let outSlope: f64 = 0;
let outPos: i32 = 0;
let outSse: f64 = 0;
let outSumLogF: f64 = 0;

/** Selects an ETS form over y (n values at y) with a seasonal ring of m values at ring. */
export function etsSetup(y: usize, n: i32, m: i32, mult: bool, trend: bool, damp: bool, season: i32, ring: usize): void {
  problem = ETS;
  yOff = y;
  yLen = n;
  multError = mult;
  hasTrend = trend;
  damped = damp;
  seasonType = season;
  period = season != 0 ? m : 1;
  ringOff = ring;
  let k = 1;
  iBeta = trend ? k++ : -1;
  iGamma = season != 0 ? k++ : -1;
  iPhi = damp ? k++ : -1;
  iLevel = k++;
  iSlope = trend ? k++ : -1;
  iSeason = season != 0 ? k : -1;
}

function etsWithinBounds(par: usize): bool {
  const alpha = get(par, 0);
  if (!(alpha >= LOWER && alpha <= UPPER)) return false;
  if (hasTrend) {
    const beta = get(par, iBeta);
    if (!(beta >= LOWER && beta <= Math.min(alpha, UPPER))) return false;
  }
  if (seasonType != 0) {
    const gamma = get(par, iGamma);
    if (!(gamma >= LOWER && gamma <= Math.min(1 - alpha, UPPER))) return false;
  }
  if (damped) {
    const phi = get(par, iPhi);
    if (!(phi >= PHI_LOWER && phi <= PHI_UPPER)) return false;
  }
  return true;
}

@inline function clamp(v: f64, lo: f64, hi: f64): f64 {
  return v < lo ? lo : v > hi ? hi : v;
}

function etsProject(par: usize): void {
  const alpha = clamp(get(par, 0), LOWER, UPPER);
  set(par, 0, alpha);
  if (hasTrend) set(par, iBeta, clamp(get(par, iBeta), LOWER, Math.min(alpha, UPPER)));
  if (seasonType != 0) set(par, iGamma, clamp(get(par, iGamma), LOWER, Math.min(1 - alpha, UPPER)));
  if (damped) set(par, iPhi, clamp(get(par, iPhi), PHI_LOWER, PHI_UPPER));
}

/**
 * Runs the recursions at par (bounds not checked); one-step errors (relative for M errors) into
 * errors unless it is 0. False when a forecast collapses to ~0 or a state is not finite.
 */
function etsFilter(par: usize, errors: usize): bool {
  const m = period;
  const alpha = get(par, 0);
  const beta = hasTrend ? get(par, iBeta) : 0;
  const gamma = seasonType != 0 ? get(par, iGamma) : 0;
  const phiB = hasTrend ? (damped ? get(par, iPhi) : 1) : 0;
  let l = get(par, iLevel);
  let b = hasTrend ? get(par, iSlope) : 0;
  if (seasonType != 0) {
    // Seasonal states s_0..s_{m−2} (most recent first) fill the ring from its end; the last one
    // makes them sum to 0 (additive) or m (multiplicative).
    let sum: f64 = 0;
    for (let j = 0; j < m - 1; j++) {
      const s = get(par, iSeason + j);
      set(ringOff, m - 1 - j, s);
      sum += s;
    }
    set(ringOff, 0, seasonType == 1 ? -sum : <f64>m - sum);
    if (seasonType == 2) for (let j = 0; j < m; j++) if (!(get(ringOff, j) > 0)) return false;
  }
  const betaStar = hasTrend ? beta / alpha : 0;
  let pos = 0;
  let sse: f64 = 0;
  let sumLogF: f64 = 0;
  // Σlog|f| as the log of running products of eight forecasts: one log per eight steps.
  let prodF: f64 = 1;
  for (let t = 0; t < yLen; t++) {
    const q = l + phiB * b;
    const yt = get(yOff, t);
    let sOld: f64 = 0;
    let f = q;
    if (seasonType == 1) {
      sOld = get(ringOff, pos);
      f = q + sOld;
    } else if (seasonType == 2) {
      sOld = get(ringOff, pos);
      f = q * sOld;
    }
    if (!(Math.abs(f) > 1e-10)) return false;
    const ea = yt - f;
    const e = multError ? ea / f : ea;
    if (errors != 0) set(errors, t, e);
    sse += e * e;
    if (multError) {
      prodF *= f;
      if ((t & 7) == 7 || !(Math.abs(prodF) < 1e200 && Math.abs(prodF) > 1e-200)) {
        sumLogF += Math.log(Math.abs(prodF));
        prodF = 1;
      }
    }
    if (seasonType == 0) {
      // lNew − (l + φb) = α·ea, so the slope update (β/α)(lNew − l − φb) is β·ea.
      l = q + alpha * ea;
      b = phiB * b + beta * ea;
    } else {
      const lNew = seasonType == 1 ? q + alpha * (yt - sOld - q) : q + alpha * (yt / sOld - q);
      b = phiB * b + betaStar * (lNew - l - phiB * b);
      l = lNew;
      set(ringOff, pos, seasonType == 1 ? sOld + gamma * (yt - q - sOld) : sOld + gamma * (yt / q - sOld));
      pos = pos + 1 == m ? 0 : pos + 1;
    }
  }
  if (!isFinite(l) || !isFinite(b)) return false;
  sumLogF += Math.log(Math.abs(prodF));
  outLevel = l;
  outSlope = hasTrend ? b : 0;
  outPos = pos;
  outSse = sse;
  outSumLogF = sumLogF;
  return true;
}

/**
 * The likelihood as residuals: n·log Σr² is forecast's lik when r = e (A errors) or
 * r = e·exp(Σlog|f|/n), the relative error times the geometric mean forecast (M errors).
 */
function etsResiduals(par: usize, out: usize): bool {
  if (!etsWithinBounds(par) || !etsFilter(par, out)) return false;
  if (multError) {
    const scale = Math.exp(outSumLogF / <f64>yLen);
    for (let t = 0; t < yLen; t++) set(out, t, get(out, t) * scale);
  }
  return true;
}

/**
 * Runs the recursions at par and writes what they end in to out: level, slope, the ring index of
 * the oldest seasonal state (the ring holds the final seasons), Σe² and Σlog|f|. False when they
 * break down.
 */
export function etsStates(par: usize, out: usize): bool {
  if (!etsFilter(par, 0)) return false;
  set(out, 0, outLevel);
  set(out, 1, outSlope);
  set(out, 2, <f64>outPos);
  set(out, 3, outSse);
  set(out, 4, outSumLogF);
  return true;
}

/** forecast's lik at par, or Infinity outside the bounds or when the recursions break down. */
export function etsLik(par: usize): f64 {
  if (!etsWithinBounds(par) || !etsFilter(par, 0)) return Infinity;
  const v = <f64>yLen * Math.log(outSse) + (multError ? 2 * outSumLogF : 0);
  return isFinite(v) ? v : Infinity;
}

// ---- ARIMA by conditional sum of squares (see src/ml/timeseries/arima.ts) ----

let wOff: usize = 0;
let wLen: i32 = 0;
let arP: i32 = 0;
let maQ: i32 = 0;
let sarP: i32 = 0;
let smaQ: i32 = 0;
let seasonM: i32 = 1;
let withConstant = false;
let constantScale: f64 = 1;
let nCoef: i32 = 0;
let coefOff: usize = 0;
let phiAtOff: usize = 0;
let nPhiAt: i32 = 0;
let thetaAtOff: usize = 0;
let nThetaAt: i32 = 0;
let mu: f64 = 0;

/**
 * Selects an ARIMA form over the differenced series w (n values). coef holds, in order, ar[p],
 * ma[q], sar[P], sma[Q], φ[p + Pm], θ[q + Qm] and a work row of max(p, q, P, Q); phiAt/thetaAt
 * (i32) list the lags where φ and θ can be non-zero, ascending.
 */
function arimaSetup(
  w: usize, n: i32, p: i32, q: i32, P: i32, Q: i32, m: i32, constant: bool, scale: f64,
  coef: usize, phiAt: usize, nPhi: i32, thetaAt: usize, nTheta: i32,
): void {
  problem = ARIMA;
  wOff = w;
  wLen = n;
  arP = p;
  maQ = q;
  sarP = P;
  smaQ = Q;
  seasonM = m;
  withConstant = constant;
  constantScale = scale;
  nCoef = p + q + P + Q;
  coefOff = coef;
  phiAtOff = phiAt;
  nPhiAt = nPhi;
  thetaAtOff = thetaAt;
  nThetaAt = nTheta;
}

export function arimaMu(): f64 {
  return mu;
}

/** Maps unconstrained values to the coefficients of a stationary AR polynomial (R's partrans). */
function partrans(raw: usize, k: i32, out: usize, work: usize): void {
  for (let j = 0; j < k; j++) set(out, j, Math.tanh(get(raw, j)));
  for (let j = 1; j < k; j++) {
    const a = get(out, j);
    for (let i = 0; i < j; i++) set(work, i, get(out, i) - a * get(out, j - i - 1));
    for (let i = 0; i < j; i++) set(out, i, get(work, i));
  }
}

/** (1 − Σa_i Bⁱ)(1 − Σb_j B^{jm}) (sign −1) or the MA form with + signs (sign +1), into out. */
function expand(a: usize, na: i32, b: usize, nb: i32, m: i32, sign: f64, out: usize): void {
  const len = na + nb * m;
  for (let i = 0; i < len; i++) set(out, i, 0);
  for (let i = 0; i < na; i++) set(out, i, get(out, i) + get(a, i));
  for (let j = 0; j < nb; j++) {
    const bj = get(b, j);
    set(out, (j + 1) * m - 1, get(out, (j + 1) * m - 1) + bj);
    // Cross terms at lag i + (j + 1)m: +a_i·b_j for MA, −a_i·b_j for AR.
    for (let i = 0; i < na; i++) set(out, i + (j + 1) * m, get(out, i + (j + 1) * m) + sign * get(a, i) * bj);
  }
}

/**
 * Sets the coefficients (ar, ma, sar, sma, φ, θ in coef; μ) from the optimiser's unconstrained
 * parameters x; false when a coefficient parameter leaves the box |x| ≤ 8.
 */
function arimaSet(x: usize): bool {
  for (let i = 0; i < nCoef; i++) if (Math.abs(get(x, i)) > 8) return false;
  const ar = coefOff;
  const ma = ar + (<usize>arP << 3);
  const sar = ma + (<usize>maQ << 3);
  const sma = sar + (<usize>sarP << 3);
  const phi = sma + (<usize>smaQ << 3);
  const theta = phi + (<usize>(arP + sarP * seasonM) << 3);
  const work = theta + (<usize>(maQ + smaQ * seasonM) << 3);
  partrans(x, arP, ar, work);
  partrans(x + (<usize>arP << 3), maQ, ma, work);
  for (let j = 0; j < maQ; j++) set(ma, j, -get(ma, j));
  partrans(x + (<usize>(arP + maQ) << 3), sarP, sar, work);
  partrans(x + (<usize>(arP + maQ + sarP) << 3), smaQ, sma, work);
  for (let j = 0; j < smaQ; j++) set(sma, j, -get(sma, j));
  mu = withConstant ? get(x, nCoef) * constantScale : 0;
  expand(ar, arP, sar, sarP, seasonM, -1, phi);
  expand(ma, maQ, sma, smaQ, seasonM, 1, theta);
  return true;
}

/** True when every root of 1 − Σc_k z^k (c = sign·v) lies outside the circle of radius r (step-down test). */
function rootsOutside(v: usize, k: i32, sign: f64, r: f64, work: usize): bool {
  let a = work;
  let next = work + (<usize>k << 3);
  let scale = r;
  for (let i = 0; i < k; i++) {
    set(a, i, sign * get(v, i) * scale);
    scale *= r;
  }
  for (let len = k; len >= 1; len--) {
    const c = get(a, len - 1);
    if (!(Math.abs(c) < 1)) return false;
    for (let j = 0; j < len - 1; j++) set(next, j, (get(a, j) + c * get(a, len - 2 - j)) / (1 - c * c));
    const swap = a;
    a = next;
    next = swap;
  }
  return true;
}

/**
 * Whether the current AR and MA polynomials have all roots outside radius 1.01 (auto.arima
 * rejects fits closer to the unit circle). work holds 2·max(len φ, len θ) values.
 */
function arimaRootsOutside(work: usize): bool {
  const phi = coefOff + (<usize>(arP + maQ + sarP + smaQ) << 3);
  const theta = phi + (<usize>(arP + sarP * seasonM) << 3);
  return rootsOutside(phi, arP + sarP * seasonM, 1, 1.01, work) && rootsOutside(theta, maQ + smaQ * seasonM, -1, 1.01, work);
}

/**
 * CSS residuals of w − μ under the current φ and θ into e (the first p + Pm are 0: the values
 * conditioned on); returns their sum of squares.
 */
function arimaResiduals(e: usize): f64 {
  const phi = coefOff + (<usize>(arP + maQ + sarP + smaQ) << 3);
  const theta = phi + (<usize>(arP + sarP * seasonM) << 3);
  const p = arP + sarP * seasonM;
  const maLags = nThetaAt > 0 ? geti(thetaAtOff, nThetaAt - 1) + 1 : 0;
  let sse: f64 = 0;
  for (let t = 0; t < min(p, wLen); t++) set(e, t, 0);
  for (let t = p; t < wLen; t++) {
    let v = get(wOff, t) - mu;
    for (let a = 0; a < nPhiAt; a++) {
      const k = geti(phiAtOff, a);
      v -= get(phi, k) * (get(wOff, t - k - 1) - mu);
    }
    for (let b = 0; b < nThetaAt; b++) {
      const j = geti(thetaAtOff, b);
      if (t < maLags && j >= t) break;
      v -= get(theta, j) * get(e, t - j - 1);
    }
    set(e, t, v);
    sse += v * v;
  }
  return sse;
}

// ---- auto.arima's stepwise search (see autoArima in src/ml/timeseries/arima.ts) ----

let seriesMean: f64 = 0;
let maxP: i32 = 0;
let maxQ: i32 = 0;
let maxSP: i32 = 0;
let maxSQ: i32 = 0;
// Scratch rows of the search, laid out by arimaLoad.
let sCoef: usize = 0;
let sPhiAt: usize = 0;
let sThetaAt: usize = 0;
let sX: usize = 0;
let sBest: usize = 0;
let sRoots: usize = 0;
let sTried: usize = 0;
let sWs: usize = 0;
// The best form so far.
let bestP: i32 = -1;
let bestQ: i32 = 0;
let bestSP: i32 = 0;
let bestSQ: i32 = 0;
let bestConstant = false;
let bestAicc: f64 = Infinity;

/** Size of the table of forms tried (p, q, P, Q, constant) for the largest orders. */
function formsCount(p: i32, q: i32, P: i32, Q: i32): i32 {
  return (p + 1) * (q + 1) * (P + 1) * (Q + 1) * 2;
}

function triedCount(): i32 {
  return formsCount(maxP, maxQ, maxSP, maxSQ);
}

/** Bytes of scratch arimaLoad needs for n values, period m and the largest orders. */
export function arimaScratchBytes(n: i32, m: i32, p: i32, q: i32, P: i32, Q: i32): usize {
  const k = p + q + P + Q + 1;
  const lags = max(p + P * m, q + Q * m) + 1;
  const f64s = 3 * k + (P + Q) * m + 8 + 3 * k + 2 * lags;
  const i32s = 2 * lags;
  return (<usize>f64s << 3) + (<usize>i32s << 2) + <usize>formsCount(p, q, P, Q) + 8 + workspaceBytes(k, n);
}

/**
 * Loads a differenced series (n values at w, period m) for fits of forms up to the given orders;
 * scale is sd(w), the constant parameter's unit, and mean its mean.
 */
export function arimaLoad(w: usize, n: i32, m: i32, scale: f64, mean: f64, p: i32, q: i32, P: i32, Q: i32, scratch: usize): void {
  maxP = p;
  maxQ = q;
  maxSP = P;
  maxSQ = Q;
  wOff = w;
  wLen = n;
  seasonM = m;
  constantScale = scale;
  seriesMean = mean;
  const k = p + q + P + Q + 1;
  const lags = max(p + P * m, q + Q * m) + 1;
  sCoef = scratch;
  sX = sCoef + (<usize>(3 * k + (P + Q) * m + 8) << 3);
  sBest = sX + (<usize>k << 3);
  sRoots = sBest + (<usize>(2 * k) << 3);
  sPhiAt = sRoots + (<usize>(2 * lags) << 3);
  sThetaAt = sPhiAt + (<usize>lags << 2);
  sTried = sThetaAt + (<usize>lags << 2);
  sWs = (sTried + <usize>triedCount() + 7) & ~(<usize>7);
}

/** Lags where the expanded polynomial of orders (k, K) at period m can be non-zero, into at; returns their count. */
function lagList(k: i32, K: i32, m: i32, at: usize): i32 {
  let count = 0;
  const len = k + K * m;
  for (let lag = 0; lag < len; lag++) {
    let used = lag < k;
    for (let j = 0; j < K && !used; j++) {
      const i = lag - (j + 1) * m; // cross term a_i·b_j, i = −1 for b_j alone
      used = i >= -1 && i < k;
    }
    if (used) {
      store<i32>(at + (<usize>count << 2), lag);
      count++;
    }
  }
  return count;
}

/** Selects a form over the loaded series. */
function selectForm(p: i32, q: i32, P: i32, Q: i32, constant: bool): void {
  const nPhi = lagList(p, P, seasonM, sPhiAt);
  const nTheta = lagList(q, Q, seasonM, sThetaAt);
  arimaSetup(wOff, wLen, p, q, P, Q, seasonM, constant, constantScale, sCoef, sPhiAt, nPhi, sThetaAt, nTheta);
}

/**
 * Fits a form from the parameters at sX (updated in place) to relative tolerance relTol; returns
 * its AICc, Infinity when it cannot be estimated or has a root within 1.01 of the unit circle.
 */
function fitForm(p: i32, q: i32, P: i32, Q: i32, constant: bool, relTol: f64): f64 {
  const N = wLen;
  const pFull = p + P * seasonM;
  const nPar = p + q + P + Q + (constant ? 1 : 0);
  const k = nPar + 1;
  if (N - pFull <= k || N - k - 1 <= 0) return Infinity;
  selectForm(p, q, P, Q, constant);
  const sse = minimise(sX, nPar, N, sWs, 100, relTol);
  if (!isFinite(sse) || !arimaSet(sX) || !arimaRootsOutside(sRoots)) return Infinity;
  const sigma2 = sse / <f64>(N - pFull);
  if (!isFinite(sigma2)) return Infinity;
  const aic = <f64>N * Math.log(Math.max(sigma2, 1e-300)) + 2 * <f64>k;
  return aic + (2 * <f64>k * <f64>(k + 1)) / <f64>(N - k - 1);
}

/** Fits one form from the start values at start (NaN: the default) to relTol; returns its AICc. */
export function arimaFit(p: i32, q: i32, P: i32, Q: i32, constant: bool, start: usize, relTol: f64): f64 {
  const nCoefs = p + q + P + Q;
  for (let i = 0; i < nCoefs; i++) {
    const v = get(start, i);
    set(sX, i, isNaN(v) ? 0 : v);
  }
  if (constant) {
    const v = get(start, nCoefs);
    set(sX, nCoefs, isNaN(v) ? seriesMean / constantScale : v);
  }
  return fitForm(p, q, P, Q, constant, relTol);
}

/** The parameters the last fit reached. */
export function arimaFitted(): usize {
  return sX;
}

/**
 * Starting values for a neighbour of the best form: its shared coefficients (in the optimiser's
 * partial-autocorrelation space, where an added last coefficient of 0 leaves the polynomial as it
 * was) and its constant; new coefficients start at 0, a new constant at mean/sd.
 */
function warmStart(p: i32, q: i32, P: i32, Q: i32, constant: bool): void {
  let from = sBest;
  let to = sX;
  from = copyBlock(from, bestP, to, p);
  to += <usize>p << 3;
  from = copyBlock(from, bestQ, to, q);
  to += <usize>q << 3;
  from = copyBlock(from, bestSP, to, P);
  to += <usize>P << 3;
  from = copyBlock(from, bestSQ, to, Q);
  to += <usize>Q << 3;
  if (constant) set(to, 0, bestConstant ? get(from, 0) : seriesMean / constantScale);
}

/** Copies a block of `had` coefficients into one of `has` (zero-padded); returns the next source block. */
function copyBlock(from: usize, had: i32, to: usize, has: i32): usize {
  for (let i = 0; i < has; i++) set(to, i, i < had ? get(from, i) : 0);
  return from + (<usize>had << 3);
}

/** Tries a form once; true when it becomes the best. */
function attempt(p: i32, q: i32, P: i32, Q: i32, constant: bool, warm: bool, allowConstant: bool, maxOrder: i32, relTol: f64): bool {
  if (p < 0 || q < 0 || P < 0 || Q < 0) return false;
  if (p > maxP || q > maxQ || P > maxSP || Q > maxSQ || p + q + P + Q > maxOrder) return false;
  if (constant && !allowConstant) return false;
  const key = ((((p * (maxQ + 1) + q) * (maxSP + 1) + P) * (maxSQ + 1) + Q) << 1) + (constant ? 1 : 0);
  if (load<u8>(sTried + <usize>key) != 0) return false;
  store<u8>(sTried + <usize>key, 1);
  if (warm) warmStart(p, q, P, Q, constant);
  else {
    const nCoefs = p + q + P + Q;
    for (let i = 0; i < nCoefs; i++) set(sX, i, 0);
    if (constant) set(sX, nCoefs, seriesMean / constantScale);
  }
  const aicc = fitForm(p, q, P, Q, constant, relTol);
  if (!(aicc < bestAicc)) return false;
  bestAicc = aicc;
  bestP = p;
  bestQ = q;
  bestSP = P;
  bestSQ = Q;
  bestConstant = constant;
  memory.copy(sBest, sX, <usize>(p + q + P + Q + (constant ? 1 : 0)) << 3);
  return true;
}

/** The search's moves (Δp, Δq, ΔP, ΔQ): seasonal ones first, then non-seasonal, as forecast's. */
const MOVES: StaticArray<i32> = [
  0, 0, -1, 0, 0, 0, 0, -1, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, -1, -1, 0, 0, -1, 1, 0, 0, 1, -1, 0, 0, 1, 1,
  -1, 0, 0, 0, 0, -1, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, -1, -1, 0, 0, -1, 1, 0, 0, 1, -1, 0, 0, 1, 1, 0, 0,
];

/**
 * auto.arima's stepwise search over the loaded series (Hyndman & Khandakar 2008): four starting
 * forms (and no constant), then moves of p, q, P, Q by ±1 from the best form while one improves
 * the AICc, then the constant toggled. Forms are fitted loosely (searchTol) from the best form's
 * estimates, the winner refitted to 1e-8. Returns the winner's AICc (Infinity when no form could
 * be estimated); its orders p, q, P, Q and constant (1 or 0) go to out, its parameters to
 * arimaFitted().
 */
export function arimaSearch(maxOrder: i32, allowConstant: bool, searchTol: f64, out: usize): f64 {
  memory.fill(sTried, 0, <usize>triedCount());
  bestP = -1;
  bestAicc = Infinity;
  const c = allowConstant;
  attempt(min(2, maxP), min(2, maxQ), min(1, maxSP), min(1, maxSQ), c, false, allowConstant, maxOrder, searchTol);
  attempt(0, 0, 0, 0, c, false, allowConstant, maxOrder, searchTol);
  attempt(min(1, maxP), 0, min(1, maxSP), 0, c, false, allowConstant, maxOrder, searchTol);
  attempt(0, min(1, maxQ), 0, min(1, maxSQ), c, false, allowConstant, maxOrder, searchTol);
  if (c) attempt(0, 0, 0, 0, false, false, allowConstant, maxOrder, searchTol);
  for (let round = 0; round < 94 && bestP >= 0; round++) {
    const p = bestP;
    const q = bestQ;
    const P = bestSP;
    const Q = bestSQ;
    const constant = bestConstant;
    let improved = false;
    for (let i = 0; i < 64 && !improved; i += 4) {
      improved = attempt(p + unchecked(MOVES[i]), q + unchecked(MOVES[i + 1]), P + unchecked(MOVES[i + 2]), Q + unchecked(MOVES[i + 3]), constant, true, allowConstant, maxOrder, searchTol);
    }
    if (!improved && allowConstant) improved = attempt(p, q, P, Q, !constant, true, allowConstant, maxOrder, searchTol);
    if (!improved) break;
  }
  if (bestP < 0) return Infinity;
  // Refit the winner from its estimates to R's tolerance; keep it if no worse.
  const n = bestP + bestQ + bestSP + bestSQ + (bestConstant ? 1 : 0);
  memory.copy(sX, sBest, <usize>n << 3);
  const refit = fitForm(bestP, bestQ, bestSP, bestSQ, bestConstant, 1e-8);
  if (refit <= bestAicc) {
    bestAicc = refit;
    memory.copy(sBest, sX, <usize>n << 3);
  }
  memory.copy(sX, sBest, <usize>n << 3);
  set(out, 0, <f64>bestP);
  set(out, 1, <f64>bestQ);
  set(out, 2, <f64>bestSP);
  set(out, 3, <f64>bestSQ);
  set(out, 4, bestConstant ? 1 : 0);
  return bestAicc;
}

/**
 * Coefficients and CSS residuals (into e) of a form at the parameters at raw; returns the sum of
 * squares. The coefficients are then at arimaCoefficients(): ar, ma, sar, sma, φ, θ.
 */
export function arimaModel(p: i32, q: i32, P: i32, Q: i32, constant: bool, raw: usize, e: usize): f64 {
  selectForm(p, q, P, Q, constant);
  arimaSet(raw);
  return arimaResiduals(e);
}

export function arimaCoefficients(): usize {
  return sCoef;
}

// ---- Levenberg–Marquardt (see minimise in src/ml/wasm/kernels.ts for the contract) ----

function sumOfSquares(r: usize, m: i32): f64 {
  let s: f64 = 0;
  for (let t = 0; t < m; t++) s += get(r, t) * get(r, t);
  return isFinite(s) ? s : Infinity;
}

/** Solves A·s = b for symmetric positive definite A (n×n, overwritten by its Cholesky factor). */
function solveCholesky(a: usize, b: usize, s: usize, n: i32): bool {
  for (let j = 0; j < n; j++) {
    let d = get(a, j * n + j);
    for (let k = 0; k < j; k++) d -= get(a, j * n + k) * get(a, j * n + k);
    if (!(d > 0)) return false;
    d = Math.sqrt(d);
    set(a, j * n + j, d);
    for (let i = j + 1; i < n; i++) {
      let v = get(a, i * n + j);
      for (let k = 0; k < j; k++) v -= get(a, i * n + k) * get(a, j * n + k);
      set(a, i * n + j, v / d);
    }
  }
  for (let i = 0; i < n; i++) {
    let v = get(b, i);
    for (let k = 0; k < i; k++) v -= get(a, i * n + k) * get(s, k);
    set(s, i, v / get(a, i * n + i));
  }
  for (let i = n - 1; i >= 0; i--) {
    let v = get(s, i);
    for (let k = i + 1; k < n; k++) v -= get(a, k * n + i) * get(s, k);
    set(s, i, v / get(a, i * n + i));
  }
  return true;
}

// Workspace rows, laid out by minimise() from its ws pointer.
let R: usize = 0;
let RProbe: usize = 0;
let Jac: usize = 0;
let Probe: usize = 0;
let A: usize = 0;
let Chol: usize = 0;
let G: usize = 0;
let Rhs: usize = 0;
let Step: usize = 0;
let Free: usize = 0;

/** Bytes of workspace minimise() needs for n parameters and m residuals. */
export function workspaceBytes(n: i32, m: i32): usize {
  return <usize>(2 * m + n * m + 2 * n * n + 5 * n) << 3;
}

/**
 * The damped step δ from (A + λ·diag(A)) δ = g into Step and the trial point project(x − δ) into
 * Probe. Parameters on a bound that the step would push outwards are held there and the rest
 * re-solved (an active set), so that one bound does not stall the others.
 */
function projectedStep(lambda: f64, x: usize, n: i32): bool {
  for (let i = 0; i < n; i++) set(Free, i, 1);
  for (let pass = 0; pass <= n; pass++) {
    for (let i = 0; i < n; i++) {
      const fi = get(Free, i) != 0;
      for (let j = 0; j < n; j++) set(Chol, i * n + j, fi && get(Free, j) != 0 ? get(A, i * n + j) : 0);
      const d = get(A, i * n + i);
      set(Chol, i * n + i, fi ? d + lambda * Math.max(d, 1e-12) : 1);
      set(Rhs, i, fi ? get(G, i) : 0);
    }
    if (!solveCholesky(Chol, Rhs, Step, n)) return false;
    for (let i = 0; i < n; i++) set(Probe, i, get(x, i) - get(Step, i));
    if (problem != ETS) return true;
    project(Probe);
    let held = false;
    for (let i = 0; i < n; i++) {
      const xi = get(x, i);
      if (get(Free, i) != 0 && get(Step, i) != 0 && Math.abs(get(Probe, i) - xi) <= 1e-12 * (1 + Math.abs(xi))) {
        set(Free, i, 0);
        held = true;
      }
    }
    if (!held) return true;
  }
  return true;
}

/** Forward differences (backward where the forward point is infeasible); false when neither works. */
function jacobian(x: usize, n: i32, m: i32): bool {
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) set(Probe, i, get(x, i));
    const xj = get(x, j);
    let h = 1.5e-8 * Math.max(1, Math.abs(xj));
    set(Probe, j, xj + h);
    if (!residuals(Probe, RProbe)) {
      h = -h;
      set(Probe, j, xj + h);
      if (!residuals(Probe, RProbe)) return false;
    }
    const col = Jac + (<usize>(j * m) << 3);
    for (let t = 0; t < m; t++) set(col, t, (get(RProbe, t) - get(R, t)) / h);
  }
  return true;
}

/**
 * Minimises the current problem's sum of squared residuals from x (n parameters, updated in place;
 * m residuals) by Levenberg–Marquardt with Marquardt's scaling and Nielsen's damping update. Stops
 * when a full Gauss–Newton step would gain less than relTol of the sum, when an accepted step
 * gains less than that, or after maxIter iterations. Returns the sum of squares (Infinity at an
 * infeasible start).
 */
export function minimise(x: usize, n: i32, m: i32, ws: usize, maxIter: i32, relTol: f64): f64 {
  R = ws;
  RProbe = R + (<usize>m << 3);
  Jac = RProbe + (<usize>m << 3);
  Probe = Jac + (<usize>(n * m) << 3);
  A = Probe + (<usize>n << 3);
  Chol = A + (<usize>(n * n) << 3);
  G = Chol + (<usize>(n * n) << 3);
  Rhs = G + (<usize>n << 3);
  Step = Rhs + (<usize>n << 3);
  Free = Step + (<usize>n << 3);
  if (!residuals(x, R)) return Infinity;
  let f = sumOfSquares(R, m);
  if (n == 0 || !isFinite(f)) return f;
  let lambda: f64 = 1e-3; // dimensionless: it scales diag(JᵀJ)
  let nu: f64 = 2;
  let iter = 0;
  for (; iter < maxIter; iter++) {
    if (!jacobian(x, n, m)) break;
    // Normal equations JᵀJ and the gradient Jᵀr (column j of Jac holds ∂r/∂x_j).
    for (let i = 0; i < n; i++) {
      const ci = Jac + (<usize>(i * m) << 3);
      let gi: f64 = 0;
      for (let t = 0; t < m; t++) gi += get(ci, t) * get(R, t);
      set(G, i, gi);
      for (let j = 0; j <= i; j++) {
        const cj = Jac + (<usize>(j * m) << 3);
        let s: f64 = 0;
        for (let t = 0; t < m; t++) s += get(ci, t) * get(cj, t);
        set(A, i * n + j, s);
        set(A, j * n + i, s);
      }
    }
    // Converged when even the undamped Gauss–Newton step promises less than relTol of the sum.
    if (projectedStep(1e-10, x, n)) {
      let decrement: f64 = 0;
      for (let i = 0; i < n; i++) decrement += get(G, i) * get(Step, i);
      if (decrement <= relTol * (f + relTol)) break;
    }
    let accepted = false;
    let stalled = false;
    while (!accepted && lambda < 1e30) {
      if (!projectedStep(lambda, x, n)) {
        lambda *= nu;
        nu *= 2;
        continue;
      }
      // The decrease the linear model promises for the step d = Probe − x: −2gᵀd − dᵀ(JᵀJ)d.
      let predicted: f64 = 0;
      for (let i = 0; i < n; i++) {
        const di = get(Probe, i) - get(x, i);
        let ad: f64 = 0;
        for (let j = 0; j < n; j++) ad += get(A, i * n + j) * (get(Probe, j) - get(x, j));
        predicted -= di * (2 * get(G, i) + ad);
      }
      const fNew = residuals(Probe, RProbe) ? sumOfSquares(RProbe, m) : Infinity;
      if (fNew < f) {
        const rho = (f - fNew) / Math.max(predicted, 1e-300);
        stalled = f - fNew <= relTol * (fNew + relTol);
        for (let i = 0; i < n; i++) set(x, i, get(Probe, i));
        for (let t = 0; t < m; t++) set(R, t, get(RProbe, t));
        f = fNew;
        const c = 2 * rho - 1;
        lambda *= Math.max(1.0 / 3, 1 - c * c * c);
        nu = 2;
        accepted = true;
      } else {
        lambda *= nu;
        nu *= 2;
      }
    }
    if (!accepted || stalled) break;
  }
  return f;
}
