// Minimisers shared by the models: Levenberg–Marquardt for likelihoods that are sums of squares
// (ETS, ARIMA's conditional sum of squares), Nelder–Mead for other smooth likelihoods of a few
// parameters (BG/NBD, Gamma-Gamma), and golden-section search in one dimension (Theta's α, a
// calibration temperature). Written by hand: each is about 100 lines on typed arrays, and the JS
// optimisation packages are either unmaintained, pull in a matrix library, or
// (ml-levenberg-marquardt) fit curves y = f(x; p) rather than residual vectors with bounds.
// Nelder–Mead's coefficients follow R's optim (1, 0.5, 2) and its relative tolerance test.

export interface NelderMeadOptions {
  /** Initial step per parameter (default 10% of |x|, or 0.1 when x is 0). */
  steps?: ArrayLike<number>;
  maxIter?: number;
  /** Stop when the simplex's objective values agree to this relative tolerance (R: 1e-8). */
  relTol?: number;
}

export interface MinimizeResult {
  x: Float64Array;
  value: number;
  iterations: number;
}

/** Minimises f; f may return Infinity (or NaN) to reject infeasible points. */
export function nelderMead(
  f: (x: Float64Array) => number,
  start: ArrayLike<number>,
  options: NelderMeadOptions = {},
): MinimizeResult {
  const n = start.length;
  const maxIter = options.maxIter ?? 2000;
  const relTol = options.relTol ?? 1e-8;
  const simplex: Float64Array[] = [];
  const values = new Float64Array(n + 1);
  for (let i = 0; i <= n; i++) {
    const p = Float64Array.from(start);
    if (i > 0) p[i - 1] += options.steps ? options.steps[i - 1] : p[i - 1] !== 0 ? 0.1 * Math.abs(p[i - 1]) : 0.1;
    simplex.push(p);
    values[i] = feasible(f(p));
  }
  // The sum of all vertices, kept up to date, gives the centroid of all but the worst in O(n).
  const sum = new Float64Array(n);
  const resum = () => {
    sum.fill(0);
    for (const p of simplex) for (let j = 0; j < n; j++) sum[j] += p[j];
  };
  resum();
  const centroid = new Float64Array(n);
  // Trial points live in spare buffers that are swapped into the simplex instead of copied.
  let trial: Float64Array = new Float64Array(n);
  let trial2: Float64Array = new Float64Array(n);
  let iter = 0;
  for (; iter < maxIter; iter++) {
    // Only the best, worst and second-worst vertices matter: one scan finds them.
    let best = 0;
    let worst = 0;
    for (let i = 1; i <= n; i++) {
      if (values[i] < values[best]) best = i;
      if (values[i] >= values[worst]) worst = i;
    }
    let second = worst === 0 ? 1 : 0;
    for (let i = 0; i <= n; i++) if (i !== worst && values[i] >= values[second]) second = i;
    if (Number.isFinite(values[worst]) && Math.abs(values[worst] - values[best]) <= relTol * (Math.abs(values[best]) + relTol)) break;
    const w = simplex[worst];
    for (let j = 0; j < n; j++) centroid[j] = (sum[j] - w[j]) / n;
    for (let j = 0; j < n; j++) trial[j] = 2 * centroid[j] - w[j];
    const fr = feasible(f(trial));
    // The vertex that replaces the worst, if any; the worst's buffer becomes a spare.
    let next: Float64Array | null = null;
    let fNext = 0;
    if (fr < values[best]) {
      for (let j = 0; j < n; j++) trial2[j] = 3 * centroid[j] - 2 * w[j];
      const fe = feasible(f(trial2));
      if (fe < fr) {
        next = trial2;
        fNext = fe;
        trial2 = w;
      } else {
        next = trial;
        fNext = fr;
        trial = w;
      }
    } else if (fr < values[second]) {
      next = trial;
      fNext = fr;
      trial = w;
    } else {
      // Contract towards the better of the worst point and its reflection.
      const from = fr < values[worst] ? trial : w;
      for (let j = 0; j < n; j++) trial2[j] = centroid[j] + 0.5 * (from[j] - centroid[j]);
      const fc = feasible(f(trial2));
      if (fc < Math.min(fr, values[worst])) {
        next = trial2;
        fNext = fc;
        trial2 = w;
      }
    }
    if (next) {
      for (let j = 0; j < n; j++) sum[j] += next[j] - w[j];
      simplex[worst] = next;
      values[worst] = fNext;
      continue;
    }
    // Shrink everything towards the best point.
    const b = simplex[best];
    for (let i = 0; i <= n; i++) {
      if (i === best) continue;
      const p = simplex[i];
      for (let j = 0; j < n; j++) p[j] = b[j] + 0.5 * (p[j] - b[j]);
      values[i] = feasible(f(p));
    }
    resum();
  }
  let bi = 0;
  for (let i = 1; i <= n; i++) if (values[i] < values[bi]) bi = i;
  return { x: simplex[bi], value: values[bi], iterations: iter };
}

