// LOESS on an equally spaced grid, as used inside STL (Cleveland et al. 1990, the `stless` and
// `stlest` routines). Written by hand: no maintained JS package offers weighted, jumped LOESS with
// robustness weights and extrapolation, and it is ~80 lines over typed arrays.

/**
 * Local fit at position `x` (0-based, may lie outside the data) from points `left..right`,
 * tricube weights over half-width `h` times the robustness weights. Returns NaN when every weight
 * is zero (the caller then keeps the raw value).
 */
export function loessAt(
  y: ArrayLike<number>,
  robustness: ArrayLike<number> | null,
  x: number,
  left: number,
  right: number,
  h: number,
  degree: 0 | 1,
): number {
  const near = 0.001 * h;
  const far = 0.999 * h;
  let sumW = 0;
  let sumWX = 0;
  const w = new Float64Array(right - left + 1);
  for (let j = left; j <= right; j++) {
    const r = Math.abs(j - x);
    let wj = 0;
    if (r <= far) {
      if (r <= near) wj = 1;
      else {
        const u = r / h;
        const c = 1 - u * u * u;
        wj = c * c * c;
      }
      if (robustness) wj *= robustness[j];
    }
    w[j - left] = wj;
    sumW += wj;
    sumWX += wj * j;
  }
  if (sumW <= 0) return Number.NaN;
  let centre = 0;
  let spread = 0;
  if (degree === 1) {
    centre = sumWX / sumW;
    for (let j = left; j <= right; j++) spread += (w[j - left] / sumW) * (j - centre) ** 2;
  }
  // The linear term is only used when the local x-spread is not degenerate (as in stlest).
  const useSlope = degree === 1 && Math.sqrt(spread) > 0.001 * (y.length - 1);
  let fit = 0;
  for (let j = left; j <= right; j++) {
    let wj = w[j - left] / sumW;
    if (useSlope) wj *= 1 + ((j - centre) * (x - centre)) / spread;
    fit += wj * y[j];
  }
  return fit;
}

/**
 * LOESS smooth of `y` at every position with window `span` points, evaluated every `jump`
 * positions and linearly interpolated in between (STL's speed-up).
 */
export function loessSmooth(
  y: ArrayLike<number>,
  span: number,
  degree: 0 | 1,
  jump: number,
  robustness: ArrayLike<number> | null = null,
): Float64Array {
  const n = y.length;
  const out = new Float64Array(n);
  if (n === 0) return out;
  if (n === 1) {
    out[0] = y[0];
    return out;
  }
  const step = Math.max(1, Math.min(jump, n - 1));
  const window = Math.max(2, Math.floor(span));
  const half = Math.floor((window + 1) / 2);
  const evaluated: number[] = [];
  for (let i = 0; i < n; i += step) evaluated.push(i);
  if (evaluated[evaluated.length - 1] !== n - 1) evaluated.push(n - 1);
  for (const i of evaluated) {
    let left: number;
    let right: number;
    if (window >= n) {
      left = 0;
      right = n - 1;
    } else if (i < half) {
      left = 0;
      right = window - 1;
    } else if (i >= n - half) {
      left = n - window;
      right = n - 1;
    } else {
      left = i - half + 1;
      right = left + window - 1;
    }
    let h = Math.max(i - left, right - i);
    if (window > n) h += Math.floor((window - n) / 2);
    out[i] = loessAt(y, robustness, i, left, right, Math.max(h, 1), degree);
  }
  // A window whose points all have zero weight says nothing: borrow from the nearest fitted
  // neighbours (or the raw value when no window had any weight).
  const fitted = evaluated.filter((i) => !Number.isNaN(out[i]));
  if (fitted.length === 0) for (const i of evaluated) out[i] = y[i];
  else {
    for (const i of evaluated) {
      if (!Number.isNaN(out[i])) continue;
      const next = fitted.find((j) => j > i);
      const prev = [...fitted].reverse().find((j) => j < i);
      out[i] = prev === undefined ? out[next!] : next === undefined ? out[prev] : out[prev] + ((out[next] - out[prev]) * (i - prev)) / (next - prev);
    }
  }
  for (let k = 0; k + 1 < evaluated.length; k++) {
    const a = evaluated[k];
    const b = evaluated[k + 1];
    const slope = (out[b] - out[a]) / (b - a);
    for (let i = a + 1; i < b; i++) out[i] = out[a] + slope * (i - a);
  }
  return out;
}
