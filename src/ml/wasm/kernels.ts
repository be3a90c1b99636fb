// Typed access to the WebAssembly forecasting kernels (source: wasm/kernels.ts): the ETS
// likelihood and recursions, ARIMA's coefficients, conditional sum of squares and auto.arima's
// stepwise search, and the Levenberg–Marquardt minimiser over either likelihood. Arrays live in
// the module's memory, laid out by a bump allocator that each fit resets (fits run one at a time,
// synchronously: none of this is re-entered).
import { KERNELS_WASM } from './kernels.wasm.ts';

// The WebAssembly global, as far as used here (this project's TypeScript libs carry no DOM types).
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: object };
};

interface Exports {
  memory: { buffer: ArrayBuffer; grow(pages: number): number };
  heapStart(): number;
  workspaceBytes(n: number, m: number): number;
  minimise(x: number, n: number, m: number, ws: number, maxIter: number, relTol: number): number;
  etsSetup(y: number, n: number, m: number, mult: boolean, trend: boolean, damped: boolean, season: number, ring: number): void;
  etsStates(par: number, out: number): boolean;
  etsLik(par: number): number;
  arimaScratchBytes(n: number, m: number, p: number, q: number, P: number, Q: number): number;
  arimaLoad(w: number, n: number, m: number, scale: number, mean: number, p: number, q: number, P: number, Q: number, scratch: number): void;
  arimaFit(p: number, q: number, P: number, Q: number, constant: boolean, start: number, relTol: number): number;
  arimaFitted(): number;
  arimaSearch(maxOrder: number, allowConstant: boolean, searchTol: number, out: number): number;
  arimaModel(p: number, q: number, P: number, Q: number, constant: boolean, raw: number, e: number): number;
  arimaCoefficients(): number;
  arimaMu(): number;
}

const wasm = new WebAssembly.Instance(new WebAssembly.Module(Buffer.from(KERNELS_WASM, 'base64')), {
  env: {
    abort: () => {
      throw new Error('forecasting kernel aborted');
    },
  },
}).exports as unknown as Exports;

const PAGE = 65536;
let top = wasm.heapStart();
/** A view of the whole memory (replaced when the memory grows, which detaches the old one). */
let heap = new Float64Array(wasm.memory.buffer);

/** Starts a fit: everything allocated by the previous one is released. */
function release(): void {
  top = wasm.heapStart();
}

/** Reserves bytes (8-aligned), growing the memory when needed; returns the byte offset. */
function reserve(bytes: number): number {
  const at = (top + 7) & ~7;
  top = at + bytes;
  const short = top - wasm.memory.buffer.byteLength;
  if (short > 0) {
    wasm.memory.grow(Math.ceil(short / PAGE));
    heap = new Float64Array(wasm.memory.buffer);
  }
  return at;
}

function copyIn(values: ArrayLike<number>): number {
  const at = reserve(8 * values.length);
  heap.set(values, at >> 3);
  return at;
}

function copyOut(at: number, length: number): Float64Array {
  return heap.slice(at >> 3, (at >> 3) + length);
}

export type SeasonKind = 'N' | 'A' | 'M';

export interface EtsFormSpec {
  /** Seasonal period (ignored without a season). */
  m: number;
  multError: boolean;
  trend: boolean;
  damped: boolean;
  season: SeasonKind;
}

/** What the ETS recursions end in: final level, slope, seasons (oldest first), Σe² and Σlog|f|. */
export interface EtsFilterResult {
  level: number;
  slope: number;
  seasons: Float64Array;
  sse: number;
  sumLogF: number;
}

/** A series in the module's memory, for the ETS forms fitted to it. */
export class EtsSeries {
  private constructor(
    private readonly y: number,
    private readonly n: number,
  ) {}

  /** Loads y for a new fit, releasing the previous fit's memory. */
  static load(y: ArrayLike<number>): EtsSeries {
    release();
    return new EtsSeries(copyIn(y), y.length);
  }

  /** One form (with `size` parameters in R's order) over this series. */
  form(spec: EtsFormSpec, size: number): EtsForm {
    return new EtsForm(this.y, this.n, spec, size);
  }
}

/** One ETS form over a loaded series: its likelihood, its minimisation and its recursions. */
export class EtsForm {
  private readonly ring: number;
  private readonly par: number;
  private readonly ws: number;

  constructor(
    private readonly y: number,
    /** Length of the series. */
    readonly length: number,
    private readonly spec: EtsFormSpec,
    private readonly size: number,
  ) {
    this.ring = reserve(8 * Math.max(1, spec.m));
    this.par = reserve(8 * size);
    this.ws = reserve(wasm.workspaceBytes(size, length));
  }

  private select(par: ArrayLike<number>): void {
    const { spec } = this;
    const season = spec.season === 'N' ? 0 : spec.season === 'A' ? 1 : 2;
    wasm.etsSetup(this.y, this.length, spec.m, spec.multError, spec.trend, spec.damped, season, this.ring);
    heap.set(par, this.par >> 3);
  }

  /** forecast's lik (−2 log-likelihood without constants); Infinity outside the bounds. */
  lik(par: ArrayLike<number>): number {
    this.select(par);
    return wasm.etsLik(this.par);
  }

