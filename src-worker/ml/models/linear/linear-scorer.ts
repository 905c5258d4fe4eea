import { grownInt32 } from '../../features/growable'
import { TermCounter } from '../../features/term-counter'
import { TermTable } from '../../features/term-table'
import { normalizeText } from '../../text/normalize'
import { forEachToken, type TokenizeOptions, type TokenSink } from '../../text/tokenize'
import type { ScorerTables } from './scorer-tables'

/** Widest model whose per-label products the scoring pass keeps (see LinearScorer.products). */
const KEPT_PRODUCTS_LABELS = 16
/** 1 + ln(count), the sublinear term frequency, for the small counts nearly every term has. */
const TF = Float64Array.from({ length: 64 }, (_, count) => 1 + Math.log(count))

/** Numbers per token in ScoredTokens.at. */
export const TOKEN_FIELDS = 5

/**
 * The tokens of the text last scored: token i is at[TOKEN_FIELDS * i ..], its range in
 * `normalized` as TokenSink gives it (s1, e1, s2, e2: text[s1, e1), + ' ' + text[s2, e2) when
 * s2 >= 0), then where its term sits in counter.ids, or -1 when the term is not in the vocabulary.
 * Explanations read where terms occur from it: one array written in order, no per-token objects.
 */
export interface ScoredTokens {
  normalized: string
  count: number
  at: Int32Array
}

/** Where the token at[t ..] ends in the normalised text: its second range's end, if it has one. */
export function tokenEnd(at: Int32Array, t: number): number {
  return at[t + 2]! >= 0 ? at[t + 3]! : at[t + 1]!
}

/**
 * Decision values of a linear model over TF-IDF features, one text at a time: one pass of the
 * tokenizer (rolling term hashes) with exact vocabulary lookups counts the distinct terms, then
 * each term's idf and label weights, kept side by side in one row so a term costs one cache miss,
 * go straight into the label sums. Values equal TfidfEncoder + a dot product bit for bit: same
 * term order, float64 TF-IDF, and label sums rounded to float32 after every term as before.
 */
export class LinearScorer {
  readonly counter = new TermCounter()
  /** L2-normalised TF-IDF value of each distinct term counter.ids[k] of the last text. */
  values = new Float64Array(256)
  /** Set to keep what each term added to each label's sum (explanations). */
  record = false
  /**
   * What term counter.ids[k] added to label l's sum, at products[labelProducts(l, size) + k]: the
   * explanations' candidates. Kept by the scoring pass when recording a model of at most
   * KEPT_PRODUCTS_LABELS labels (a few stores per term against a second pass over the terms for
   * each label explained); a wider model works out one label's at a time, when asked.
   */
  products = new Float64Array(0)
  private productRows = 0
  private readonly keeps: boolean
  /** Per term: idf, then its weight for each label. */
  private readonly rows: Float32Array<ArrayBufferLike>
  private readonly bias: Float32Array<ArrayBufferLike>
  private readonly vocabulary: TermTable
  private readonly sums: Float64Array
  private readonly stride: number
  private readonly sink: TokenSink
  /** The last text's tokens; the fifth number of each is its lookup key until score counts terms. */
  readonly tokens: ScoredTokens = {
    normalized: '',
    count: 0,
    at: new Int32Array(TOKEN_FIELDS * 512),
  }
  /** Read by nothing: keeps the touch passes' loads. */
  touched = 0

  constructor(
    private readonly tokenize: TokenizeOptions,
    tables: ScorerTables,
    readonly width: number,
    keepProducts = width <= KEPT_PRODUCTS_LABELS,
  ) {
    this.keeps = keepProducts
    this.stride = width + 1
    this.rows = tables.rows
    this.bias = tables.bias
    this.vocabulary = tables.table ?? TermTable.fromParts(tables.vocabulary)
    this.sums = new Float64Array(width)
    const tokens = this.tokens
    this.sink = {
      token: (_text, s1, e1, s2, e2, hash) => {
        let at = tokens.count * TOKEN_FIELDS
        const buffer = (tokens.at = withRoom(tokens.at, at))
        buffer[at++] = s1
        buffer[at++] = e1
        buffer[at++] = s2
        buffer[at++] = e2
        buffer[at] = TermTable.key(hash)
        tokens.count++
      },
    }
  }

