import { stratifiedFolds, usableFolds } from '../cv/folds'
import { labelMatrix, labelSpace } from '../models/label-space'
import type { Model, TrainingSet } from '../models/model'
import { trainModel } from '../models/registry'
import type { TrainConfig } from '../models/train-config'

/** Scores (rows x labels.length) in one label space, with the gold matrix of the same shape. */
export interface ScoredRows {
  labels: string[]
  scores: Float64Array
  members: Uint8Array
}

/**
 * Every training row scored by a model fitted on the other folds (stratified, seeded): what the
 * likely-mislabelled queue learns from, since a model scoring its own training rows would agree
 * with their labels, wrong ones included.
 */
export function outOfFoldScores(
  config: TrainConfig,
  data: TrainingSet,
  k: number,
  seed: number,
  onFold: (fold: number, folds: number) => void = () => {},
): ScoredRows {
  const labels = labelSpace(data.labels, config.decision?.noneLabel ?? null)
  const width = labels.length
  const members = labelMatrix(data.labels, labels)
  const rows = data.texts.length
  const scores = new Float64Array(rows * width)
  const folds = usableFolds(rows, k)
  if (folds === 0) throw new Error(`Out-of-fold scores need at least 4 labelled rows, not ${rows}.`)
  const foldOf = stratifiedFolds(members, width, folds, seed)
  for (let f = 0; f < folds; f++) {
    onFold(f, folds)
    const train = rowsWhere(foldOf, (fold) => fold !== f)
    const valid = rowsWhere(foldOf, (fold) => fold === f)
    const model = trainModel({ ...config, seed: seed * 31 + f }, subset(data, train))
    scoreInto(scores, labels, model, subset(data, valid).texts, valid)
  }
  return { labels, scores, members }
}

/** The model's scores for texts, written into rows of a wider label space (0 for its missing labels). */
export function scoreInto(
  out: Float64Array,
  labels: readonly string[],
  model: Model,
  texts: readonly string[],
  rows: ArrayLike<number>,
): void {
  const prediction = model.predictBatch({ size: texts.length, fields: { [model.field]: texts } })
  const width = labels.length
  const own = prediction.labels.length
  const column = prediction.labels.map((label) => labels.indexOf(label))
  for (let i = 0; i < texts.length; i++) {
    for (let l = 0; l < own; l++) {
      if (column[l]! >= 0) out[rows[i]! * width + column[l]!] = prediction.scores[i * own + l]!
    }
  }
}

export function subset(data: TrainingSet, rows: ArrayLike<number>): TrainingSet {
  const texts: string[] = []
  const labels: (readonly string[])[] = []
  for (let i = 0; i < rows.length; i++) {
    texts.push(data.texts[rows[i]!]!)
    labels.push(data.labels[rows[i]!]!)
  }
  return { texts, labels }
}

function rowsWhere(folds: Int32Array, keep: (fold: number) => boolean): Int32Array {
  const rows: number[] = []
  folds.forEach((fold, r) => {
    if (keep(fold)) rows.push(r)
  })
  return Int32Array.from(rows)
}
