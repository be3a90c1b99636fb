// Compressed sparse row (CSR) matrices and sparse vectors for text features.
// Written by hand: the few operations the text models need (row dot products, scaling,
// transposed products) are short, and typed arrays keep them fast without a native dependency.

/** A sparse vector: ascending feature indices with their values. */
export interface SparseVector {
  indices: Int32Array;
  values: Float64Array;
}

/** Rows × cols sparse matrix; row r's entries are indices/values[indptr[r] .. indptr[r+1]). */
export interface CsrMatrix {
  rows: number;
  cols: number;
  indptr: Int32Array;
  indices: Int32Array;
  values: Float64Array;
}

/** Stacks sparse rows into a CSR matrix with `cols` columns. */
export function csrFromRows(rowsIn: readonly SparseVector[], cols: number): CsrMatrix {
  let nnz = 0;
  for (const r of rowsIn) nnz += r.indices.length;
  const indptr = new Int32Array(rowsIn.length + 1);
  const indices = new Int32Array(nnz);
  const values = new Float64Array(nnz);
  let at = 0;
  rowsIn.forEach((r, i) => {
    indices.set(r.indices, at);
    values.set(r.values, at);
    at += r.indices.length;
    indptr[i + 1] = at;
  });
  return { rows: rowsIn.length, cols, indptr, indices, values };
}

/** Row r of a CSR matrix as a view (no copy). */
export function csrRow(m: CsrMatrix, r: number): SparseVector {
  return { indices: m.indices.subarray(m.indptr[r], m.indptr[r + 1]), values: m.values.subarray(m.indptr[r], m.indptr[r + 1]) };
}

/** Scales a vector in place to unit Euclidean length (a zero vector stays zero). */
export function l2NormalizeInPlace(values: Float64Array | Float32Array): void {
  let ss = 0;
  for (let i = 0; i < values.length; i++) ss += values[i] * values[i];
  if (ss === 0) return;
  const inv = 1 / Math.sqrt(ss);
  for (let i = 0; i < values.length; i++) values[i] *= inv;
}

/** Concatenates sparse vectors whose feature spaces are laid side by side at the given offsets. */
export function concatSparse(parts: readonly SparseVector[], offsets: readonly number[]): SparseVector {
  let n = 0;
  for (const p of parts) n += p.indices.length;
  const indices = new Int32Array(n);
  const values = new Float64Array(n);
  let at = 0;
  parts.forEach((p, k) => {
    for (let i = 0; i < p.indices.length; i++) indices[at + i] = p.indices[i] + offsets[k];
    values.set(p.values, at);
    at += p.indices.length;
  });
  return { indices, values };
}