  /** Writes the text's decision values to raw[base .. base + width); returns its distinct terms. */
  score(text: string, raw: Float32Array, base: number): number {
    const { counter, rows, stride, sums, width } = this
    counter.startDocument()
    const normalized = normalizeText(text)
    this.tokens.normalized = normalized
    this.tokens.count = 0
    forEachToken(normalized, this.tokenize, this.sink)
    // Counts the vocabulary terms among the tokens, leaving each token's place in counter.ids
    // (or -1) where its key was. The first slots are touched in one loop before any lookup: on a
    // vocabulary far bigger than the caches their misses then overlap. The loop is here, not in a
    // method of its own: V8 then inlines the per-token lookup and count before the per-row calls.
    const { at, count } = this.tokens
    const vocabulary = this.vocabulary
    this.touched = vocabulary.touch(at, count, TOKEN_FIELDS)
    for (let t = 0; t < count * TOKEN_FIELDS; t += TOKEN_FIELDS) {
      const id = vocabulary.find(normalized, at[t]!, at[t + 1]!, at[t + 2]!, at[t + 3]!, at[t + 4]!)
      at[t + 4] = id < 0 ? -1 : counter.add(id)
    }
    const size = counter.size
    if (this.values.length < size) this.values = new Float64Array(counter.ids.length)
    const values = this.values
    const ids = counter.ids
    this.touched += touchRows(rows, ids, size, stride)
    let squares = 0
    for (let k = 0; k < size; k++) {
      const count = counter.counts[k]!
      const tf = count < TF.length ? TF[count]! : 1 + Math.log(count)
      const value = tf * rows[ids[k]! * stride]!
      values[k] = value
      squares += value * value
    }
    const scale = squares === 0 ? 1 : 1 / Math.sqrt(squares)
    for (let k = 0; k < size; k++) values[k] = values[k]! * scale
    if (this.record && this.productRows < size) {
      this.productRows = 2 * size
      this.products = new Float64Array((this.keeps ? width : 1) * this.productRows)
    }
    let l = 0
    for (; l + 4 <= width; l += 4) this.addFourLabels(size, l)
    for (; l < width; l++) this.addLabel(size, l)
    for (let l = 0; l < width; l++) raw[base + l] = sums[l]!
    return size
  }

  /**
   * Where label l's products for the text last scored (recording, `size` terms) start in
   * `products`: kept by the scoring pass, or worked out now over the first block.
   */
  labelProducts(l: number, size: number): number {
    if (this.keeps) return l * this.productRows
    const { rows, stride, values, products } = this
    const ids = this.counter.ids
    for (let k = 0; k < size; k++) products[k] = values[k]! * rows[ids[k]! * stride + 1 + l]!
    return 0
  }

  /**
   * Labels first .. first + 3 of the sums over the text's `size` terms (values already scaled):
   * four running sums in locals, not a store and load of each label's sum per term, rounded to
   * float32 after every term as always.
   */
  private addFourLabels(size: number, first: number): void {
    const { rows, stride, values, sums, bias, products } = this
    const record = this.record && this.keeps
    const ids = this.counter.ids
    const at = first * this.productRows
    const next = this.productRows
    let s0 = bias[first]!
    let s1 = bias[first + 1]!
    let s2 = bias[first + 2]!
    let s3 = bias[first + 3]!
    for (let k = 0; k < size; k++) {
      const value = values[k]!
      const row = ids[k]! * stride + 1 + first
      const p0 = value * rows[row]!
      const p1 = value * rows[row + 1]!
      const p2 = value * rows[row + 2]!
      const p3 = value * rows[row + 3]!
      s0 = Math.fround(s0 + p0)
      s1 = Math.fround(s1 + p1)
      s2 = Math.fround(s2 + p2)
      s3 = Math.fround(s3 + p3)
      if (!record) continue
      products[at + k] = p0
      products[at + next + k] = p1
      products[at + 2 * next + k] = p2
      products[at + 3 * next + k] = p3
    }
    sums[first] = s0
    sums[first + 1] = s1
    sums[first + 2] = s2
    sums[first + 3] = s3
  }

  /** Label l's sum alone (the labels after the last four). */
  private addLabel(size: number, l: number): void {
    const { rows, stride, values, bias, products } = this
    const record = this.record && this.keeps
    const ids = this.counter.ids
    const at = l * this.productRows
    let sum = bias[l]!
    for (let k = 0; k < size; k++) {
      const product = values[k]! * rows[ids[k]! * stride + 1 + l]!
      sum = Math.fround(sum + product)
      if (record) products[at + k] = product
    }
    this.sums[l] = sum
  }
}

/**
 * Reads the first and last number of the rows of ids[0 .. size) in a tight loop (the sum keeps the
 * reads), so that their cache misses overlap, before the loops that need them. Both ends: a row
 * of 4 labels (20 bytes) crosses a cache line one time in four.
 */
function touchRows(
  rows: Float32Array<ArrayBufferLike>,
  ids: Int32Array,
  size: number,
  stride: number,
) {
  let sum = 0
  const end = stride - 1
  for (let k = 0; k < size; k++) sum += rows[ids[k]! * stride]! + rows[ids[k]! * stride + end]!
  return sum
}

/** The buffer itself while `at` is inside it, else a copy twice as long. */
function withRoom<B extends ArrayBufferLike>(
  buffer: Int32Array<B>,
  at: number,
): Int32Array<B> | Int32Array<ArrayBuffer> {
  return at < buffer.length ? buffer : grownInt32(buffer, 2 * buffer.length)
}