/**
 * Nelder–Mead restarted from its own optimum with smaller steps until a restart no longer lowers
 * the value: the usual remedy for a simplex that collapsed early. Steps are uniform, so the
 * parameters should share a scale (logs of positive parameters, say).
 */
export function minimize(
  f: (x: Float64Array) => number,
  start: ArrayLike<number>,
  options: { step?: number; restartStep?: number; restarts?: number; relTol?: number } = {},
): MinimizeResult {
  const { step = 0.5, restartStep = 0.1, restarts = 3, relTol = 1e-10 } = options;
  const uniform = (size: number) => new Float64Array(start.length).fill(size);
  const maxIter = 2000 * start.length;
  let result = nelderMead(f, start, { steps: uniform(step), maxIter, relTol });
  for (let i = 0; i < restarts; i++) {
    const next = nelderMead(f, result.x, { steps: uniform(restartStep), maxIter, relTol });
    const improved = next.value < result.value - 1e-9 * Math.abs(result.value);
    if (next.value <= result.value) result = next;
    if (!improved) break;
  }
  return result;
}

/** Infeasible (NaN or infinite) objective values count as +Infinity. */
function feasible(v: number): number {
  return v - v === 0 ? v : Infinity;
}

/**
 * Minimises f, assumed unimodal on [lo, hi], by golden-section search: stops when the bracket is
 * narrower than `tol` or after `maxIter` steps, and returns the better of its two interior points.
 */