  /**
   * Minimises lik from par by Levenberg–Marquardt (projected steps for the smoothing parameters);
   * returns the parameters reached and their lik.
   */
  minimise(par: ArrayLike<number>, relTol: number, maxIter = 100): { par: Float64Array; lik: number } {
    this.select(par);
    const sse = wasm.minimise(this.par, this.size, this.length, this.ws, maxIter, relTol);
    return { par: copyOut(this.par, this.size), lik: this.length * Math.log(sse) };
  }

  /** Runs the recursions at par; null when they break down (a forecast near 0, a state not finite). */
  filter(par: ArrayLike<number>): EtsFilterResult | null {
    this.select(par);
    const mark = top;
    const at = reserve(8 * 5);
    const ok = wasm.etsStates(this.par, at);
    const [level, slope, pos, sse, sumLogF] = copyOut(at, 5);
    top = mark;
    if (!ok) return null;
    const m = this.spec.season === 'N' ? 0 : this.spec.m;
    const ring = copyOut(this.ring, m);
    const seasons = Float64Array.from({ length: m }, (_, j) => ring[(pos + j) % m]);
    return { level, slope, seasons, sse, sumLogF };
  }
}

/** An ARIMA form: orders and whether a constant (mean or drift) is estimated. */
export interface ArimaForm {
  p: number;
  q: number;
  P: number;
  Q: number;
  constant: boolean;
}

/** ARIMA coefficients from the optimiser's parameters. */
export interface ArimaCoefficients {
  ar: Float64Array;
  ma: Float64Array;
  sar: Float64Array;
  sma: Float64Array;
  /** Expanded AR and MA polynomials (R's sign convention). */
  phi: Float64Array;
  theta: Float64Array;
  mu: number;
}

/**
 * A differenced series in the module's memory for fits of ARIMA forms up to given orders. A fit's
 * parameters are unconstrained: AR and MA partial autocorrelations through tanh (R's partrans,
 * which keeps the polynomials stationary and invertible), then the constant over sd(w).
 */
export class ArimaKernel {
  private readonly n: number;

  /** Loads w (period m; sd and mean given) for a new search, releasing the previous fit's memory. */
  constructor(w: Float64Array, m: number, sd: number, mean: number, largest: Omit<ArimaForm, 'constant'>) {
    release();
    this.n = w.length;
    const at = copyIn(w);
    const { p, q, P, Q } = largest;
    const scratch = reserve(wasm.arimaScratchBytes(w.length, m, p, q, P, Q));
    wasm.arimaLoad(at, w.length, m, sd, mean, p, q, P, Q, scratch);
  }

  /**
   * Fits one form by conditional sum of squares from start (NaN or absent entries: zeros and the
   * mean). Returns its parameters and AICc, or null when it cannot be estimated or a root of its AR
   * or MA polynomial lies within 1.01 of the unit circle (auto.arima rejects those fits).
   */
  fit(form: ArimaForm, start: ArrayLike<number>, relTol: number): { raw: Float64Array; aicc: number } | null {
    const k = form.p + form.q + form.P + form.Q + (form.constant ? 1 : 0);
    const mark = top;
    const at = reserve(8 * k);
    heap.fill(NaN, at >> 3, (at >> 3) + k);
    heap.set(start, at >> 3);
    const aicc = wasm.arimaFit(form.p, form.q, form.P, form.Q, form.constant, at, relTol);
    top = mark;
    return Number.isFinite(aicc) ? { raw: copyOut(wasm.arimaFitted(), k), aicc } : null;
  }

  /**
   * auto.arima's stepwise search up to maxOrder (p + q + P + Q), fitting to searchTol and the
   * winner to 1e-8; null when no form can be estimated.
   */
  search(maxOrder: number, allowConstant: boolean, searchTol: number): { form: ArimaForm; raw: Float64Array; aicc: number } | null {
    const mark = top;
    const at = reserve(8 * 5);
    const aicc = wasm.arimaSearch(maxOrder, allowConstant, searchTol, at);
    const [p, q, P, Q, constant] = copyOut(at, 5);
    top = mark;
    if (!Number.isFinite(aicc)) return null;
    const form = { p, q, P, Q, constant: constant === 1 };
    const k = form.p + form.q + form.P + form.Q + (form.constant ? 1 : 0);
    return { form, raw: copyOut(wasm.arimaFitted(), k), aicc };
  }

  /** Coefficients and CSS residuals of a form at raw (period m as loaded). */
  residuals(form: ArimaForm, m: number, raw: ArrayLike<number>): { coefficients: ArimaCoefficients; residuals: Float64Array; sse: number } {
    const mark = top;
    const x = copyIn(raw);
    const e = reserve(8 * this.n);
    const sse = wasm.arimaModel(form.p, form.q, form.P, form.Q, form.constant, x, e);
    const { p, q, P, Q } = form;
    let at = wasm.arimaCoefficients();
    const take = (length: number) => {
      const out = copyOut(at, length);
      at += 8 * length;
      return out;
    };
    const ar = take(p);
    const ma = take(q);
    const sar = take(P);
    const sma = take(Q);
    const phi = take(p + P * m);
    const theta = take(q + Q * m);
    const out = { coefficients: { ar, ma, sar, sma, phi, theta, mu: wasm.arimaMu() }, residuals: copyOut(e, this.n), sse };
    top = mark;
    return out;
  }
}
