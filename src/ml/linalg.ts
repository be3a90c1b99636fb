// Small dense linear algebra for randomized SVD: column orthonormalisation and a symmetric
// eigensolver. Written by hand: the matrices are tiny (≤ a few hundred columns) and no
// maintained pure-JS library works on Float64Array column blocks without copying.

/**
 * Orthonormalises the `cols` columns (each of length `n`, stored one after another) in place by
 * modified Gram–Schmidt, run twice for stability. A column that is (numerically) dependent on
 * the previous ones is set to zero.
 */
export function orthonormalizeColumns(a: Float64Array, n: number, cols: number): void {
  for (let pass = 0; pass < 2; pass++) {
    for (let c = 0; c < cols; c++) {
      const col = a.subarray(c * n, (c + 1) * n);
      let before = 0;
      for (let i = 0; i < n; i++) before += col[i] * col[i];
      for (let p = 0; p < c; p++) {
        const prev = a.subarray(p * n, (p + 1) * n);
        let dot = 0;
        for (let i = 0; i < n; i++) dot += col[i] * prev[i];
        for (let i = 0; i < n; i++) col[i] -= dot * prev[i];
      }
      let ss = 0;
      for (let i = 0; i < n; i++) ss += col[i] * col[i];
      if (ss <= 1e-20 * Math.max(before, 1e-300) || ss === 0) {
        col.fill(0);
        continue;
      }
      const inv = 1 / Math.sqrt(ss);
      for (let i = 0; i < n; i++) col[i] *= inv;
    }
  }
}

/**
 * Eigen-decomposition of a symmetric m×m matrix (row-major) by cyclic Jacobi rotations.
 * Returns eigenvalues in descending order and the matching eigenvectors as columns of a
 * row-major m×m matrix (vectors[i * m + k] is component i of eigenvector k).
 */
export function symmetricEigen(matrix: Float64Array, m: number): { values: Float64Array; vectors: Float64Array } {
  const a = Float64Array.from(matrix);
  const v = new Float64Array(m * m);
  for (let i = 0; i < m; i++) v[i * m + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    let total = 0;
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < m; j++) {
        total += a[i * m + j] ** 2;
        if (i !== j) off += a[i * m + j] ** 2;
      }
    }
    if (off <= 1e-24 * total || off === 0) break;
    for (let p = 0; p < m - 1; p++) {
      for (let q = p + 1; q < m; q++) {
        const apq = a[p * m + q];
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (a[q * m + q] - a[p * m + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < m; k++) {
          const akp = a[k * m + p];
          const akq = a[k * m + q];
          a[k * m + p] = c * akp - s * akq;
          a[k * m + q] = s * akp + c * akq;
        }
        for (let k = 0; k < m; k++) {
          const apk = a[p * m + k];
          const aqk = a[q * m + k];
          a[p * m + k] = c * apk - s * aqk;
          a[q * m + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < m; k++) {
          const vkp = v[k * m + p];
          const vkq = v[k * m + q];
          v[k * m + p] = c * vkp - s * vkq;
          v[k * m + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = [...Array(m).keys()].sort((x, y) => a[y * m + y] - a[x * m + x]);
  const values = Float64Array.from(order, (k) => a[k * m + k]);
  const vectors = new Float64Array(m * m);
  order.forEach((k, col) => {
    for (let i = 0; i < m; i++) vectors[i * m + col] = v[i * m + k];
  });
  return { values, vectors };
}
