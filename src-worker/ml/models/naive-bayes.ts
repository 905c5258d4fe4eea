import { fitTfidf } from '../features/tfidf'
import { readTfidfParams } from '../features/tfidf-params'
import { defaultDecision } from './decide'
import { labelMatrix, labelSpace } from './label-space'
import { LinearModel } from './linear/linear-model'
import type { ProgressCallback, TrainingSet } from './model'
import { ParamReader } from './params'
import type { TrainConfig } from './train-config'

/**
 * Multinomial ('nb') and complement ('cnb') naive Bayes over TF-IDF features, with scikit-learn's
 * formulas; scores are the softmax of the joint log-likelihoods.
 */
export function fitNaiveBayes(config: TrainConfig, data: TrainingSet, progress: ProgressCallback) {
  const kind = config.kind === 'cnb' ? 'cnb' : 'nb'
  const reader = new ParamReader(config.params ?? {}, kind)
  const tfidfParams = readTfidfParams(reader)
  const alpha = reader.number('alpha', 1, (v) => v > 0)
  reader.finish()
  const decision = defaultDecision(0.5, config.decision)
  const labels = labelSpace(data.labels, decision.noneLabel)
  progress(0, 2, 'building features')
  const { tfidf, matrix } = fitTfidf(data.texts, tfidfParams)
  progress(1, 2, 'counting')
  const width = labels.length
  const members = labelMatrix(data.labels, labels)
  const featureCount = new Float64Array(matrix.cols * width)
  const classCount = new Float64Array(width)
  for (let r = 0; r < matrix.rows; r++) {
    for (let l = 0; l < width; l++) {
      if (!members[r * width + l]) continue
      classCount[l]!++
      for (let k = matrix.indptr[r]!; k < matrix.indptr[r + 1]!; k++) {
        featureCount[matrix.indices[k]! * width + l]! += matrix.values[k]!
      }
    }
  }
  const logProb =
    kind === 'cnb'
      ? complementLogProb(featureCount, width, alpha)
      : multinomialLogProb(featureCount, width, alpha)
  const weights = new Float32Array((matrix.cols + 1) * width)
  centerPerFeature(logProb, width, weights)
  const total = classCount.reduce((a, b) => a + b, 0)
  if (kind === 'nb' || width === 1) {
    for (let l = 0; l < width; l++)
      weights[matrix.cols * width + l] = Math.log(classCount[l]! / total)
  }
  progress(2, 2, 'done')
  const params = { ...tfidfParams, alpha }
  const header = { kind, labels, field: config.field ?? 'content', decision, params } as const
  return new LinearModel({
    ...header,
    tfidf,
    weights,
    scoring: 'softmax',
    sigmoids: new Float64Array(0),
  })
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
