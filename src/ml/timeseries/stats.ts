// Small numeric helpers the forecasting models share (normal quantile, ACF, least squares line,
// quantiles). Written by hand: each is a few lines over typed arrays, and pulling a statistics
// package in for them would add more surface than it saves.

/** Arithmetic mean (0 for an empty array, so callers never see NaN). */
export function mean(x: ArrayLike<number>, from = 0, to = x.length): number {
  if (to <= from) return 0;
  let s = 0;
  for (let i = from; i < to; i++) s += x[i];
  return s / (to - from);
}

export function variance(x: ArrayLike<number>): number {
  const n = x.length;
  if (n < 2) return 0;
  const m = mean(x);
  let s = 0;
  for (let i = 0; i < n; i++) s += (x[i] - m) ** 2;
  return s / (n - 1);
}

/** True when every value equals the first (within a relative 1e-10). */
export function isConstant(x: ArrayLike<number>): boolean {
  if (x.length === 0) return true;
  const tol = 1e-10 * Math.max(1, Math.abs(x[0]));
  for (let i = 1; i < x.length; i++) if (Math.abs(x[i] - x[0]) > tol) return false;
  return true;
}

export function allPositive(x: ArrayLike<number>): boolean {
  for (let i = 0; i < x.length; i++) if (!(x[i] > 0)) return false;
  return true;
}

/** Sample autocorrelations r_1..r_maxLag with the usual biased (divide-by-n) estimator, as R's acf(). */
export function acf(x: ArrayLike<number>, maxLag: number): Float64Array {
  const n = x.length;
  const m = mean(x);
  let c0 = 0;
  for (let i = 0; i < n; i++) c0 += (x[i] - m) ** 2;
  const r = new Float64Array(maxLag);
  if (c0 === 0) return r;
  for (let k = 1; k <= maxLag && k < n; k++) {
    let c = 0;
    for (let i = k; i < n; i++) c += (x[i] - m) * (x[i - k] - m);
    r[k - 1] = c / c0;
  }
  return r;
}

/** Ordinary least-squares line y = a + b·x over x = x0, x0+1, … (R's lsfit on an index). */
export function linearTrend(y: ArrayLike<number>, n = y.length, x0 = 0): { intercept: number; slope: number } {
  if (n < 2) return { intercept: n === 1 ? y[0] - 0 : 0, slope: 0 };
  const xm = x0 + (n - 1) / 2;
  const ym = mean(y, 0, n);
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    const dx = x0 + i - xm;
    sxy += dx * (y[i] - ym);
    sxx += dx * dx;
  }
  const slope = sxy / sxx;
  return { intercept: ym - slope * xm, slope };
}

/** Quantile with linear interpolation (R type 7) of an already sorted array. */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return 0;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/**
 * Quantiles (type 7, as quantileSorted) of x for each probability, by selection instead of a full
 * sort: x is partially reordered. Hoare's quickselect on the order statistics needed, ascending,
 * each search starting where the previous one ended; written by hand as it is a few lines.
 */
export function quantilesInPlace(x: Float64Array, probs: readonly number[]): number[] {
  const n = x.length;
  if (n === 0) return probs.map(() => 0);
  const ranks = [...new Set(probs.flatMap((p) => [Math.floor((n - 1) * p), Math.min(n - 1, Math.floor((n - 1) * p) + 1)]))].sort((a, b) => a - b);
  const value = new Map<number, number>();
  let from = 0;
  for (const k of ranks) {
    value.set(k, select(x, k, from, n - 1));
    from = k;
  }
  return probs.map((p) => {
    const h = (n - 1) * p;
    const lo = Math.floor(h);
    const hi = Math.min(n - 1, lo + 1);
    return value.get(lo)! + (h - lo) * (value.get(hi)! - value.get(lo)!);
  });
}

/** Puts the k-th smallest of x[left..right] at x[k] (everything before it ≤, after it ≥) and returns it. */
function select(x: Float64Array, k: number, left: number, right: number): number {
  while (right > left) {
    const pivot = x[(left + right) >> 1];
    let i = left;
    let j = right;
    while (i <= j) {
      while (x[i] < pivot) i++;
      while (x[j] > pivot) j--;
      if (i <= j) {
        const t = x[i];
        x[i] = x[j];
        x[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else break;
  }
  return x[k];
}

export function median(x: ArrayLike<number>): number {
  return quantileSorted(Float64Array.from(x).sort(), 0.5);
}

/**
 * Standard normal quantile, Wichura's AS 241 (PPND16), accurate to about 1e-16 — the algorithm
 * behind R's qnorm.
 */
export function normalQuantile(p: number): number {
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (
      (q *
        (((((((r * 2509.0809287301226727 + 33430.575583588128105) * r + 67265.770927008700853) * r +
          45921.953931549871457) * r + 13731.693765509461125) * r + 1971.5909503065514427) * r +
          133.14166789178437745) * r + 3.387132872796366608)) /
      (((((((r * 5226.495278852545925 + 28729.085735721942674) * r + 39307.89580009271061) * r +
        21213.794301586595867) * r + 5394.1960214247511077) * r + 687.1870074920579083) * r +
        42.313330701600911252) * r + 1)
    );
  }
  let r = q < 0 ? p : 1 - p;
  r = Math.sqrt(-Math.log(r));
  let val: number;
  if (r <= 5) {
    r -= 1.6;
    val =
      (((((((r * 7.7454501427834140764e-4 + 0.0227238449892691845833) * r + 0.24178072517745061177) * r +
        1.27045825245236838258) * r + 3.64784832476320460504) * r + 5.7694972214606914055) * r +
        4.6303378461565452959) * r + 1.42343711074968357734) /
      (((((((r * 1.05075007164441684324e-9 + 5.475938084995344946e-4) * r + 0.0151986665636164571966) * r +
        0.14810397642748007459) * r + 0.68976733498510000455) * r + 1.6763848301838038494) * r +
        2.05319162663775882187) * r + 1);
  } else {
    r -= 5;
    val =
      (((((((r * 2.01033439929228813265e-7 + 2.71155556874348757815e-5) * r + 0.0012426609473880784386) * r +
        0.026532189526576123093) * r + 0.29656057182850489123) * r + 1.7848265399172913358) * r +
        5.4637849111641143699) * r + 6.6579046435011037772) /
      (((((((r * 2.04426310338993978564e-15 + 1.4215117583164458887e-7) * r + 1.8463183175100546818e-5) * r +
        7.868691311456132591e-4) * r + 0.0148753612908506148525) * r + 0.13692988092273580531) * r +
        0.59983220655588793769) * r + 1);
  }
  return q < 0 ? -val : val;
}

/** The two-sided z multiplier for a central interval of `level` percent (95 → 1.959964). */
export function zForLevel(level: number): number {
  return normalQuantile(0.5 + level / 200);
}
