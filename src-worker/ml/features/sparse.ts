/** Compressed sparse rows: row r holds indices/values[indptr[r] .. indptr[r + 1]). */
export interface CsrMatrix {
  rows: number
  cols: number
  indptr: Int32Array
  indices: Int32Array
  values: Float32Array
}

/** Sum of squares of each row (for the dual solvers' diagonal). */
export function rowSquaredNorms(matrix: CsrMatrix, extra = 0): Float64Array {
  const norms = new Float64Array(matrix.rows)
  for (let r = 0; r < matrix.rows; r++) {
    let sum = extra
    for (let k = matrix.indptr[r]!; k < matrix.indptr[r + 1]!; k++) sum += matrix.values[k]! ** 2
    norms[r] = sum
  }
  return norms
}

/** The rows at the given positions, as a new matrix. */
export function selectRows(matrix: CsrMatrix, rows: Int32Array): CsrMatrix {
  let nnz = 0
  for (const r of rows) nnz += matrix.indptr[r + 1]! - matrix.indptr[r]!
  const indptr = new Int32Array(rows.length + 1)
  const indices = new Int32Array(nnz)
  const values = new Float32Array(nnz)
  let at = 0
  rows.forEach((r, i) => {
    const start = matrix.indptr[r]!
    const end = matrix.indptr[r + 1]!
    indices.set(matrix.indices.subarray(start, end), at)
    values.set(matrix.values.subarray(start, end), at)
    at += end - start
    indptr[i + 1] = at
  })
  return { rows: rows.length, cols: matrix.cols, indptr, indices, values }
}
