import type { CsrMatrix } from '../features/sparse'

export interface NaiveBayesOptions {
  complement: boolean
  alpha: number
  /** One binary model (the label against the rest) per label, for multi-label data. */
  binary: boolean
}

/**
 * Multinomial and complement naive Bayes over TF-IDF features with scikit-learn's formulas, as
 * linear weights ((cols + 1) x width, last row the bias). Multiclass: each label's joint
 * log-likelihood (arg-max and softmax give the label and its probability). Binary per label: the
 * log-odds of the label against the rest (complement NB, like scikit-learn's with two classes,
 * has no prior term).
 */
export function naiveBayesWeights(
  x: CsrMatrix,
  members: Uint8Array,
  width: number,
  options: NaiveBayesOptions,
): Float32Array {
  const featureCount = new Float64Array(x.cols * width)
  const classCount = new Float64Array(width)
  const total = new Float64Array(x.cols)
  for (let r = 0; r < x.rows; r++) {
    for (let k = x.indptr[r]!; k < x.indptr[r + 1]!; k++) total[x.indices[k]!]! += x.values[k]!
    for (let l = 0; l < width; l++) {
      if (!members[r * width + l]) continue
      classCount[l]!++
      for (let k = x.indptr[r]!; k < x.indptr[r + 1]!; k++) {
        featureCount[x.indices[k]! * width + l]! += x.values[k]!
      }
    }
  }
  const weights = new Float32Array((x.cols + 1) * width)
  if (options.binary) {
    binaryWeights(featureCount, total, classCount, x.rows, width, options, weights)
    return weights
  }
  const alpha = options.alpha
  const logProb = options.complement
    ? complementLogProb(featureCount, width, alpha)
    : multinomialLogProb(featureCount, width, alpha)
  centerPerFeature(logProb, width, weights)
  const rows = classCount.reduce((a, b) => a + b, 0)
  if (!options.complement || width === 1) {
    for (let l = 0; l < width; l++) weights[x.cols * width + l] = Math.log(classCount[l]! / rows)
  }
  return weights
}

/** Per label: log P(term | label) - log P(term | not label), and the prior log-odds as bias. */
function binaryWeights(
  counts: Float64Array,
  total: Float64Array,
  classCount: Float64Array,
  rows: number,
  width: number,
  { alpha, complement }: NaiveBayesOptions,
  out: Float32Array,
): void {
  const features = total.length
  const positiveSum = new Float64Array(width)
  let allSum = 0
  for (let f = 0; f < features; f++) {
    allSum += total[f]!
    for (let l = 0; l < width; l++) positiveSum[l]! += counts[f * width + l]!
  }
  for (let l = 0; l < width; l++) {
    const logPositive = Math.log(positiveSum[l]! + alpha * features)
    const logNegative = Math.log(allSum - positiveSum[l]! + alpha * features)
    for (let f = 0; f < features; f++) {
      const positive = counts[f * width + l]!
      const negative = Math.max(0, total[f]! - positive)
      out[f * width + l] =
        Math.log(positive + alpha) - logPositive - (Math.log(negative + alpha) - logNegative)
    }
    const negatives = rows - classCount[l]!
    out[features * width + l] = complement
      ? 0
      : Math.log(Math.max(classCount[l]!, 0.5) / Math.max(negatives, 0.5))
  }
}

function multinomialLogProb(counts: Float64Array, width: number, alpha: number): Float64Array {
  const features = counts.length / width
  const sums = new Float64Array(width)
  for (let f = 0; f < features; f++)
    for (let l = 0; l < width; l++) sums[l]! += counts[f * width + l]! + alpha
  return counts.map((c, i) => Math.log(c + alpha) - Math.log(sums[i % width]!))
}

function complementLogProb(counts: Float64Array, width: number, alpha: number): Float64Array {
  const features = counts.length / width
  const all = new Float64Array(features)
  for (let f = 0; f < features; f++)
    for (let l = 0; l < width; l++) all[f]! += counts[f * width + l]!
  const complement = counts.map((c, i) => all[Math.floor(i / width)]! + alpha - c)
  const sums = new Float64Array(width)
  complement.forEach((c, i) => (sums[i % width]! += c))
  return complement.map((c, i) => -Math.log(c / sums[i % width]!))
}

/**
 * Subtracting each feature's mean over labels shifts every label's log-likelihood by the same
 * amount per row (argmax and softmax unchanged) and keeps float32 weights precise.
 */
function centerPerFeature(logProb: Float64Array, width: number, out: Float32Array): void {
  for (let start = 0; start < logProb.length; start += width) {
    let mean = 0
    for (let l = 0; l < width; l++) mean += logProb[start + l]!
    mean /= width
    for (let l = 0; l < width; l++) out[start + l] = logProb[start + l]! - mean
  }
}
