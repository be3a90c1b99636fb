// Cholesky factorisation and solves for small symmetric positive-definite systems (Newton steps).
// Written by hand: about thirty lines, and the JS linear-algebra packages are either unmaintained
// or far larger than this one use needs.

/** Lower-triangular L with A = L·Lᵀ (n×n row-major; A is not modified). */
export function choleskyFactor(A: Float64Array, n: number): Float64Array {
  const L = new Float64Array(n * n);
  // A tiny ridge, grown if needed, keeps near-singular Hessians (collinear one-hot columns) solvable.
  let jitter = 0;
  for (let attempt = 0; attempt < 12; attempt++) {
    if (factor(A, L, n, jitter)) return L;
    jitter = jitter === 0 ? 1e-10 * (1 + maxDiag(A, n)) : jitter * 100;
  }
  throw new Error('matrix is not positive definite');
}

/** Solves L·Lᵀ x = b. */
export function choleskySolveFactored(L: Float64Array, b: Float64Array, n: number): Float64Array {
  const x = Float64Array.from(b);
  for (let i = 0; i < n; i++) {
    let s = x[i];
    for (let k = 0; k < i; k++) s -= L[i * n + k] * x[k];
    x[i] = s / L[i * n + i];
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = x[i];
    for (let k = i + 1; k < n; k++) s -= L[k * n + i] * x[k];
    x[i] = s / L[i * n + i];
  }
  return x;
}

/** Solves A x = b for symmetric positive-definite A. */
export function choleskySolve(A: Float64Array, b: Float64Array, n: number): Float64Array {
  return choleskySolveFactored(choleskyFactor(A, n), b, n);
}

function maxDiag(A: Float64Array, n: number): number {
  let m = 0;
  for (let i = 0; i < n; i++) m = Math.max(m, Math.abs(A[i * n + i]));
  return m;
}

function factor(A: Float64Array, L: Float64Array, n: number, jitter: number): boolean {
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = A[i * n + j] + (i === j ? jitter : 0);
      for (let k = 0; k < j; k++) s -= L[i * n + k] * L[j * n + k];
      if (i === j) {
        if (!(s > 0)) return false;
        L[i * n + i] = Math.sqrt(s);
      } else {
        L[i * n + j] = s / L[j * n + j];
      }
    }
  }
  return true;
}
