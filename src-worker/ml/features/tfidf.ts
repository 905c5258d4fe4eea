import { normalizeText } from '../text/normalize'
import {
  DEFAULT_TOKENIZE_OPTIONS,
  forEachToken,
  type TokenizeOptions,
  type TokenSink,
} from '../text/tokenize'
import { GrowableInt32, sharedFloat32, sharedInt32 } from './growable'
import { sortRowEntries, type CsrMatrix } from './sparse'
import { TermCounter } from './term-counter'
import { TermTable } from './term-table'

export interface TfidfParams {
  /** Drop terms found in fewer documents than this. */
  minDf: number
  /** Drop terms found in more than this fraction of documents. */
  maxDf: number
  /** Keep only the most frequent terms (0 = keep all). */
  maxFeatures: number
  tokenize: TokenizeOptions
}

export const DEFAULT_TFIDF_PARAMS: TfidfParams = {
  minDf: 1,
  maxDf: 1,
  maxFeatures: 0,
  tokenize: DEFAULT_TOKENIZE_OPTIONS,
}

/** A fitted vocabulary: sublinear tf, smoothed idf, L2-normalised rows. */
export interface Tfidf {
  params: TfidfParams
  terms: string[]
  vocabulary: TermTable
  idf: Float32Array
}

export function createTfidf(
  params: TfidfParams,
  terms: string[],
  idf: Float32Array,
  vocabulary = TermTable.from(terms),
): Tfidf {
  return { params, terms, vocabulary, idf }
}

/** Every document's distinct terms and their counts over one growing vocabulary: tokenised once. */
export interface TermCounts {
  table: TermTable
  /** Documents: row r holds ids/counts[indptr[r] .. indptr[r + 1]). */
  indptr: Int32Array
  ids: Int32Array
  counts: Int32Array
}

/** Documents counted before the arrays of all documents' terms are sized. */
const SIZE_SAMPLE = 2000

/**
 * Counts documents one at a time into typed arrays, so a corpus can be featurised as it streams
 * in (from a file, in chunks) and no text is kept once counted. Given the number of documents to
 * expect, the arrays are sized once from the first ones (with room to spare: pages never written
 * cost no memory), so a large corpus is not copied at each growth.
 */
export class TermCountsBuilder {
  readonly table = new TermTable()
  private readonly counter = new TermCounter()
  private indptr: GrowableInt32
  private readonly ids: GrowableInt32
  private readonly counts: GrowableInt32
  private readonly sink: TokenSink

  constructor(
    private readonly options: TokenizeOptions,
    /** Documents expected (0: unknown); a guess only, the arrays grow past it. */
    private readonly expected = 0,
  ) {
    this.indptr = new GrowableInt32(expected > 0 ? expected + 1 : 1024)
    this.indptr.push(0)
    // Shared memory: the matrix is written over these arrays and read by every solver thread.
    this.ids = new GrowableInt32(Math.min(expected, SIZE_SAMPLE) * 16 || 1024, true)
    this.counts = new GrowableInt32(Math.min(expected, SIZE_SAMPLE) * 16 || 1024, true)
    const { table, counter } = this
    this.sink = {
      token: (text, s1, e1, s2, e2, hash) => counter.add(table.intern(text, s1, e1, s2, e2, hash)),
    }
  }

  get documents(): number {
    return this.indptr.length - 1
  }

  add(text: string): void {
    const { counter, ids, counts } = this
    counter.startDocument()
    forEachToken(normalizeText(text), this.options, this.sink)
    for (let k = 0; k < counter.size; k++) {
      ids.push(counter.ids[k]!)
      counts.push(counter.counts[k]!)
    }
    this.indptr.push(ids.length)
    if (this.documents === SIZE_SAMPLE && this.expected > SIZE_SAMPLE) {
      const expected = Math.ceil((ids.length / SIZE_SAMPLE) * this.expected * 1.05)
      ids.reserve(expected)
      counts.reserve(expected)
    }
  }

  /** The counts of every document added; the builder is not to be used afterwards. */
  finish(): TermCounts {
    return {
      table: this.table,
      indptr: this.indptr.trimmed(),
      ids: this.ids.trimmed(),
      counts: this.counts.trimmed(),
    }
  }
}

/** Tokenises every text once; fitting TF-IDF on any subset of rows then needs no tokenising. */
export function countTerms(texts: readonly string[], options: TokenizeOptions): TermCounts {
  const builder = new TermCountsBuilder(options, texts.length)
  for (const text of texts) builder.add(text)
  return builder.finish()
}

