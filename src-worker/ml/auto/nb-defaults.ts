import { learnableLabels } from '../calibration/calibrators'
import { FoldFeatures } from '../cv/fold-features'
import { stratifiedFolds, usableFolds } from '../cv/folds'
import { outOfFoldDecisions } from '../cv/out-of-fold'
import type { StatisticalKind } from '../models/linear/estimators'
import type { LinearModel } from '../models/linear/linear-model'
import {
  fitStatistical,
  prepareLabels,
  readStatisticalParams,
  termCountsOf,
  type CountedSet,
  type CvReuse,
  type TrainTimings,
} from '../models/linear/linear-train'
import type { ProgressCallback, TrainingSet } from '../models/model'
import type { TrainConfig } from '../models/train-config'
import { scoreOutOfFold } from './cv-score'

/** Smoothing values tried, the old default first so that it wins ties. */
const ALPHAS = [1, 0.3, 0.1, 0.03, 0.01]

/**
 * Naive Bayes whose caller left alpha (and, for multi-label data, binaryPerLabel) unset: the
 * best of a small grid by k-fold cross-validation on the training rows, where k and the folds
 * are those of its calibration, whose out-of-fold decisions the final fit then reuses. Fits are
 * a single pass over the data, so the grid costs about as much as featurising the folds.
 */
export function fitNaiveBayesTuned(
  config: TrainConfig,
  data: TrainingSet | CountedSet,
  progress: ProgressCallback,
): { model: LinearModel; timings: TrainTimings } {
  const kind = config.kind as StatisticalKind
  const given = config.params ?? {}
  const prepared = prepareLabels(config, data)
  const read = readStatisticalParams(config, kind, prepared.multiLabel)
  const { members, labels, multiLabel } = prepared
  const width = labels.length
  const k = usableFolds(data.labels.length, read.calibration.cvFolds)
  const tuneAlpha = given.alpha === undefined
  const tuneBinary = multiLabel && given.binaryPerLabel === undefined
  if ((!tuneAlpha && !tuneBinary) || k === 0 || !learnableLabels(members, width).includes(1)) {
    return fitStatistical(config, data, progress)
  }
  const started = performance.now()
  progress(0, 1, 'choosing the smoothing by cross-validation')
  const folds = stratifiedFolds(members, width, k, read.settings.seed)
  const counts = termCountsOf(data, read.tfidf.tokenize)
  const features = new FoldFeatures(counts, read.tfidf, folds, k, true)
  let best: { score: number; alpha: number; binary: boolean; reuse: CvReuse } | null = null
  for (const binary of tuneBinary ? [false, true] : [read.settings.binaryPerLabel]) {
    for (const alpha of tuneAlpha ? ALPHAS : [read.settings.alpha]) {
      const settings = { ...read.settings, alpha, binaryPerLabel: binary }
      const oof = outOfFoldDecisions(features, settings, members, width)
      const score = scoreOutOfFold(oof, members, width, folds, k, multiLabel).mean
      if (!best || score > best.score)
        best = { score, alpha, binary, reuse: { counts, oof, folds: k } }
    }
  }
  const chosen = best!
  const tuned: TrainConfig = {
    ...config,
    params: {
      ...given,
      alpha: chosen.alpha,
      ...(chosen.binary ? { binaryPerLabel: true } : {}),
    },
  }
  const searchSeconds = (performance.now() - started) / 1000
  const fitted = fitStatistical(tuned, data, progress, chosen.reuse)
  const timings = { ...fitted.timings, cvSeconds: fitted.timings.cvSeconds + searchSeconds }
  return { model: fitted.model, timings }
}
