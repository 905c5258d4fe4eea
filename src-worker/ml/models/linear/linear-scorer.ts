import { normalizeText } from '../../text/normalize'
import type { TokenizeOptions } from '../../text/tokenize'
import { ScoreKernel, type ScratchViews } from './score-kernel'
import type { ScorerTables } from './scorer-tables'

/** Widest model whose per-label products the scoring pass keeps (see LinearScorer.products). */
const KEPT_PRODUCTS_LABELS = 16

/** Numbers per token in ScoredTokens.at. */
export const TOKEN_FIELDS = 5

/**
 * The tokens of the text last scored: token i is at[TOKEN_FIELDS * i ..], its range in
 * `normalized` as TokenSink gives it (s1, e1, s2, e2: text[s1, e1), + ' ' + text[s2, e2) when
 * s2 >= 0), then where its term sits in LinearScorer.views.ids, or -1 when the term is not in the vocabulary.
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
 * Decision values of a linear model over TF-IDF features, one text at a time, computed by the
 * WebAssembly kernel (src-wasm/linear-score.ts, see ScoreKernel): one pass of the tokenizer
 * (rolling term hashes) with exact vocabulary lookups counts the distinct terms, then each term's
 * idf and label weights, kept side by side in one row so a term costs one cache miss, go straight
 * into the label sums. Values equal TfidfEncoder + a dot product bit for bit: same term order,
 * float64 TF-IDF, and label sums rounded to float32 after every term.
 */
export class LinearScorer {
  /** Set to keep what each term added to each label's sum (explanations). */
  record = false
  /** The last text's tokens, each with its place among the text's terms (or -1). */
  readonly tokens: ScoredTokens = { normalized: '', count: 0, at: new Int32Array(0) }
  private readonly kernel: ScoreKernel

  constructor(
    tokenize: TokenizeOptions,
    tables: ScorerTables,
    readonly width: number,
    keepProducts = width <= KEPT_PRODUCTS_LABELS,
  ) {
    this.kernel = new ScoreKernel(tables, tokenize, width, keepProducts)
  }

  /**
   * The kernel's arrays for the text last scored (views of its memory, made again when a longer
   * text moves them): ids and values, each distinct term's vocabulary id and L2-normalised TF-IDF
   * value in order of first occurrence; products, what term k added to label l's sum at
   * products[labelProducts(l) + k], kept by the scoring pass when recording a model of at most
   * KEPT_PRODUCTS_LABELS labels (a few stores per term against a second pass over the terms for
   * each label explained) and worked out one label at a time for a wider one; topEntries and
   * topWeights, what selectTop kept (each term's place k and its product); spans, what
   * matchedSpans found (per occurrence: start, end, the term's rank); units, what matchedUnits
   * chose (start, end).
   */
  get views(): ScratchViews {
    return this.kernel.views
  }

  /** Writes the text's decision values to raw[base .. base + width); returns its distinct terms. */
  score(text: string, raw: Float32Array, base: number): number {
    const normalized = normalizeText(text)
    const size = this.kernel.score(normalized, this.record)
    const { sums, tokens } = this.kernel.views
    for (let l = 0; l < this.width; l++) raw[base + l] = sums[l]!
    this.tokens.normalized = normalized
    this.tokens.count = this.kernel.tokenCount()
    this.tokens.at = tokens
    return size
  }

  /** Where label l's products for the text last scored (recording) start in `products`. */
  labelProducts(l: number): number {
    return this.kernel.labelProducts(l)
  }

  /**
   * The `limit` terms of the text last scored (recording) that pushed label l up most, into
   * views.topEntries and views.topWeights: by product, the earlier first at one product, none at
   * or below 0. Returns how many.
   */
  selectTop(l: number, limit: number): number {
    return this.kernel.selectTop(this.kernel.labelProducts(l), limit)
  }

  /** Where the first `kept` top terms occur, in text order, into views.spans: how many. */
  matchedSpans(kept: number): number {
    return this.kernel.matchedSpans(kept)
  }

  /**
   * The readable units of the first `count` spans in views.spans (candidate c weighing
   * views.topWeights[c]) as explainSpans makes them, the `limit` strongest into views.units (start,
   * end in the normalised text); how many.
   */
  matchedUnits(count: number, limit: number): number {
    return this.kernel.matchedUnits(count, limit)
  }
}
