import { modelFromFile } from '../models/registry'
import type { FieldName } from '../models/model'
import { trainingSetOf, unpackDocs, type PackedDocs } from '../packed'
import { isMultiLabel } from '../models/label-space'
import { usableFolds } from '../cv/folds'
import { outOfFoldScores } from './out-of-fold-scores'
import { mislabelledScores, uncertaintyScores, type MislabelReason } from './queues'

export interface SuggestTaskInput {
  /** The model version's file. */
  file: Uint8Array
  /** Every document to suggest labels for (the model's field). */
  docs: PackedDocs
  /** The labelled documents (with labels) for the likely-mislabelled queue; absent: skip it. */
  labelled?: PackedDocs
  seed: number
}

export interface SuggestTaskOutput {
  /** The model's labels: what labelIndex points into. */
  labels: string[]
  /** Per document (CSR): the labels the model gives and their scores. */
  indptr: Int32Array
  labelIndex: Int32Array
  scores: Float32Array
  /** Per document: higher = the model is less sure (margin, or distance to a threshold). */
  uncertainty: Float64Array
  /** Per labelled document (same order as `labelled`), or null when skipped or too few. */
  mislabel: { labels: string[]; score: Float64Array; reasons: MislabelReason[] } | null
}

/** Folds of the cross-validation behind the mislabelled queue. */
const MISLABEL_FOLDS = 5

/**
 * Suggestions and queue scores for a dataset: the version's labels and scores for every document,
 * its uncertainty on each, and confident-learning scores of the labelled documents from a fixed
 * linear SVM cross-validated on them (a fresh fit per fold, so a wrong label cannot vouch for itself).
 */
export function runSuggestTask(
  input: SuggestTaskInput,
  progress: (done: number, total: number, message: string) => void,
): SuggestTaskOutput {
  const { model } = modelFromFile(input.file)
  progress(0, 3, 'scoring documents')
  const prediction = model.predictBatch(unpackDocs(input.docs))
  const width = prediction.labels.length
  const indptr = new Int32Array(prediction.size + 1)
  const labelIndex: number[] = []
  const scores: number[] = []
  for (let r = 0; r < prediction.size; r++) {
    for (let l = 0; l < width; l++) {
      if (!prediction.assigned[r * width + l]) continue
      labelIndex.push(l)
      scores.push(prediction.scores[r * width + l]!)
    }
    indptr[r + 1] = labelIndex.length
  }
  const uncertainty = uncertaintyScores(prediction, model.decision)
  progress(1, 3, 'cross-validating the labelled documents')
  const mislabel = input.labelled ? mislabelOf(input.labelled, model.field, input.seed) : null
  progress(3, 3, 'done')
  return {
    labels: [...prediction.labels],
    indptr,
    labelIndex: Int32Array.from(labelIndex),
    scores: Float32Array.from(scores),
    uncertainty,
    mislabel,
  }
}

function mislabelOf(labelled: PackedDocs, field: FieldName, seed: number) {
  const data = trainingSetOf(labelled, field)
  const distinct = new Set(data.labels.flat())
  if (distinct.size < 2 || usableFolds(data.texts.length, MISLABEL_FOLDS) === 0) return null
  const config = {
    kind: 'linear-svm' as const,
    field,
    decision: { multiLabel: isMultiLabel(data.labels) },
  }
  const scored = outOfFoldScores(config, data, MISLABEL_FOLDS, seed)
  const result = mislabelledScores(scored.scores, scored.members, scored.labels.length)
  return { labels: scored.labels, score: result.score, reasons: result.reasons }
}
