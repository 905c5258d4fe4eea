import type { KeywordRule } from './keyword/keyword-rules'
import type { DecisionParams, FieldName, ModelKind } from './model'
import type { RawParams } from './params'
import type { RegexRule } from './regex/regex-rules'
import type { TermWeight } from './term-weight/term-weight-csv'

/** What to train: a model kind, or 'auto' (chosen by cross-validation, see auto/select-model). */
export type TrainKind = ModelKind | 'auto'

export interface TrainConfig {
  kind: TrainKind
  /** Field the model reads; default content. */
  field?: FieldName
  /** Model parameters (C, alpha, minDf, ...); strings are parsed, unknown names rejected. */
  params?: RawParams
  decision?: Partial<DecisionParams>
  /** Seed for shuffling: the same data, config and seed give a byte-identical model file. */
  seed?: number
  /** Rules for keyword models. */
  keywordRules?: readonly KeywordRule[]
  /** Patterns for regex models. */
  regexRules?: readonly RegexRule[]
  /** An edited term table for term-weight models (skips learning). */
  termWeights?: readonly TermWeight[]
  /** A fixed statistical model: also score it by this many folds of cross-validation. */
  crossValidate?: number
}
