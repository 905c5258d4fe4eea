import { readTfidfParams } from '../../features/tfidf-params'
import { defaultDecision } from '../decide'
import type { EstimatorSettings } from '../linear/estimators'
import {
  fitWithCv,
  prepareLabels,
  readCalibration,
  type StatisticalFit,
  type TrainTimings,
} from '../linear/linear-train'
import type { ProgressCallback, TrainingSet } from '../model'
import { ParamError, ParamReader } from '../params'
import type { TrainConfig } from '../train-config'
import { BIAS_TERM, IDF_LABEL, type TermWeight } from './term-weight-csv'
import { TermWeightModel } from './term-weight-model'

/** Reads a term-weight model's parameters (unknown names and probabilities to calibrate are errors). */
export function readTermWeightParams(config: TrainConfig) {
  const reader = new ParamReader(config.params ?? {}, 'term-weight')
  const tfidf = readTfidfParams(reader)
  const C = reader.number('C', 1, (v) => v > 0)
  const maxTerms = reader.number('maxTerms', 5000, (v) => v >= 0 && Number.isInteger(v))
  const calibration = readCalibration(reader)
  reader.finish()
  if (calibration.calibration !== 'auto' && calibration.calibration !== 'none') {
    throw new ParamError(
      'A term-weight model has no probabilities to calibrate; leave calibration out.',
    )
  }
  return { tfidf, C, maxTerms, calibration }
}

/**
 * Writes a linear SVM out as a term table: weight(label, term) = the SVM's weight x the term's idf
 * (what one occurrence adds before the length division), a (bias) row per label (multi-label: the
 * SVM's bias minus the threshold cross-validation chose, so every label's threshold is 0), and an
 * (idf) row per vocabulary term for the text length. The table decides exactly as the SVM does,
 * except for terms cut by maxTerms (per label, the terms with the least weight x training mass).
 */
export function fitTermWeight(
  config: TrainConfig,
  data: TrainingSet | null,
  progress: ProgressCallback,
): { model: TermWeightModel; timings: TrainTimings } {
  const started = performance.now()
  const { tfidf, C, maxTerms, calibration } = readTermWeightParams(config)
  const field = config.field ?? 'content'
  const params = { ...tfidf, C, maxTerms }
  if (config.termWeights) {
    const decision = defaultDecision(0, { multiLabel: true, ...config.decision })
    const model = new TermWeightModel({
      field,
      decision,
      params,
      tokenize: tfidf.tokenize,
      rows: config.termWeights,
      rule: 'sum',
    })
    const fitSeconds = (performance.now() - started) / 1000
    return { model, timings: { fitSeconds, cvSeconds: 0 } }
  }
  if (!data || data.texts.length === 0)
    throw new ParamError(
      'A term-weight model needs training data or a term table (label,term,weight).',
    )
  const prepared = prepareLabels(config, data)
  const settings: EstimatorSettings = {
    kind: 'linear-svm',
    multiLabel: prepared.multiLabel,
    C,
    tolerance: 0.01,
    maxIterations: 1000,
    alpha: 1,
    binaryPerLabel: false,
    seed: config.seed ?? 0,
  }
  const fit = fitWithCv(
    data,
    prepared,
    { tfidf, settings, calibration: { ...calibration, calibration: 'none' } },
    progress,
  )
  const rows = tableOf(fit, prepared.labels, maxTerms)
  const decision = defaultDecision(0, { ...config.decision, multiLabel: prepared.multiLabel })
  const cvFolds = fit.rule.folds
  const model = new TermWeightModel({
    field,
    decision: { ...decision, thresholds: prepared.decision.thresholds },
    params: { ...params, tuneThresholds: calibration.tuneThresholds, cvFolds },
    tokenize: tfidf.tokenize,
    rows,
    rule: 'sum',
  })
  return { model, timings: fit.timings }
}

/** float32 precision, which the model computes in: a readable table that decides the same. */
const readable = (value: number) => Number(value.toPrecision(7))

function tableOf(fit: StatisticalFit, labels: readonly string[], maxTerms: number): TermWeight[] {
  const { tfidf, matrix, weights, rule } = fit
  const width = labels.length
  const terms = tfidf.terms
  const mass = new Float64Array(terms.length)
  for (let k = 0; k < matrix.values.length; k++) mass[matrix.indices[k]!]! += matrix.values[k]!
  const rows: TermWeight[] = []
  const importance = new Float64Array(terms.length)
  labels.forEach((label, l) => {
    const cut = rule.cuts[l]!
    const bias = weights[terms.length * width + l]! - (Number.isNaN(cut) ? 0 : cut)
    rows.push({ label, term: BIAS_TERM, weight: readable(bias) })
    let count = 0
    for (let f = 0; f < terms.length; f++) {
      const w = weights[f * width + l]!
      importance[f] = w === 0 ? -1 : Math.abs(w) * mass[f]!
      if (w !== 0) count++
    }
    // The maxTerms-th largest importance (a numeric typed-array sort, no comparator).
    const floor =
      maxTerms > 0 && count > maxTerms ? importance.slice().sort()[terms.length - maxTerms]! : 0
    const kept: number[] = []
    for (let f = 0; f < terms.length; f++) if (importance[f]! > floor) kept.push(f)
    // Ties at the floor fill what is left, most frequent terms first.
    const room = (maxTerms || terms.length) - kept.length
    for (let f = 0, added = 0; f < terms.length && added < room; f++) {
      if (importance[f] === floor && floor >= 0) {
        kept.push(f)
        added++
      }
    }
    const weightOf = Float64Array.from(kept, (f) =>
      readable(weights[f * width + l]! * tfidf.idf[f]!),
    )
    const order = Int32Array.from(kept.keys()).sort((a, b) => weightOf[b]! - weightOf[a]! || a - b)
    for (const k of order) rows.push({ label, term: terms[kept[k]!]!, weight: weightOf[k]! })
  })
  terms.forEach((term, f) => rows.push({ label: IDF_LABEL, term, weight: readable(tfidf.idf[f]!) }))
  return rows
}
