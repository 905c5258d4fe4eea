import {
  calibrated,
  CALIBRATION_METHODS,
  column,
  fitCalibration,
  learnableLabels,
  naturalCalibration,
  type Calibration,
  type CalibrationMethod,
} from '../../calibration/calibrators'
import { chooseThreshold } from '../../calibration/thresholds'
import { FoldFeatures } from '../../cv/fold-features'
import { stratifiedFolds, usableFolds } from '../../cv/folds'
import { outOfFoldDecisions } from '../../cv/out-of-fold'
import type { CsrMatrix } from '../../features/sparse'
import {
  countTerms,
  tfidfFromCounts,
  type TermCounts,
  type Tfidf,
  type TfidfParams,
} from '../../features/tfidf'
import { readTfidfParams } from '../../features/tfidf-params'
import type { TokenizeOptions } from '../../text/tokenize'
import { defaultDecision } from '../decide'
import { isMultiLabel, labelMatrix, labelSpace } from '../label-space'
import type { DecisionParams, ProgressCallback, TrainingSet } from '../model'
import { ParamError, ParamReader } from '../params'
import type { TrainConfig } from '../train-config'
import {
  decisionKindOf,
  fitWeights,
  type EstimatorSettings,
  type StatisticalKind,
} from './estimators'
import { LinearModel, type Scoring } from './linear-model'

/** Seconds spent fitting the model itself, and on cross-validation (calibration, thresholds). */
export interface TrainTimings {
  fitSeconds: number
  cvSeconds: number
}

export interface CalibrationSettings {
  calibration: CalibrationMethod
  /** Per-label thresholds chosen by cross-validation (multi-label). */
  tuneThresholds: boolean
  cvFolds: number
}

export const DEFAULT_CV_FOLDS = 5

/** Reads the parameters of one statistical model kind (unknown names are an error). */
export function readStatisticalParams(
  config: TrainConfig,
  kind: StatisticalKind,
  multiLabel: boolean,
) {
  const reader = new ParamReader(config.params ?? {}, kind)
  const tfidf = readTfidfParams(reader)
  const nb = kind === 'nb' || kind === 'cnb'
  const settings: EstimatorSettings = {
    kind,
    multiLabel,
    C: nb ? 1 : reader.number('C', 1, (v) => v > 0),
    tolerance: nb ? 0.01 : reader.number('tolerance', 0.01, (v) => v > 0),
    maxIterations: nb ? 1000 : reader.number('maxIterations', 1000, (v) => v >= 1),
    alpha: nb ? reader.number('alpha', 1, (v) => v > 0) : 1,
    binaryPerLabel: nb ? reader.boolean('binaryPerLabel', false) && multiLabel : false,
    seed: config.seed ?? 0,
    // How the fit runs, not what it learns: not saved with the model.
    threads: nb ? 0 : reader.number('threads', 0, (v) => Number.isInteger(v) && v >= 0),
  }
  const calibration = readCalibration(reader)
  reader.finish()
  return { tfidf, settings, calibration }
}

/** calibration=auto|platt|isotonic|none (calibrate=false, the old switch, means none). */
export function readCalibration(reader: ParamReader): CalibrationSettings {
  const legacy = reader.boolean('calibrate', true)
  const method = reader.choice('calibration', CALIBRATION_METHODS, legacy ? 'auto' : 'none')
  if (!legacy && method !== 'none') {
    throw new ParamError('Give calibration=none or calibrate=false, not both with other values.')
  }
  return {
    calibration: method,
    tuneThresholds: reader.boolean('tuneThresholds', true),
    cvFolds: reader.number(
      'cvFolds',
      DEFAULT_CV_FOLDS,
      (v) => Number.isInteger(v) && v >= 2 && v <= 20,
    ),
  }
}

/** The features, members and label space of a training set, counted once. */
export interface PreparedData {
  labels: string[]
  members: Uint8Array
  multiLabel: boolean
  decision: DecisionParams
  /** The caller gave one threshold for every label: no per-label tuning. */
  fixedThreshold: boolean
}

export function prepareLabels(
  config: TrainConfig,
  data: Pick<TrainingSet, 'labels'>,
): PreparedData {
  const multiLabel = config.decision?.multiLabel ?? isMultiLabel(data.labels)
  const decision = defaultDecision(0.5, { ...config.decision, multiLabel })
  const labels = labelSpace(data.labels, decision.noneLabel)
  const members = labelMatrix(data.labels, labels)
  return {
    labels,
    members,
    multiLabel,
    decision,
    fixedThreshold: config.decision?.threshold !== undefined,
  }
}

