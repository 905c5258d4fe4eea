import type { CsrMatrix } from '../features/sparse'
import { foldTfidf, type TermCounts, type TfidfParams } from '../features/tfidf'
import { foldRows } from './folds'

export interface Fold {
  /** Row numbers (into the whole training set) of the fold's training and validation rows. */
  trainRows: Int32Array
  validRows: Int32Array
  train: CsrMatrix
  valid: CsrMatrix
  /** Term id in counts.table -> column of train/valid, or -1. */
  mapping: Int32Array
}

/**
 * The TF-IDF matrices of every cross-validation fold for one feature set: the texts are tokenised
 * once (TermCounts), each fold learns its vocabulary and idf from its own training rows only, and a
 * fold is built once and then shared by every model kind and parameter tried on it.
 */
export class FoldFeatures {
  private readonly cache: (Fold | null)[]

  constructor(
    readonly counts: TermCounts,
    readonly params: TfidfParams,
    readonly folds: Int32Array,
    readonly k: number,
    /** Keep built folds for later calls (a CV driver trying several models); off to save memory. */
    private readonly keep = true,
  ) {
    this.cache = new Array<Fold | null>(k).fill(null)
  }

  fold(f: number): Fold {
    const cached = this.cache[f]
    if (cached) return cached
    const { train: trainRows, valid: validRows } = foldRows(this.folds, f)
    const { train, valid, mapping } = foldTfidf(this.counts, this.params, trainRows, validRows)
    const fold = { trainRows, validRows, train, valid, mapping }
    if (this.keep) this.cache[f] = fold
    return fold
  }
}