export function goldenSection(
  f: (x: number) => number,
  lo: number,
  hi: number,
  options: { tol?: number; maxIter?: number } = {},
): { x: number; value: number } {
  const tol = options.tol ?? 1e-8;
  const maxIter = options.maxIter ?? 200;
  const ratio = (Math.sqrt(5) - 1) / 2;
  let a = lo;
  let b = hi;
  let c = b - ratio * (b - a);
  let d = a + ratio * (b - a);
  let fc = f(c);
  let fd = f(d);
  for (let it = 0; it < maxIter && b - a > tol; it++) {
    if (fc <= fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - ratio * (b - a);
      fc = f(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + ratio * (b - a);
      fd = f(d);
    }
  }
  return fc <= fd ? { x: c, value: fc } : { x: d, value: fd };
}

export interface LeastSquaresOptions {
  maxIter?: number;
  /** Stop when a full Gauss–Newton step would lower the sum of squares by less than this fraction. */
  relTol?: number;
  /** Buffers to reuse across calls (a model search fits many small problems). */
  workspace?: LeastSquaresWorkspace;
  /** Moves a trial point into the feasible box (projected steps for bounded parameters). */
  project?: (x: Float64Array) => void;
}

/** Scratch buffers for levenbergMarquardt, grown on demand; one call at a time may use it. */
export class LeastSquaresWorkspace {
  private n = -1;
  private m = -1;
  r = new Float64Array(0);
  rProbe = new Float64Array(0);
  jac = new Float64Array(0);
  probe = new Float64Array(0);
  a = new Float64Array(0);
  chol = new Float64Array(0);
  g = new Float64Array(0);
  rhs = new Float64Array(0);
  step = new Float64Array(0);
  free = new Uint8Array(0);

  fit(n: number, m: number): this {
    if (m > this.m) {
      this.m = m;
      this.r = new Float64Array(m);
      this.rProbe = new Float64Array(m);
    }
    if (n > this.n) {
      this.n = n;
      this.probe = new Float64Array(n);
      this.a = new Float64Array(n * n);
      this.chol = new Float64Array(n * n);
      this.g = new Float64Array(n);
      this.rhs = new Float64Array(n);
      this.step = new Float64Array(n);
      this.free = new Uint8Array(n);
    }
    if (this.jac.length < n * m) this.jac = new Float64Array(n * m);
    return this;
  }
}

/**
 * Minimises the sum of squares of residuals(x) by Levenberg–Marquardt (Marquardt's diagonal
 * scaling, Nielsen's damping update) with a forward-difference Jacobian. `residuals` fills the
 * first m entries of `out` and returns false at an infeasible x. For sums of squares,
 * Gauss–Newton steps converge in a few iterations where Nelder–Mead needs dozens of evaluations
 * per parameter. With a workspace, the vectors handed to `residuals` may be longer than n and m:
 * only their first n (point) and m (residuals) entries count.
 */
export function levenbergMarquardt(
  residuals: (x: Float64Array, out: Float64Array) => boolean,
  start: ArrayLike<number>,
  m: number,
  options: LeastSquaresOptions = {},
): MinimizeResult {
  const n = start.length;
  const maxIter = options.maxIter ?? 100;
  const relTol = options.relTol ?? 1e-8;
  const x = Float64Array.from(start);
  const ws = (options.workspace ?? new LeastSquaresWorkspace()).fit(n, m);
  const { r, rProbe, jac, probe, a, g, step } = ws;
  if (!residuals(x, r)) return { x, value: Infinity, iterations: 0 };
  let f = sumOfSquares(r, m);
  if (n === 0 || !Number.isFinite(f)) return { x, value: f, iterations: 0 };
  let lambda = 1e-3; // dimensionless: it scales diag(JᵀJ)
  let nu = 2;
  let iter = 0;
  for (; iter < maxIter; iter++) {
    if (!jacobian(residuals, x, r, jac, probe, rProbe, m)) break;
    // Normal equations JᵀJ and the gradient Jᵀr (column j of jac holds ∂r/∂x_j).
    for (let i = 0; i < n; i++) {
      const ci = i * m;
      let gi = 0;
      for (let t = 0; t < m; t++) gi += jac[ci + t] * r[t];
      g[i] = gi;
      for (let j = 0; j <= i; j++) {
        const cj = j * m;
        let s = 0;
        for (let t = 0; t < m; t++) s += jac[ci + t] * jac[cj + t];
        a[i * n + j] = s;
        a[j * n + i] = s;
      }
    }
    // Converged when even the undamped Gauss–Newton step promises less than relTol of the sum.
    if (projectedStep(ws, 1e-10, x, n, options.project)) {
      let decrement = 0;
      for (let i = 0; i < n; i++) decrement += g[i] * step[i];
      if (decrement <= relTol * (f + relTol)) break;
    }
    let accepted = false;
    let stalled = false;
    while (!accepted && lambda < 1e30) {
      if (!projectedStep(ws, lambda, x, n, options.project)) {
        lambda *= nu;
        nu *= 2;
        continue;
      }
      // The decrease the linear model promises for the step d = probe − x: −2gᵀd − dᵀ(JᵀJ)d.
      let predicted = 0;
      for (let i = 0; i < n; i++) {
        const di = probe[i] - x[i];
        let ad = 0;
        for (let j = 0; j < n; j++) ad += a[i * n + j] * (probe[j] - x[j]);
        predicted -= di * (2 * g[i] + ad);
      }
      const fNew = residuals(probe, rProbe) ? sumOfSquares(rProbe, m) : Infinity;
      if (fNew < f) {
        const rho = (f - fNew) / Math.max(predicted, 1e-300);
        stalled = f - fNew <= relTol * (fNew + relTol);
        for (let i = 0; i < n; i++) x[i] = probe[i];
        for (let t = 0; t < m; t++) r[t] = rProbe[t];
        f = fNew;
        lambda *= Math.max(1 / 3, 1 - (2 * rho - 1) ** 3);
        nu = 2;
        accepted = true;
      } else {
        lambda *= nu;
        nu *= 2;
      }
    }
    if (!accepted || stalled) break;
  }
  return { x, value: f, iterations: iter };
}

/**
 * The damped step δ from (A + λ·diag(A)) δ = g into ws.step, and the trial point project(x − δ)
 * into ws.probe. Parameters on a bound that the step would push outwards are held there and the
 * rest re-solved (an active set), so that a bound does not stall the others.
 */
function projectedStep(ws: LeastSquaresWorkspace, lambda: number, x: Float64Array, n: number, project?: (x: Float64Array) => void): boolean {
  const { a, g, chol, rhs, step, probe, free } = ws;
  free.fill(1);
  for (let pass = 0; pass <= n; pass++) {
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) chol[i * n + j] = free[i] && free[j] ? a[i * n + j] : 0;
      chol[i * n + i] = free[i] ? a[i * n + i] + lambda * Math.max(a[i * n + i], 1e-12) : 1;
      rhs[i] = free[i] ? g[i] : 0;
    }
    if (!solveCholesky(chol, rhs, step, n)) return false;
    for (let i = 0; i < n; i++) probe[i] = x[i] - step[i];
    if (!project) return true;
    project(probe);
    let held = false;
    for (let i = 0; i < n; i++) {
      if (free[i] && step[i] !== 0 && Math.abs(probe[i] - x[i]) <= 1e-12 * (1 + Math.abs(x[i]))) {
        free[i] = 0;
        held = true;
      }
    }
    if (!held) return true;
  }
  return true;
}