/** A fitted model's parts before it becomes a Model: what a derived model (term weights) reads. */
export interface StatisticalFit {
  tfidf: Tfidf
  /** TF-IDF rows of the training set. */
  matrix: CsrMatrix
  weights: Float32Array
  rule: DecisionRule
  timings: TrainTimings
}

/**
 * Training rows featurised as they streamed in (TermCountsBuilder), so that no text is held while
 * fitting: the counts are consumed (the TF-IDF matrix is written over them).
 */
export interface CountedSet {
  counts: TermCounts
  /** The tokenize options the counts were made with: those of the config (trainingTokenize). */
  tokenize: TokenizeOptions
  labels: readonly (readonly string[])[]
}

export function isCounted(data: TrainingSet | CountedSet): data is CountedSet {
  return 'counts' in data
}

/** The tokenize options a statistical model trained with this config reads its texts with. */
export function trainingTokenize(config: TrainConfig): TokenizeOptions {
  return readTfidfParams(new ParamReader(config.params ?? {}, config.kind)).tokenize
}

/**
 * One-vs-rest linear SVM or logistic regression, or naive Bayes, over TF-IDF. With calibration or
 * threshold tuning on, k-fold cross-validation (stratified, seeded) gives every training row an
 * out-of-fold decision value; each label's probability curve and (multi-label) F1-best threshold
 * are learnt from those, then the model is fitted on all rows.
 */
export function fitStatistical(
  config: TrainConfig,
  data: TrainingSet | CountedSet,
  progress: ProgressCallback,
  reuse?: CvReuse,
): { model: LinearModel; timings: TrainTimings } {
  const kind = config.kind as StatisticalKind
  const prepared = prepareLabels(config, data)
  const read = readStatisticalParams(config, kind, prepared.multiLabel)
  const fit = fitWithCv(data, prepared, read, progress, reuse)
  const model = buildModel(config, kind, prepared.labels, fit, read)
  return { model, timings: fit.timings }
}

/** The rows' term counts: the texts counted, or the counts given (made with the same options). */
export function termCountsOf(
  data: TrainingSet | CountedSet,
  tokenize: TokenizeOptions,
): TermCounts {
  if (!isCounted(data)) return countTerms(data.texts, tokenize)
  const keys = new Set([...Object.keys(tokenize), ...Object.keys(data.tokenize)])
  for (const key of keys) {
    if (tokenize[key as keyof TokenizeOptions] !== data.tokenize[key as keyof TokenizeOptions])
      throw new Error(`The rows were counted with another tokenizer (${key} differs).`)
  }
  return data.counts
}

/**
 * Work a model search already did for this exact configuration: the texts counted with its
 * tokenizer, and its out-of-fold decisions over stratifiedFolds(members, width, folds, seed).
 */
export interface CvReuse {
  counts: TermCounts
  oof: Float64Array
  folds: number
}

/**
 * Featurises (unless given counts, which it then consumes), cross-validates (when asked) and
 * fits: the steps every statistical kind shares.
 */
export function fitWithCv(
  data: TrainingSet | CountedSet,
  prepared: PreparedData,
  read: { tfidf: TfidfParams; settings: EstimatorSettings; calibration: CalibrationSettings },
  progress: ProgressCallback,
  reuse?: CvReuse,
): StatisticalFit {
  const { labels, members } = prepared
  const width = labels.length
  const started = performance.now()
  progress(0, width + 1, 'building features')
  const counts = reuse?.counts ?? termCountsOf(data, read.tfidf.tokenize)
  const countSeconds = (performance.now() - started) / 1000
  const cvStart = performance.now()
  const rule = crossValidatedDecisionRule({ counts, ...read, prepared, reuse }, (fold, folds) =>
    progress(0, width + 1, `cross-validating: fold ${fold + 1} of ${folds}`),
  )
  const cvSeconds = (performance.now() - cvStart) / 1000
  const fitStart = performance.now()
  // After cross-validation the matrix takes over the counts' memory, unless the caller reuses them.
  const { tfidf, matrix } = tfidfFromCounts(counts, read.tfidf, !reuse)
  const weights = fitWeights(read.settings, matrix, members, width, (l, started) =>
    progress(started + 1, width + 1, `training ${labels[l]}`),
  )
  progress(width + 1, width + 1, 'done')
  const fitSeconds = countSeconds + (performance.now() - fitStart) / 1000
  return { tfidf, matrix, weights, rule, timings: { fitSeconds, cvSeconds } }
}

