import { sharedFloat64 } from './growable'

/** Compressed sparse rows: row r holds indices/values[indptr[r] .. indptr[r + 1]). */
export interface CsrMatrix {
  rows: number
  cols: number
  indptr: Int32Array
  indices: Int32Array
  values: Float32Array
}

/** Sum of squares of each row (for the dual solvers' diagonal), in memory solver threads share. */
export function rowSquaredNorms(matrix: CsrMatrix, extra = 0): Float64Array {
  const norms = sharedFloat64(matrix.rows)
  for (let r = 0; r < matrix.rows; r++) {
    let sum = extra
    for (let k = matrix.indptr[r]!; k < matrix.indptr[r + 1]!; k++) sum += matrix.values[k]! ** 2
    norms[r] = sum
  }
  return norms
}

/**
 * Orders the entries [start, end) of one row by column, in place. The solvers' inner loops read
 * and write the weights at each entry's column: ascending columns walk the weights forwards, which
 * the memory system serves much faster than token order (about a third of a pass on char n-grams).
 * scratch holds at least end - start numbers; it is reused across rows.
 */
export function sortRowEntries(
  indices: Int32Array,
  values: Float32Array,
  start: number,
  end: number,
  scratch: { keys: Float64Array; values: Float32Array },
): void {
  const n = end - start
  let sorted = true
  for (let k = start + 1; k < end && sorted; k++) sorted = indices[k - 1]! < indices[k]!
  if (sorted) return
  if (scratch.keys.length < n) {
    scratch.keys = new Float64Array(2 * n)
    scratch.values = new Float32Array(2 * n)
  }
  // column * n + position is exact (columns < 2^31, n < 2^22) and sorts natively as numbers.
  const keys = scratch.keys.subarray(0, n)
  for (let j = 0; j < n; j++) keys[j] = indices[start + j]! * n + j
  scratch.values.set(values.subarray(start, end))
  keys.sort()
  for (let j = 0; j < n; j++) {
    const column = Math.floor(keys[j]! / n)
    indices[start + j] = column
    values[start + j] = scratch.values[keys[j]! - column * n]!
  }
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