function sumOfSquares(r: Float64Array, m: number): number {
  let s = 0;
  for (let t = 0; t < m; t++) s += r[t] * r[t];
  return s - s === 0 ? s : Infinity;
}

/** Forward differences (backward where the forward point is infeasible); false when neither works. */
function jacobian(
  residuals: (x: Float64Array, out: Float64Array) => boolean,
  x: Float64Array,
  r: Float64Array,
  jac: Float64Array,
  probe: Float64Array,
  rProbe: Float64Array,
  m: number,
): boolean {
  const n = x.length;
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) probe[i] = x[i];
    let h = 1.5e-8 * Math.max(1, Math.abs(x[j]));
    probe[j] = x[j] + h;
    if (!residuals(probe, rProbe)) {
      h = -h;
      probe[j] = x[j] + h;
      if (!residuals(probe, rProbe)) return false;
    }
    const c = j * m;
    for (let t = 0; t < m; t++) jac[c + t] = (rProbe[t] - r[t]) / h;
  }
  return true;
}

/** Solves A·s = b for symmetric positive definite A (n×n, overwritten by its Cholesky factor). */
function solveCholesky(a: Float64Array, b: Float64Array, s: Float64Array, n: number): boolean {
  for (let j = 0; j < n; j++) {
    let d = a[j * n + j];
    for (let k = 0; k < j; k++) d -= a[j * n + k] * a[j * n + k];
    if (!(d > 0)) return false;
    d = Math.sqrt(d);
    a[j * n + j] = d;
    for (let i = j + 1; i < n; i++) {
      let v = a[i * n + j];
      for (let k = 0; k < j; k++) v -= a[i * n + k] * a[j * n + k];
      a[i * n + j] = v / d;
    }
  }
  for (let i = 0; i < n; i++) {
    let v = b[i];
    for (let k = 0; k < i; k++) v -= a[i * n + k] * s[k];
    s[i] = v / a[i * n + i];
  }
  for (let i = n - 1; i >= 0; i--) {
    let v = s[i];
    for (let k = i + 1; k < n; k++) v -= a[k * n + i] * s[k];
    s[i] = v / a[i * n + i];
  }
  return true;
}
