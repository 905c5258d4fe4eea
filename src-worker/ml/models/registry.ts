import { decodeModelFile, encodeModelFile, type ModelHeader } from '../file/model-file'
import { defaultDecision } from './decide'
import { KeywordModel } from './keyword/keyword-model'
import { loadLinearModel } from './linear/linear-model'
import { fitLinear } from './linear/linear-train'
import type { Model, ModelParts, ProgressCallback, TrainingSet } from './model'
import { fitNaiveBayes } from './naive-bayes'
import { ParamReader } from './params'
import { RegexModel } from './regex/regex-model'
import { TermWeightModel, termWeightRowsFromParts } from './term-weight/term-weight-model'
import { fitTermWeight } from './term-weight/term-weight-train'
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
  const field = config.field ?? 'content'
  switch (config.kind) {
    case 'linear-svm':
    case 'logreg':
      return fitLinear(config, requireData(config, data), progress)
    case 'nb':
    case 'cnb':
      return fitNaiveBayes(config, requireData(config, data), progress)
    case 'term-weight':
      return fitTermWeight(config, data, progress)
    case 'keyword': {
      const caseSensitive = ruleParams(config)
      if (!config.keywordRules?.length) throw new Error('A keyword model needs rules (--rules).')
      const decision = defaultDecision(1, config.decision)
      return new KeywordModel({ field, decision, rules: config.keywordRules, caseSensitive })
    }
    case 'regex': {
      const caseSensitive = ruleParams(config)
      if (!config.regexRules?.length) throw new Error('A regex model needs patterns (--rules).')
      const decision = defaultDecision(1, config.decision)
      return new RegexModel({ field, decision, rules: config.regexRules, caseSensitive })
    }
  }
}

function ruleParams(config: TrainConfig): boolean {
  const reader = new ParamReader(config.params ?? {}, config.kind)
  const caseSensitive = reader.boolean('caseSensitive', false)
  reader.finish()
  return caseSensitive
}

function requireData(config: TrainConfig, data: TrainingSet | null): TrainingSet {
  if (!data || data.texts.length === 0)
    throw new Error(`A ${config.kind} model needs labelled training data.`)
  if (data.texts.length !== data.labels.length)
    throw new Error('Texts and labels differ in length.')
  return data
}

/** Writes a model and what is known about its training into the versioned file format. */
export function modelToFile(
  model: Model,
  extra: Partial<Pick<ModelHeader, 'trainingDataHash' | 'metrics' | 'labelPrior'>> = {},
): Uint8Array {
  const { kind, labels, field, decision, params } = model.describe()
  const header: ModelHeader = {
    kind,
    labels: [...labels],
    field,
    decision,
    params,
    trainingDataHash: extra.trainingDataHash ?? '',
    metrics: extra.metrics ?? {},
    ...(extra.labelPrior ? { labelPrior: extra.labelPrior } : {}),
  }
  return encodeModelFile(header, model.serialize())
}

/** Reads a model file (any kind); a damaged file or another format version throws a clear Error. */
export function modelFromFile(file: Uint8Array): { model: Model; header: ModelHeader } {
  const { header, parts } = decodeModelFile(file)
  return { model: modelFromParts(header, parts), header }
}

function modelFromParts(header: ModelHeader, parts: ModelParts): Model {
  const { kind, field, decision, params, labels } = header
  const caseSensitive = parts.meta.caseSensitive === true
  switch (kind) {
    case 'linear-svm':
    case 'logreg':
    case 'nb':
    case 'cnb':
      return loadLinearModel({ kind, labels, field, decision, params }, parts)
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
      return new TermWeightModel({
        field,
        decision,
        params,
        tokenize,
        rows: termWeightRowsFromParts(parts),
      })
    }
    default:
      throw new Error(
        `The model file holds an unknown model kind "${String(kind)}"; update Audience to open it.`,
      )
  }
}
