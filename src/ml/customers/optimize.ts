// Nelder–Mead simplex minimisation (Lagarias et al. 1998 coefficients). Written by hand: the
// probability models here have 3-4 parameters and smooth likelihoods, a derivative-free simplex
// is enough, and no maintained JS optimisation package is small and dependency-free.

export interface MinimizeResult {
  x: number[];
  value: number;
  iterations: number;
}

export function nelderMead(f: (x: number[]) => number, start: number[], options: { step?: number; maxIterations?: number; tolerance?: number } = {}): MinimizeResult {
  const dim = start.length;
  const step = options.step ?? 0.5;
  const maxIterations = options.maxIterations ?? 2000 * dim;
  const tolerance = options.tolerance ?? 1e-10;
  const safe = (x: number[]): number => {
    const v = f(x);
    return Number.isFinite(v) ? v : Number.POSITIVE_INFINITY;
  };
  let simplex = [start.slice(), ...start.map((_, i) => start.map((v, j) => (i === j ? v + step : v)))];
  let values = simplex.map(safe);
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    const order = values.map((_, i) => i).sort((a, b) => values[a] - values[b]);
    simplex = order.map((i) => simplex[i]);
    values = order.map((i) => values[i]);
    const spread = Math.abs(values[dim] - values[0]);
    if (spread <= tolerance * (Math.abs(values[0]) + tolerance)) break;
    const centroid = new Array(dim).fill(0);
    for (let i = 0; i < dim; i++) for (let j = 0; j < dim; j++) centroid[j] += simplex[i][j] / dim;
    const along = (t: number) => centroid.map((c, j) => c + t * (simplex[dim][j] - c));
    const reflected = along(-1);
    const fr = safe(reflected);
    if (fr < values[0]) {
      const expanded = along(-2);
      const fe = safe(expanded);
      [simplex[dim], values[dim]] = fe < fr ? [expanded, fe] : [reflected, fr];
    } else if (fr < values[dim - 1]) {
      [simplex[dim], values[dim]] = [reflected, fr];
    } else {
      const contracted = fr < values[dim] ? along(-0.5) : along(0.5);
      const fc = safe(contracted);
      if (fc < Math.min(fr, values[dim])) {
        [simplex[dim], values[dim]] = [contracted, fc];
      } else {
        for (let i = 1; i <= dim; i++) {
          simplex[i] = simplex[i].map((v, j) => simplex[0][j] + 0.5 * (v - simplex[0][j]));
          values[i] = safe(simplex[i]);
        }
      }
    }
  }
  let best = 0;
  for (let i = 1; i <= dim; i++) if (values[i] < values[best]) best = i;
  return { x: simplex[best], value: values[best], iterations };
}

/** Restarts Nelder–Mead from its own optimum until the value stops improving (escapes early collapse). */
export function minimize(f: (x: number[]) => number, start: number[], restarts = 3): MinimizeResult {
  let result = nelderMead(f, start);
  for (let i = 0; i < restarts; i++) {
    const next = nelderMead(f, result.x, { step: 0.1 });
    const improved = next.value < result.value - 1e-9 * Math.abs(result.value);
    result = next.value <= result.value ? next : result;
    if (!improved) break;
  }
  return result;
}
