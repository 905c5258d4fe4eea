import { float32s } from '../../features/allocate'
import type { TermTable, TermTableParts } from '../../features/term-table'
import { KernelMemory } from './kernel-memory'

/**
 * What LinearScorer reads, built once per model: the vocabulary's arrays and, per term, its idf
 * then its weight for each label side by side (one cache miss per term), all in one shared
 * WebAssembly memory that the scoring kernel runs over. The labelling threads share it: the
 * tables cross threads without being copied.
 */
export interface ScorerTables {
  vocabulary: TermTableParts
  /** Term t's row is rows[t * (width + 1) ..]: idf, then the labels' weights. */
  rows: Float32Array<ArrayBufferLike>
  bias: Float32Array<ArrayBufferLike>
  /** The shared memory every array above is in. */
  memory: WebAssembly.Memory
  /** The table itself when it was built on this thread (not sent: rebuilt from `vocabulary`). */
  table?: TermTable
}

/**
 * The rows of a model's weights, (terms + 1) x width feature-major with the bias last, in
 * `kernel`, where the vocabulary already is (TermTable.fromUtf8 with kernel.allocate); without a
 * kernel, in a new one that the vocabulary is copied to.
 */
export function scorerTables(
  vocabulary: TermTable,
  idf: Float32Array<ArrayBufferLike>,
  weights: Float32Array<ArrayBufferLike>,
  width: number,
  kernel?: KernelMemory,
): ScorerTables {
  const memory = kernel ?? new KernelMemory()
  const table = kernel ? vocabulary : vocabulary.copiedTo(memory.allocate)
  const terms = idf.length
  const stride = width + 1
  const rows = float32s(memory.allocate, terms * stride)
  for (let t = 0; t < terms; t++) {
    rows[t * stride] = idf[t]!
    rows.set(weights.subarray(t * width, (t + 1) * width), t * stride + 1)
  }
  const bias = float32s(memory.allocate, width)
  bias.set(weights.subarray(terms * width, (terms + 1) * width))
  return { vocabulary: table.parts(), rows, bias, memory: memory.memory, table }
}

/** The idf column back out of the rows (saving a loaded model; not a hot path). */
export function idfOf({ rows }: ScorerTables, width: number): Float32Array {
  const stride = width + 1
  const idf = new Float32Array(rows.length / stride)
  for (let t = 0; t < idf.length; t++) idf[t] = rows[t * stride]!
  return idf
}

/** The weights back out of the rows, (terms + 1) x width with the bias last, as in the file. */
export function weightsOf({ rows, bias }: ScorerTables, width: number): Float32Array {
  const stride = width + 1
  const terms = rows.length / stride
  const weights = new Float32Array((terms + 1) * width)
  for (let t = 0; t < terms; t++)
    weights.set(rows.subarray(t * stride + 1, (t + 1) * stride), t * width)
  weights.set(bias, terms * width)
  return weights
}

/** The tables without this thread's table object, to post to other threads. */
export function portableTables({ vocabulary, rows, bias, memory }: ScorerTables): ScorerTables {
  return { vocabulary, rows, bias, memory }
}
