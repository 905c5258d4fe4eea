import { crossValidateFixed, requireCrossValidatable } from '../auto/cross-validate'
import { fitNaiveBayesTuned } from '../auto/nb-defaults'
import { NO_CONTROL, type SearchControl } from '../auto/search-control'
import { selectModel } from '../auto/select-model'
import type { ModelSelection } from '../auto/selection'
import { decodeModelFile, encodeModelFile, type ModelHeader } from '../file/model-file'
import { defaultDecision } from './decide'
import { KeywordModel } from './keyword/keyword-model'
import { loadLinearModel, type LoadTables } from './linear/linear-model'
import {
  fitStatistical,
  readStatisticalParams,
  type CountedSet,
  type TrainTimings,
} from './linear/linear-train'
import type { Model, ModelParts, ProgressCallback, TrainingSet } from './model'
import { ParamError, ParamReader } from './params'
import { RegexModel } from './regex/regex-model'
import { TermWeightModel, termWeightRowsFromParts } from './term-weight/term-weight-model'
import { fitTermWeight, readTermWeightParams } from './term-weight/term-weight-train'
import type { TrainConfig } from './train-config'
import type { TokenizeOptions } from '../text/tokenize'

const noProgress: ProgressCallback = () => {}

/**
 * Builds a model of any kind: statistical kinds learn from data; keyword and regex models take
 * their rules from the config (data, if given, is only for evaluation by the caller).
 */
export function trainModel(
  config: TrainConfig,
  data: TrainingSet | null,
  progress = noProgress,
): Model {
  return trainModelTimed(config, data, progress).model
}

export interface TrainedModel {
  model: Model
  timings: TrainTimings
  /** The cross-validation table: of an automatic selection, or of a fixed model (crossValidate). */
  selection?: ModelSelection
}

/**
 * trainModel, also saying how long the fit and the cross-validation around it took. `control` lets
 * the caller stop (or, in tests, hold) an automatic selection between candidates and folds.
 */
export function trainModelTimed(
  config: TrainConfig,
  data: TrainingSet | null,
  progress = noProgress,
  control: SearchControl = NO_CONTROL,
): TrainedModel {
  if (config.kind === 'auto') {
    return selectModel(config, requireData(config, data), progress, control)
  }
  if (config.crossValidate !== undefined) return trainAndCrossValidate(config, data, progress)
  const started = performance.now()
  const built = (model: Model) => ({
    model,
    timings: { fitSeconds: (performance.now() - started) / 1000, cvSeconds: 0 },
  })
  switch (config.kind) {
    case 'linear-svm':
    case 'logreg':
      return fitStatistical(config, requireData(config, data), progress)
    case 'nb':
    case 'cnb':
      return fitNaiveBayesTuned(config, requireData(config, data), progress)
    case 'term-weight':
      return fitTermWeight(config, data, progress)
    case 'keyword':
    case 'regex':
      return built(ruleModel(config))
  }
  throw new ParamError(`Unknown model type "${String(config.kind)}".`)
}

/**
 * A linear SVM, logistic regression or naive Bayes model fitted on rows counted as they streamed
 * in (CountedSet: no text held): the same model trainModel gives on those rows' texts.
 */
export function trainCounted(
  config: TrainConfig,
  data: CountedSet,
  progress = noProgress,
): TrainedModel {
  if (data.counts.indptr.length - 1 !== data.labels.length)
    throw new Error('Counted rows and labels differ in length.')
  if (data.labels.length === 0)
    throw new ParamError(`A ${config.kind} model needs labelled training data.`)
  switch (config.kind) {
    case 'linear-svm':
    case 'logreg':
      return fitStatistical(config, data, progress)
    case 'nb':
    case 'cnb':
      return fitNaiveBayesTuned(config, data, progress)
  }
  throw new ParamError(`A ${config.kind} model cannot be trained from counted rows.`)
}

/** A fixed statistical model, fitted as usual and scored by k-fold cross-validation. */
function trainAndCrossValidate(
  config: TrainConfig,
  data: TrainingSet | null,
  progress: ProgressCallback,
): TrainedModel {
  requireCrossValidatable(config.kind)
  const trained = trainModelTimed({ ...config, crossValidate: undefined }, data, progress)
  // Scored with what the fit settled on (naive Bayes picks its smoothing by CV when not given).
  const { alpha, binaryPerLabel } = trained.model.describe().params
  const settled = {
    ...config.params,
    ...(typeof alpha === 'number' ? { alpha } : {}),
    ...(binaryPerLabel === true ? { binaryPerLabel } : {}),
  }
  const folds = config.crossValidate ?? 0
  const selection = crossValidateFixed(
    { ...config, params: settled },
    requireData(config, data),
    folds,
  )
  return { ...trained, selection }
}

