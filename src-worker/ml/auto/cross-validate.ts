import { FoldFeatures } from '../cv/fold-features'
import { stratifiedFolds, usableFolds } from '../cv/folds'
import { outOfFoldDecisions } from '../cv/out-of-fold'
import { countTerms, type TfidfParams } from '../features/tfidf'
import type { StatisticalKind } from '../models/linear/estimators'
import { prepareLabels, readStatisticalParams } from '../models/linear/linear-train'
import type { TrainingSet } from '../models/model'
import { ParamError } from '../models/params'
import type { TrainConfig } from '../models/train-config'
import { scoreOutOfFold } from './cv-score'
import { FEATURE_SET_PARAMS, FEATURE_SETS, type FeatureSetName } from './feature-sets'
import type { ModelSelection } from './selection'

const STATISTICAL: readonly string[] = ['nb', 'cnb', 'linear-svm', 'logreg']

export function requireCrossValidatable(kind: string): void {
  if (!STATISTICAL.includes(kind)) {
    throw new ParamError(
      `Cross-validation scores apply to nb, cnb, linear-svm and logreg, not ${kind}.`,
    )
  }
}

/** The feature set whose parameters these are, or 'custom'. */
function featureSetOf(tfidf: TfidfParams): FeatureSetName | 'custom' {
  const t = tfidf.tokenize
  const plain = tfidf.minDf === 1 && tfidf.maxDf === 1 && tfidf.maxFeatures === 0
  const found = FEATURE_SETS.find((name) => {
    const p = FEATURE_SET_PARAMS[name]
    if (p.charNgrams !== undefined) return t.charNgrams === p.charNgrams
    return !t.charNgrams && t.wordBigrams === p.wordBigrams && t.cjkBigrams === p.cjkBigrams
  })
  return plain && found ? found : 'custom'
}

/**
 * `audience train --cv K`: a fixed model's macro-F1 by stratified K-fold cross-validation on the
 * training rows, as a one-row selection table (the model itself is then fitted as usual).
 */
export function crossValidateFixed(
  config: TrainConfig,
  data: TrainingSet,
  requested: number,
): ModelSelection {
  requireCrossValidatable(config.kind)
  const kind = config.kind as StatisticalKind
  const started = performance.now()
  const prepared = prepareLabels(config, data)
  const read = readStatisticalParams(config, kind, prepared.multiLabel)
  const k = usableFolds(data.texts.length, requested)
  if (k === 0) throw new ParamError(`${data.texts.length} rows are too few to cross-validate.`)
  const width = prepared.labels.length
  const folds = stratifiedFolds(prepared.members, width, k, read.settings.seed)
  const counts = countTerms(data.texts, read.tfidf.tokenize)
  const features = new FoldFeatures(counts, read.tfidf, folds, k, false)
  const fitStarted = performance.now()
  const oof = outOfFoldDecisions(features, read.settings, prepared.members, width)
  const score = scoreOutOfFold(oof, prepared.members, width, folds, k, prepared.multiLabel)
  const fitSeconds = (performance.now() - fitStarted) / 1000
  const nb = kind === 'nb' || kind === 'cnb'
  const strength = nb ? read.settings.alpha : read.settings.C
  return {
    method: 'fixed',
    folds: k,
    budgetSeconds: null,
    searchSeconds: (performance.now() - started) / 1000,
    skipped: 0,
    candidates: [
      {
        kind,
        features: featureSetOf(read.tfidf),
        strength,
        title: `${kind} ${nb ? 'alpha' : 'C'}=${strength}`,
        meanMacroF1: score.mean,
        stdMacroF1: score.std,
        foldMacroF1: score.perFold,
        fitSeconds,
        chosen: true,
      },
    ],
  }
}