/** Document frequency and total count of every term over the given rows (all rows when null). */
function frequencies(raw: TermCounts, rows: Int32Array | null) {
  const df = new Int32Array(raw.table.size)
  const totals = new Float64Array(raw.table.size)
  const count = rows ? rows.length : raw.indptr.length - 1
  for (let i = 0; i < count; i++) {
    const r = rows ? rows[i]! : i
    for (let k = raw.indptr[r]!; k < raw.indptr[r + 1]!; k++) {
      df[raw.ids[k]!]!++
      totals[raw.ids[k]!]! += raw.counts[k]!
    }
  }
  return { df, totals }
}

/** Old id -> new id (or -1); ties keep first-appearance order, so the result is deterministic. */
function selectTerms(
  df: Int32Array,
  totals: Float64Array,
  docs: number,
  params: TfidfParams,
): Int32Array {
  const maxDocs = params.maxDf >= 1 ? docs : Math.floor(params.maxDf * docs)
  let kept: number[] = []
  for (let id = 0; id < df.length; id++) {
    if (df[id]! >= Math.max(1, params.minDf) && df[id]! <= maxDocs) kept.push(id)
  }
  if (params.maxFeatures > 0 && kept.length > params.maxFeatures) {
    kept = kept.sort((a, b) => totals[b]! - totals[a]! || a - b).slice(0, params.maxFeatures)
  }
  // Frequent terms first: their weights share cache lines, which speeds up fitting and predicting.
  kept.sort((a, b) => df[b]! - df[a]! || a - b)
  const mapping = new Int32Array(df.length).fill(-1)
  kept.forEach((oldId, newId) => (mapping[oldId] = newId))
  return mapping
}

/** Vocabulary selection and smoothed idf learnt from the given rows (all when null). */
function learnIdf(raw: TermCounts, rows: Int32Array | null, params: TfidfParams) {
  const docs = rows ? rows.length : raw.indptr.length - 1
  const { df, totals } = frequencies(raw, rows)
  const mapping = selectTerms(df, totals, docs, params)
  let cols = 0
  for (const id of mapping) if (id >= 0) cols++
  const idf = new Float32Array(cols)
  mapping.forEach((newId, oldId) => {
    if (newId >= 0) idf[newId] = Math.log((1 + docs) / (1 + df[oldId]!)) + 1
  })
  return { mapping, idf }
}

/** Learns the vocabulary and idf from the texts and returns their TF-IDF matrix. */
export function fitTfidf(texts: readonly string[], params: TfidfParams = DEFAULT_TFIDF_PARAMS) {
  return tfidfFromCounts(countTerms(texts, params.tokenize), params)
}

/**
 * fitTfidf over texts already counted by countTerms with params.tokenize. consume: the matrix is
 * written over raw's own arrays (raw is unusable afterwards), so a large corpus is not held twice.
 */
export function tfidfFromCounts(raw: TermCounts, params: TfidfParams, consume = false) {
  const { mapping, idf } = learnIdf(raw, null, params)
  const vocabulary = raw.table.select(mapping)
  const tfidf = createTfidf(params, vocabulary.terms(), idf, vocabulary)
  const matrix = consume
    ? weightRowsInPlace(raw, mapping, idf)
    : weightRows(raw, null, mapping, idf)
  return { tfidf, matrix }
}

/**
 * weightRows over all rows, each entry written where its count was (or before it, as dropped terms
 * close up): ids become column indices and counts' bytes become float32 values.
 */
function weightRowsInPlace(raw: TermCounts, mapping: Int32Array, idf: Float32Array): CsrMatrix {
  const rows = raw.indptr.length - 1
  const indices = raw.ids
  const counts = raw.counts
  const values = new Float32Array(counts.buffer, counts.byteOffset, counts.length)
  const indptr = sharedInt32(rows + 1)
  const scratch = { keys: new Float64Array(256), values: new Float32Array(256) }
  let at = 0
  for (let r = 0; r < rows; r++) {
    const rowStart = at
    for (let k = raw.indptr[r]!; k < raw.indptr[r + 1]!; k++) {
      const id = mapping[indices[k]!]!
      if (id < 0) continue
      const count = counts[k]!
      indices[at] = id
      values[at++] = (1 + Math.log(count)) * idf[id]!
    }
    normalizeRow(values, rowStart, at)
    sortRowEntries(indices, values, rowStart, at, scratch)
    indptr[r + 1] = at
  }
  return {
    rows,
    cols: idf.length,
    indptr,
    indices: indices.subarray(0, at),
    values: values.subarray(0, at),
  }
}

/**
 * One cross-validation fold: TF-IDF learnt from the training rows only (vocabulary, idf), then
 * both row sets weighted with it, exactly as fitTfidf on those texts and transformTfidf would
 * (mapping: raw term id -> column, or -1; column order may differ from fitTfidf's).
 */
