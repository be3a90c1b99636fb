// Robust location and scale (median, MAD) over finite values. Written by hand: a few lines
// over Float64Array sorting, and every detector step needs them on typed arrays.

/** Median of the finite values; 0 when there are none. */
export function median(values: ArrayLike<number>): number {
  const sorted = finiteSorted(values);
  return sortedQuantile(sorted, 0.5);
}

/** Quantile (linear interpolation between order statistics) of an ascending array; 0 when empty. */
export function sortedQuantile(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return 0;
  const pos = Math.min(Math.max(q, 0), 1) * (n - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
}

/** The finite values, sorted ascending. */
export function finiteSorted(values: ArrayLike<number>): Float64Array {
  let count = 0;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) count++;
  const out = new Float64Array(count);
  let k = 0;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) out[k++] = values[i];
  return out.sort();
}

/**
 * A robust standard deviation: 1.4826·MAD (consistent for normal noise). When more than half the
 * values are identical the MAD is 0, so it falls back to 1.2533·mean absolute deviation, and
 * finally to a tiny floor relative to the level, so that divisions never produce NaN or Infinity.
 */
export function robustScale(values: ArrayLike<number>, center = median(values)): number {
  const dev = new Float64Array(values.length);
  let n = 0;
  let sumAbs = 0;
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) continue;
    const d = Math.abs(values[i] - center);
    dev[n++] = d;
    sumAbs += d;
  }
  const mad = 1.4826 * sortedQuantile(dev.subarray(0, n).sort(), 0.5);
  if (mad > 0) return mad;
  const meanAbs = n > 0 ? (1.2533 * sumAbs) / n : 0;
  if (meanAbs > 0) return meanAbs;
  return 1e-9 * Math.max(1, Math.abs(center));
}