interface CvInput {
  counts: TermCounts
  tfidf: TfidfParams
  settings: EstimatorSettings
  calibration: CalibrationSettings
  prepared: PreparedData
  reuse: CvReuse | undefined
}

export interface DecisionRule {
  scoring: Scoring
  calibration: Calibration
  decision: DecisionParams
  /** Per label, the tuned decision-value threshold; NaN where the natural rule stays. */
  cuts: Float64Array
  /** Folds actually used (0: no cross-validation). */
  folds: number
}

/** Calibration curves and per-label thresholds from out-of-fold decisions (or the natural rule). */
function crossValidatedDecisionRule(
  input: CvInput,
  onFold: (fold: number, folds: number) => void,
): DecisionRule {
  const { settings, calibration, prepared } = input
  const { members, labels } = prepared
  const width = labels.length
  const decisionKind = decisionKindOf(settings)
  const method = calibration.calibration
  // A threshold the caller set for every label is kept as given.
  const tune = prepared.multiLabel && calibration.tuneThresholds && !prepared.fixedThreshold
  const k = usableFolds(members.length / Math.max(1, width), calibration.cvFolds)
  const learnable = learnableLabels(members, width)
  const naturalScoring: Scoring = decisionKind === 'softmax-odds' ? 'softmax' : 'sigmoid'
  const cuts = new Float64Array(width).fill(NaN)
  if ((method === 'none' && !tune) || k === 0 || !learnable.includes(1)) {
    const natural = naturalCalibration(width)
    return {
      scoring: naturalScoring,
      calibration: natural,
      decision: prepared.decision,
      cuts,
      folds: 0,
    }
  }
  const folds = stratifiedFolds(members, width, k, settings.seed)
  const oof =
    input.reuse?.folds === k
      ? input.reuse.oof
      : outOfFoldDecisions(
          new FoldFeatures(input.counts, input.tfidf, folds, k, false),
          settings,
          members,
          width,
          onFold,
        )
  const curves =
    method === 'none'
      ? naturalCalibration(width)
      : fitCalibration(oof, members, width, method, learnable)
  const thresholds: Record<string, number> = {}
  if (tune) {
    for (let l = 0; l < width; l++) {
      if (!learnable[l]) continue
      const decisions = column(oof, width, l)
      const natural = Uint8Array.from(decisions, (f) => (calibrated(curves, l, f) >= 0.5 ? 1 : 0))
      const choice = chooseThreshold(decisions, column(members, width, l), natural)
      if (choice.threshold === null) continue
      cuts[l] = choice.threshold
      // Six decimals read well in a report and move the cut by a negligible 5e-7 of probability.
      thresholds[labels[l]!] = Math.round(calibrated(curves, l, choice.threshold) * 1e6) / 1e6
    }
  }
  // Thresholds the caller set win over tuned ones.
  const decision = {
    ...prepared.decision,
    thresholds: { ...thresholds, ...prepared.decision.thresholds },
  }
  const calibratedScoring: Scoring = decisionKind === 'softmax-odds' ? 'softmax-odds' : 'sigmoid'
  const scoring = method === 'none' ? naturalScoring : calibratedScoring
  return { scoring, calibration: curves, decision, cuts, folds: k }
}

function buildModel(
  config: TrainConfig,
  kind: StatisticalKind,
  labels: string[],
  fit: StatisticalFit,
  read: { settings: EstimatorSettings; calibration: CalibrationSettings },
): LinearModel {
  const { tfidf, weights, rule } = fit
  const { settings } = read
  const nb = kind === 'nb' || kind === 'cnb'
  const params = {
    ...tfidf.params,
    ...(nb ? { alpha: settings.alpha } : { C: settings.C, tolerance: settings.tolerance }),
    ...(settings.binaryPerLabel ? { binaryPerLabel: true } : {}),
    calibration: read.calibration.calibration,
    tuneThresholds: read.calibration.tuneThresholds,
    cvFolds: rule.folds,
  }
  const field = config.field ?? 'content'
  return new LinearModel({
    kind,
    labels,
    field,
    decision: rule.decision,
    params,
    tfidf,
    weights,
    scoring: rule.scoring,
    calibration: rule.calibration,
  })
}
