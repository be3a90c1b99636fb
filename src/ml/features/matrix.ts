// A dense row-major matrix over a Float64Array: the one shape every model in src/ml takes.

export interface DenseMatrix {
  data: Float64Array;
  rows: number;
  cols: number;
}

export function denseMatrix(rows: number, cols: number): DenseMatrix {
  return { data: new Float64Array(rows * cols), rows, cols };
}

/** Row indices 0..n-1, the default subset. */
export function allRows(n: number): Uint32Array {
  const idx = new Uint32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  return idx;
}
