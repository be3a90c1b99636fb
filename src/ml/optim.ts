// Minimisers shared by the models: Nelder–Mead for smooth likelihoods of a few parameters (BG/NBD,
// Gamma-Gamma) and golden-section search in one dimension (Theta's α, a calibration temperature).
// (ETS and ARIMA, whose likelihoods are sums of squares, use the Levenberg–Marquardt of the
// WebAssembly kernels in src/ml/wasm.) Written by hand: each is under 100 lines, and the JS
// optimisation packages are unmaintained or pull in a matrix library. Nelder–Mead's coefficients
// follow R's optim (1, 0.5, 2) and its relative tolerance test.

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
