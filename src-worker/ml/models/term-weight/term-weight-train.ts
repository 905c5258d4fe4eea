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
    data.texts,
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
  labels.forEach((label, l) => {
    const cut = rule.cuts[l]!
    const bias = weights[terms.length * width + l]! - (Number.isNaN(cut) ? 0 : cut)
    rows.push({ label, term: BIAS_TERM, weight: readable(bias) })
    let kept: number[] = []
    for (let f = 0; f < terms.length; f++) if (weights[f * width + l] !== 0) kept.push(f)
    const importance = (f: number) => Math.abs(weights[f * width + l]!) * mass[f]!
    if (maxTerms > 0 && kept.length > maxTerms) {
      kept = kept.sort((a, b) => importance(b) - importance(a) || a - b).slice(0, maxTerms)
    }
    const weightOf = (f: number) => readable(weights[f * width + l]! * tfidf.idf[f]!)
    kept.sort((a, b) => weightOf(b) - weightOf(a) || a - b)
    for (const f of kept) rows.push({ label, term: terms[f]!, weight: weightOf(f) })
  })
  terms.forEach((term, f) => rows.push({ label: IDF_LABEL, term, weight: readable(tfidf.idf[f]!) }))
  return rows
}
