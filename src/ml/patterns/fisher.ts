// Fisher's exact test for 2×2 tables and Benjamini–Hochberg q-values. Hand-written: about forty
// lines over log-factorials, and the JS statistics packages either lack Fisher's test or are unmaintained.

/** log(k!) for k = 0..n. */
function logFactorials(n: number): Float64Array {
  const out = new Float64Array(n + 1);
  for (let k = 2; k <= n; k++) out[k] = out[k - 1] + Math.log(k);
  return out;
}

let cache = logFactorials(1024);
function lf(k: number): number {
  if (k >= cache.length) cache = logFactorials(Math.max(k, cache.length * 2));
  return cache[k];
}

/**
 * Two-sided p-value for the table [[a, b], [c, d]]: the total probability of every table with the
 * same margins that is no more likely than the observed one.
 */
export function fisherExact(a: number, b: number, c: number, d: number): number {
  const row1 = a + b, row2 = c + d, col1 = a + c, n = a + b + c + d;
  if (n === 0) return 1;
  const logP = (x: number) => lf(col1) + lf(n - col1) + lf(row1) + lf(row2) - lf(n) - lf(x) - lf(row1 - x) - lf(col1 - x) - lf(row2 - col1 + x);
  const observed = logP(a);
  const lo = Math.max(0, col1 - row2);
  const hi = Math.min(row1, col1);
  let p = 0;
  for (let x = lo; x <= hi; x++) {
    const lp = logP(x);
    if (lp <= observed + 1e-7) p += Math.exp(lp);
  }
  return Math.min(1, p);
}

/** Benjamini–Hochberg adjusted p-values (false discovery rate), in the input order. */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = [...pValues.keys()].sort((i, j) => pValues[i] - pValues[j]);
  const q = new Array<number>(m);
  let running = 1;
  for (let k = m - 1; k >= 0; k--) {
    const i = order[k];
    running = Math.min(running, (pValues[i] * m) / (k + 1));
    q[i] = running;
  }
  return q;
}