export function foldTfidf(
  raw: TermCounts,
  params: TfidfParams,
  trainRows: Int32Array,
  validRows: Int32Array,
): { train: CsrMatrix; valid: CsrMatrix; mapping: Int32Array } {
  const { mapping, idf } = learnIdf(raw, trainRows, params)
  return {
    mapping,
    train: weightRows(raw, trainRows, mapping, idf),
    valid: weightRows(raw, validRows, mapping, idf),
  }
}

function weightRows(
  raw: TermCounts,
  rows: Int32Array | null,
  mapping: Int32Array,
  idf: Float32Array,
): CsrMatrix {
  const count = rows ? rows.length : raw.indptr.length - 1
  let nnz = 0
  for (let i = 0; i < count; i++) {
    const r = rows ? rows[i]! : i
    nnz += raw.indptr[r + 1]! - raw.indptr[r]!
  }
  // Shared memory: solver threads read the matrix without a copy.
  const indptr = sharedInt32(count + 1)
  const indices = sharedInt32(nnz)
  const values = sharedFloat32(nnz)
  const scratch = { keys: new Float64Array(256), values: new Float32Array(256) }
  let at = 0
  for (let i = 0; i < count; i++) {
    const r = rows ? rows[i]! : i
    const rowStart = at
    for (let k = raw.indptr[r]!; k < raw.indptr[r + 1]!; k++) {
      const id = mapping[raw.ids[k]!]!
      if (id < 0) continue
      indices[at] = id
      values[at++] = (1 + Math.log(raw.counts[k]!)) * idf[id]!
    }
    normalizeRow(values, rowStart, at)
    sortRowEntries(indices, values, rowStart, at, scratch)
    indptr[i + 1] = at
  }
  return {
    rows: count,
    cols: idf.length,
    indptr,
    indices: indices.subarray(0, at),
    values: values.subarray(0, at),
  }
}

function normalizeRow(values: Float32Array | Float64Array, start: number, end: number): void {
  let sum = 0
  for (let k = start; k < end; k++) sum += values[k]! * values[k]!
  if (sum === 0) return
  const scale = 1 / Math.sqrt(sum)
  for (let k = start; k < end; k++) values[k]! *= scale
}

/**
 * Encodes one text at a time into reusable buffers (ids + weights): the predict hot path
 * allocates nothing per row beyond the token strings themselves.
 */
export class TfidfEncoder {
  readonly counter: TermCounter
  weights = new Float64Array(256)
  /**
   * When set, hears each vocabulary term where it occurs in the normalised text being encoded
   * (a word pair or run edge spans both its parts): explanations need no second tokenizing.
   */
  onTerm: ((id: number, normalized: string, start: number, end: number) => void) | null = null
  private readonly sink: TokenSink

  constructor(readonly tfidf: Tfidf) {
    const counter = new TermCounter()
    const vocabulary = tfidf.vocabulary
    this.counter = counter
    this.sink = {
      token: (text, s1, e1, s2, e2, hash) => {
        const id = vocabulary.lookup(text, s1, e1, s2, e2, hash)
        if (id < 0) return
        counter.add(id)
        if (this.onTerm) this.onTerm(id, text, s1, s2 >= 0 ? e2 : e1)
      },
    }
  }

  /** Fills counter.ids[0..size) and weights[0..size); returns size. */
  encode(text: string): number {
    const counter = this.counter
    counter.startDocument()
    forEachToken(normalizeText(text), this.tfidf.params.tokenize, this.sink)
    if (this.weights.length < counter.size) this.weights = new Float64Array(counter.ids.length)
    for (let k = 0; k < counter.size; k++) {
      this.weights[k] = (1 + Math.log(counter.counts[k]!)) * this.tfidf.idf[counter.ids[k]!]!
    }
    normalizeRow(this.weights, 0, counter.size)
    return counter.size
  }
}

/** TF-IDF rows of new texts with a fitted vocabulary. */
export function transformTfidf(tfidf: Tfidf, texts: readonly string[]): CsrMatrix {
  const encoder = new TfidfEncoder(tfidf)
  const indptr = new Int32Array(texts.length + 1)
  const indices = new GrowableInt32(texts.length * 16)
  const values: number[] = []
  texts.forEach((text, r) => {
    const size = encoder.encode(text)
    for (let k = 0; k < size; k++) {
      indices.push(encoder.counter.ids[k]!)
      values.push(encoder.weights[k]!)
    }
    indptr[r + 1] = indices.length
  })
  const cols = tfidf.terms.length
  return {
    rows: texts.length,
    cols,
    indptr,
    indices: indices.toArray(),
    values: Float32Array.from(values),
  }
}
