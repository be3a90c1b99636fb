// Limited-memory BFGS (Nocedal & Wright, Algorithm 7.4) with a backtracking Armijo line search.
// Written by hand: the JS optimisation packages are unmaintained or not typed-array based; the
// two-loop recursion is thirty lines. Used for logistic regression on wide designs, where forming
// the Hessian (cost ∝ non-zeros² per row) would dominate.

export interface LbfgsResult {
  x: Float64Array;
  value: number;
  iterations: number;
  converged: boolean;
}

/** Minimises f; `fg(x, grad)` returns f(x) and writes ∇f(x) into grad. */
export function minimizeLbfgs(
  fg: (x: Float64Array, grad: Float64Array) => number,
  x0: Float64Array,
  { memory = 10, maxIter = 500, gradTol = 1e-6, relTol = 1e-12 }: { memory?: number; maxIter?: number; gradTol?: number; relTol?: number } = {},
): LbfgsResult {
  const n = x0.length;
  const x = Float64Array.from(x0);
  const g = new Float64Array(n);
  let f = fg(x, g);
  const S: Float64Array[] = [];
  const Y: Float64Array[] = [];
  const rho: number[] = [];
  const d = new Float64Array(n);
  const xNew = new Float64Array(n);
  const gNew = new Float64Array(n);
  const alpha = new Float64Array(memory);
  let iter = 0;
  let converged = false;
  const maxAbs = (v: Float64Array) => v.reduce((m, a) => Math.max(m, Math.abs(a)), 0);
  for (; iter < maxIter; iter++) {
    if (maxAbs(g) <= gradTol) {
      converged = true;
      break;
    }
    // Two-loop recursion: d = −H·g.
    for (let i = 0; i < n; i++) d[i] = -g[i];
    for (let k = S.length - 1; k >= 0; k--) {
      let dot = 0;
      for (let i = 0; i < n; i++) dot += S[k][i] * d[i];
      alpha[k] = rho[k] * dot;
      for (let i = 0; i < n; i++) d[i] -= alpha[k] * Y[k][i];
    }
    if (S.length > 0) {
      const k = S.length - 1;
      let yy = 0;
      for (let i = 0; i < n; i++) yy += Y[k][i] * Y[k][i];
      const gamma = 1 / (rho[k] * yy);
      for (let i = 0; i < n; i++) d[i] *= gamma;
    } else {
      const scale = 1 / Math.max(1, maxAbs(g));
      for (let i = 0; i < n; i++) d[i] *= scale;
    }
    for (let k = 0; k < S.length; k++) {
      let dot = 0;
      for (let i = 0; i < n; i++) dot += Y[k][i] * d[i];
      const beta = rho[k] * dot;
      for (let i = 0; i < n; i++) d[i] += S[k][i] * (alpha[k] - beta);
    }
    let slope = 0;
    for (let i = 0; i < n; i++) slope += g[i] * d[i];
    if (slope >= 0) {
      // Not a descent direction (numerical trouble): restart from steepest descent.
      S.length = Y.length = rho.length = 0;
      for (let i = 0; i < n; i++) d[i] = -g[i];
      slope = -g.reduce((s, v) => s + v * v, 0);
    }
    let t = 1;
    let fNew = Infinity;
    for (let k = 0; k < 40; k++) {
      for (let i = 0; i < n; i++) xNew[i] = x[i] + t * d[i];
      fNew = fg(xNew, gNew);
      if (fNew <= f + 1e-4 * t * slope) break;
      t /= 2;
    }
    if (!(fNew <= f)) {
      converged = true; // no further decrease possible at machine precision
      break;
    }
    const s = new Float64Array(n);
    const yv = new Float64Array(n);
    let sy = 0;
    for (let i = 0; i < n; i++) {
      s[i] = xNew[i] - x[i];
      yv[i] = gNew[i] - g[i];
      sy += s[i] * yv[i];
    }
    const decrease = f - fNew;
    x.set(xNew);
    g.set(gNew);
    f = fNew;
    if (sy > 1e-12) {
      if (S.length === memory) (S.shift(), Y.shift(), rho.shift());
      S.push(s);
      Y.push(yv);
      rho.push(1 / sy);
    }
    if (decrease <= relTol * Math.max(1, Math.abs(f))) {
      converged = true;
      iter++;
      break;
    }
  }
  return { x, value: f, iterations: iter, converged };
}
