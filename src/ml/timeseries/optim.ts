// Nelder–Mead minimiser for the small (≤ ~20 parameter) likelihoods of ETS and ARIMA.
// Written by hand: it is ~80 lines, needs no gradients, and the JS optimisation packages are
// either unmaintained or pull in a matrix library. Coefficients follow R's optim (1, 0.5, 2) and
// its relative tolerance test, so fits behave like forecast::ets.

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
  const evaluate = (x: Float64Array): number => {
    const v = f(x);
    return Number.isFinite(v) ? v : Infinity;
  };
  const simplex: Float64Array[] = [];
  const values = new Float64Array(n + 1);
  simplex.push(Float64Array.from(start));
  values[0] = evaluate(simplex[0]);
  for (let i = 0; i < n; i++) {
    const p = Float64Array.from(start);
    const step = options.steps ? options.steps[i] : p[i] !== 0 ? 0.1 * Math.abs(p[i]) : 0.1;
    p[i] += step;
    simplex.push(p);
    values[i + 1] = evaluate(p);
  }
  const centroid = new Float64Array(n);
  const trial = new Float64Array(n);
  const trial2 = new Float64Array(n);
  const order = Int32Array.from({ length: n + 1 }, (_, i) => i);
  let iter = 0;
  for (; iter < maxIter; iter++) {
    // Insertion sort: the order changes by one vertex per iteration, so this is nearly linear.
    for (let i = 1; i <= n; i++) {
      const v = order[i];
      let j = i - 1;
      while (j >= 0 && values[order[j]] > values[v]) {
        order[j + 1] = order[j];
        j--;
      }
      order[j + 1] = v;
    }
    const best = order[0];
    const worst = order[n];
    const second = order[n - 1];
    if (
      Number.isFinite(values[worst]) &&
      Math.abs(values[worst] - values[best]) <= relTol * (Math.abs(values[best]) + relTol)
    ) break;
    centroid.fill(0);
    for (let k = 0; k < n; k++) {
      const p = simplex[order[k]];
      for (let j = 0; j < n; j++) centroid[j] += p[j];
    }
    for (let j = 0; j < n; j++) centroid[j] /= n;
    for (let j = 0; j < n; j++) trial[j] = centroid[j] + (centroid[j] - simplex[worst][j]);
    const fr = evaluate(trial);
    if (fr < values[best]) {
      for (let j = 0; j < n; j++) trial2[j] = centroid[j] + 2 * (centroid[j] - simplex[worst][j]);
      const fe = evaluate(trial2);
      if (fe < fr) (simplex[worst].set(trial2), (values[worst] = fe));
      else (simplex[worst].set(trial), (values[worst] = fr));
      continue;
    }
    if (fr < values[second]) {
      simplex[worst].set(trial);
      values[worst] = fr;
      continue;
    }
    // Contract towards the better of the worst point and its reflection.
    const outside = fr < values[worst];
    const from = outside ? trial : simplex[worst];
    for (let j = 0; j < n; j++) trial2[j] = centroid[j] + 0.5 * (from[j] - centroid[j]);
    const fc = evaluate(trial2);
    if (fc < Math.min(fr, values[worst])) {
      simplex[worst].set(trial2);
      values[worst] = fc;
      continue;
    }
    // Shrink everything towards the best point.
    for (let k = 1; k <= n; k++) {
      const i = order[k];
      for (let j = 0; j < n; j++) simplex[i][j] = simplex[best][j] + 0.5 * (simplex[i][j] - simplex[best][j]);
      values[i] = evaluate(simplex[i]);
    }
  }
  let bi = 0;
  for (let i = 1; i <= n; i++) if (values[i] < values[bi]) bi = i;
  return { x: simplex[bi], value: values[bi], iterations: iter };
}
