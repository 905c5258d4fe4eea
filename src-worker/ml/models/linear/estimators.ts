import { rowSquaredNorms, type CsrMatrix } from '../../features/sparse'
import { naiveBayesWeights } from '../naive-bayes'
import { labelThreadCount, solveOneVsRest, type LabelStarted } from './label-threads'

export type StatisticalKind = 'linear-svm' | 'logreg' | 'nb' | 'cnb'

/** Everything that decides a fit besides the data: one candidate of a model search. */
export interface EstimatorSettings {
  kind: StatisticalKind
  multiLabel: boolean
  /** SVM and logistic regression. */
  C: number
  tolerance: number
  maxIterations: number
  /** Naive Bayes smoothing. */
  alpha: number
  /**
   * Multi-label naive Bayes: one binary model per label (true), or one multinomial model over the
   * labels, each row counting for every label it has, with a label's decision its log-odds
   * against the others (false; clearly better on mixed-topic rows: 0.75-0.78 against 0.52
   * macro-F1 on zh_thucnews_tw_multi).
   */
  binaryPerLabel: boolean
  seed: number
  /**
   * SVM and logistic regression: threads solving labels at once (0: one per core, on problems
   * large enough to gain). Any count gives the same weights to the bit.
   */
  threads?: number
}

/**
 * raw: each label's decision is its linear score (one-vs-rest models, binary naive Bayes).
 * softmax-odds: single-label naive Bayes, whose linear scores are joint log-likelihoods; a label's
 * decision is its log-odds against all other labels (the logit of the softmax), same arg-max.
 */
export type DecisionKind = 'raw' | 'softmax-odds'

export function decisionKindOf(
  settings: Pick<EstimatorSettings, 'kind' | 'multiLabel' | 'binaryPerLabel'>,
): DecisionKind {
  const nb = settings.kind === 'nb' || settings.kind === 'cnb'
  const binary = settings.multiLabel && settings.binaryPerLabel
  return nb && !binary ? 'softmax-odds' : 'raw'
}

/** A label's fit starts: `started` labels started before it (they may run concurrently). */
export type LabelProgress = LabelStarted

/**
 * Fits one model kind on a TF-IDF matrix: (x.cols + 1) x width weights, feature-major, the last
 * row the bias. members is rows x width (1 = the row has the label). SVM and logistic regression
 * are one-vs-rest per label; naive Bayes is one multinomial model over the labels, or (multi-label,
 * binaryPerLabel) one binary model per label.
 */
export function fitWeights(
  settings: EstimatorSettings,
  x: CsrMatrix,
  members: Uint8Array,
  width: number,
  progress: LabelProgress = () => {},
): Float32Array {
  if (settings.kind === 'nb' || settings.kind === 'cnb') {
    return naiveBayesWeights(x, members, width, {
      complement: settings.kind === 'cnb',
      alpha: settings.alpha,
      binary: settings.multiLabel && settings.binaryPerLabel,
    })
  }
  const { kind, C, tolerance, maxIterations, seed } = settings
  const problem = {
    settings: { kind, C, tolerance, maxIterations, seed },
    x,
    members,
    width,
    squaredNorms: rowSquaredNorms(x, 1),
  }
  return solveOneVsRest(
    problem,
    labelThreadCount(width, x.indices.length, settings.threads ?? 0),
    progress,
  )
}

/** rows x width decision values of a fitted model on a TF-IDF matrix. */
export function decisionValues(
  x: CsrMatrix,
  weights: Float32Array,
  width: number,
  kind: DecisionKind,
): Float64Array {
  const out = new Float64Array(x.rows * width)
  const scratch = new Float64Array(2 * width)
  const biasRow = x.cols * width
  for (let r = 0; r < x.rows; r++) {
    const base = r * width
    for (let l = 0; l < width; l++) out[base + l] = weights[biasRow + l]!
    for (let k = x.indptr[r]!; k < x.indptr[r + 1]!; k++) {
      const row = x.indices[k]! * width
      const v = x.values[k]!
      for (let l = 0; l < width; l++) out[base + l]! += v * weights[row + l]!
    }
    if (kind === 'softmax-odds') softmaxOdds(out, base, width, out, base, scratch)
  }
  return out
}

/** Beyond this the odds only say "certain"; a bound keeps calibration fits finite. */
const MAX_ODDS = 700

/**
 * Log-odds of each label against the others from joint log-likelihoods:
 * z_l - log(sum over k != l of exp(z_k)); exact sums of the others from prefix and suffix sums.
 * scratch holds at least 2 x width numbers; z and out may be the same array.
 */
export function softmaxOdds(
  z: ArrayLike<number>,
  base: number,
  width: number,
  out: { [i: number]: number },
  outBase: number,
  scratch: Float64Array,
): void {
  if (width === 1) {
    out[outBase] = MAX_ODDS
    return
  }
  let max = -Infinity
  for (let l = 0; l < width; l++) max = Math.max(max, z[base + l]!)
  let prefix = 0
  for (let l = 0; l < width; l++) {
    const e = Math.exp(z[base + l]! - max)
    scratch[l] = e
    scratch[width + l] = prefix
    prefix += e
  }
  let suffix = 0
  for (let l = width - 1; l >= 0; l--) {
    const others = scratch[width + l]! + suffix
    suffix += scratch[l]!
    const odds = z[base + l]! - max - Math.log(others)
    out[outBase + l] = Math.max(-MAX_ODDS, Math.min(MAX_ODDS, odds))
  }
}