/**
 * Checks a config's parameters as training would read them, without data: a bad or unknown
 * parameter throws its ParamError before any work starts.
 */
export function validateTrainParams(config: TrainConfig): void {
  switch (config.kind) {
    case 'linear-svm':
    case 'logreg':
    case 'nb':
    case 'cnb':
      readStatisticalParams(config, config.kind, config.decision?.multiLabel ?? false)
      return
    case 'term-weight':
      readTermWeightParams(config)
      return
    case 'keyword':
    case 'regex':
      readRuleParams(config)
  }
}

function readRuleParams(config: TrainConfig): { caseSensitive: boolean } {
  const reader = new ParamReader(config.params ?? {}, config.kind)
  const caseSensitive = reader.boolean('caseSensitive', false)
  reader.finish()
  return { caseSensitive }
}

/**
 * Keyword and regex models give every label whose rules match (multi-label, one match needed);
 * decision.multiLabel = false gives only the label with the most matches.
 */
function ruleModel(config: TrainConfig): Model {
  const field = config.field ?? 'content'
  const { caseSensitive } = readRuleParams(config)
  const decision = defaultDecision(1, { multiLabel: true, ...config.decision })
  if (config.kind === 'keyword') {
    if (!config.keywordRules?.length) throw new ParamError('A keyword model needs rules (--rules).')
    return new KeywordModel({ field, decision, rules: config.keywordRules, caseSensitive })
  }
  if (!config.regexRules?.length) throw new ParamError('A regex model needs patterns (--rules).')
  return new RegexModel({ field, decision, rules: config.regexRules, caseSensitive })
}

function requireData(config: TrainConfig, data: TrainingSet | null): TrainingSet {
  if (!data || data.texts.length === 0)
    throw new ParamError(`A ${config.kind} model needs labelled training data.`)
  if (data.texts.length !== data.labels.length)
    throw new Error('Texts and labels differ in length.')
  return data
}

/** Writes a model and what is known about its training into the versioned file format. */
export function modelToFile(
  model: Model,
  extra: Partial<
    Pick<ModelHeader, 'trainingDataHash' | 'metrics' | 'labelPrior' | 'selection'>
  > = {},
): Uint8Array {
  const { kind, labels, field, decision, params, decisionRule } = model.describe()
  const header: ModelHeader = {
    kind,
    labels: [...labels],
    field,
    decision,
    params,
    trainingDataHash: extra.trainingDataHash ?? '',
    metrics: extra.metrics ?? {},
    ...(extra.labelPrior ? { labelPrior: extra.labelPrior } : {}),
    ...(extra.selection ? { selection: extra.selection } : {}),
    ...(decisionRule ? { decisionRule } : {}),
  }
  return encodeModelFile(header, model.serialize())
}

/** Reads a model file (any kind); a damaged file or another format version throws a clear Error. */
export function modelFromFile(
  file: Uint8Array,
  load: LoadTables = {},
): { model: Model; header: ModelHeader } {
  const { header, parts } = decodeModelFile(file)
  return { model: modelFromParts(header, parts, load), header }
}

/** `load`: how a linear model gets its scorer tables (see loadLinearModel). */
function modelFromParts(header: ModelHeader, parts: ModelParts, load: LoadTables): Model {
  const { kind, field, decision, params, labels } = header
  const caseSensitive = parts.meta.caseSensitive === true
  switch (kind) {
    case 'linear-svm':
    case 'logreg':
    case 'nb':
    case 'cnb':
      return loadLinearModel({ kind, labels, field, decision, params }, parts, load)
    case 'keyword':
      return new KeywordModel({
        field,
        decision,
        caseSensitive,
        rules: parts.meta.rules as KeywordModel['state']['rules'],
      })
    case 'regex':
      return new RegexModel({
        field,
        decision,
        caseSensitive,
        rules: parts.meta.rules as RegexModel['state']['rules'],
      })
    case 'term-weight': {
      const tokenize = parts.meta.tokenize as TokenizeOptions
      // Version 1 files have no rule: they averaged the weights of the terms found.
      const rule = parts.meta.rule === 'sum' ? 'sum' : 'average'
      const { rule: _rule, ...stored } = params
      return new TermWeightModel({
        field,
        decision,
        params: stored,
        tokenize,
        rows: termWeightRowsFromParts(parts),
        rule,
      })
    }
    default:
      throw new Error(
        `The model file holds an unknown model kind "${String(kind)}"; update Audience to open it.`,
      )
  }
}
