import { TermCounter } from '../../features/term-counter'
import { normalizeText } from '../../text/normalize'
import { forEachToken, type TokenizeOptions, type TokenSink } from '../../text/tokenize'
import { IDF, WEIGHTS, type ScoringTable } from './scoring-table'

/** Where vocabulary terms occur in the normalised text last scored (when recording). */
export interface HeardTerms {
  normalized: string
  /** Occurrences recorded. */
  count: number
  /**
   * Occurrence i is [3i] the term, as its index k in counter.ids, [3i + 1] its start and [3i + 2]
   * its end in `normalized`: one array written in order, no per-occurrence objects.
   */
  at: Int32Array
}

/**
 * Decision values of a linear model over TF-IDF features, one text at a time: one pass of the
 * tokenizer (rolling term hashes) with exact vocabulary lookups counts the distinct terms by their
 * slot in the scoring table, whose slot also holds the term's idf and label weights (one cache
 * miss per token); then they go straight into the label sums. Values equal TfidfEncoder + a dot
 * product bit for bit: same term order, float64 TF-IDF, and label sums rounded to float32 after
 * every term as before.
 */
export class LinearScorer {
  /** Counts distinct terms by their slot index in table.ints/floats. */
  readonly counter = new TermCounter()
  /** L2-normalised TF-IDF value of each distinct term counter.ids[k] of the last text. */
  values = new Float64Array(256)
  /** Set to record where terms occur (explanations). */
  record = false
  readonly heard: HeardTerms = { normalized: '', count: 0, at: new Int32Array(3 * 512) }
  private readonly sums: Float64Array
  private readonly sink: TokenSink

  constructor(
    private readonly tokenize: TokenizeOptions,
    readonly table: ScoringTable,
    readonly width: number,
  ) {
    this.sums = new Float64Array(width)
    const counter = this.counter
    const heard = this.heard
    this.sink = {
      token: (text, s1, e1, s2, e2, hash) => {
        const slot = table.find(text, s1, e1, s2, e2, hash)
        if (slot < 0) return
        const entry = counter.add(slot)
        if (!this.record) return
        let i = 3 * heard.count++
        if (i === heard.at.length) {
          const bigger = new Int32Array(2 * i)
          bigger.set(heard.at)
          heard.at = bigger
        }
        const occurrences = heard.at
        occurrences[i++] = entry
        occurrences[i++] = s1
        occurrences[i] = s2 >= 0 ? e2 : e1
      },
    }
  }

  /** Writes the text's decision values to raw[base .. base + width); returns its distinct terms. */
  score(text: string, raw: Float32Array, base: number): number {
    const { counter, sums, width } = this
    const { floats, bias } = this.table
    counter.startDocument()
    const normalized = normalizeText(text)
    if (this.record) {
      this.heard.normalized = normalized
      this.heard.count = 0
    }
    forEachToken(normalized, this.tokenize, this.sink)
    const size = counter.size
    if (this.values.length < size) this.values = new Float64Array(counter.ids.length)
    const values = this.values
    const ids = counter.ids
    let squares = 0
    for (let k = 0; k < size; k++) {
      const value = (1 + Math.log(counter.counts[k]!)) * floats[ids[k]! + IDF]!
      values[k] = value
      squares += value * value
    }
    const scale = squares === 0 ? 1 : 1 / Math.sqrt(squares)
    for (let l = 0; l < width; l++) sums[l] = bias[l]!
    for (let k = 0; k < size; k++) {
      const value = values[k]! * scale
      values[k] = value
      const row = ids[k]! + WEIGHTS
      for (let l = 0; l < width; l++) sums[l] = Math.fround(sums[l]! + value * floats[row + l]!)
    }
    for (let l = 0; l < width; l++) raw[base + l] = sums[l]!
    return size
  }

  /** Weight for label l of the term counted as counter.ids[k] = key. */
  weight(key: number, l: number): number {
    return this.table.floats[key + WEIGHTS + l]!
  }

  /** Vocabulary id of the term counted as key. */
  termId(key: number): number {
    return this.table.termId(key)
  }
}
