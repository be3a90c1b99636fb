// Seasonal component as a robust Fourier series, for long periods seen only a few times (a yearly
// cycle in three years of daily data): STL would smooth each day-of-year subseries of 2-3 noisy
// values and absorb the noise. Written by hand: a (2K+1)-column least squares by Cholesky with
// bisquare reweighting is a few lines; no JS dependency needed.

/** Fits Σ_k a_k sin(2πkt/p) + b_k cos(2πkt/p) to `y` (NaN ignored) robustly; returns the zero-mean fit. */
export function robustFourierSeason(y: ArrayLike<number>, period: number, harmonics: number, iterations = 4): Float64Array {
  const n = y.length;
  const cols = 2 * harmonics + 1;
  const basis = (t: number, out: Float64Array): void => {
    out[0] = 1;
    for (let k = 1; k <= harmonics; k++) {
      const angle = (2 * Math.PI * k * t) / period;
      out[2 * k - 1] = Math.sin(angle);
      out[2 * k] = Math.cos(angle);
    }
  };
  const weights = new Float64Array(n);
  for (let t = 0; t < n; t++) weights[t] = Number.isFinite(y[t]) ? 1 : 0;
  const row = new Float64Array(cols);
  let coef: Float64Array = new Float64Array(cols);
  const fit = new Float64Array(n);
  for (let it = 0; it < iterations; it++) {
    const ata = new Float64Array(cols * cols);
    const atb = new Float64Array(cols);
    for (let t = 0; t < n; t++) {
      if (weights[t] === 0) continue;
      basis(t, row);
      for (let i = 0; i < cols; i++) {
        atb[i] += weights[t] * row[i] * y[t];
        for (let j = 0; j <= i; j++) ata[i * cols + j] += weights[t] * row[i] * row[j];
      }
    }
    for (let i = 0; i < cols; i++) ata[i * cols + i] += 1e-9 * (1 + ata[i * cols + i]);
    const solved = choleskySolve(ata, atb, cols);
    if (!solved) break;
    coef = solved;
    const abs: number[] = [];
    for (let t = 0; t < n; t++) {
      basis(t, row);
      let v = 0;
      for (let i = 0; i < cols; i++) v += coef[i] * row[i];
      fit[t] = v;
      if (Number.isFinite(y[t])) abs.push(Math.abs(y[t] - v));
    }
    abs.sort((a, b) => a - b);
    const h = 6 * (abs[Math.floor(abs.length / 2)] ?? 0);
    for (let t = 0; t < n; t++) {
      if (!Number.isFinite(y[t])) continue;
      const u = h > 0 ? Math.abs(y[t] - fit[t]) / h : 0;
      weights[t] = u < 1 ? (1 - u * u) ** 2 : 0;
    }
  }
  // The intercept belongs to the trend, not the season.
  for (let t = 0; t < n; t++) fit[t] -= coef[0];
  return fit;
}

/** Solves A x = b for symmetric positive definite A (lower triangle filled), or null. */
function choleskySolve(a: Float64Array, b: Float64Array, n: number): Float64Array | null {
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * n + j];
      for (let k = 0; k < j; k++) s -= l[i * n + k] * l[j * n + k];
      if (i === j) {
        if (s <= 0) return null;
        l[i * n + i] = Math.sqrt(s);
      } else l[i * n + j] = s / l[j * n + j];
    }
  }
  const z = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= l[i * n + k] * z[k];
    z[i] = s / l[i * n + i];
  }
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = z[i];
    for (let k = i + 1; k < n; k++) s -= l[k * n + i] * x[k];
    x[i] = s / l[i * n + i];
  }
  return x;
}
