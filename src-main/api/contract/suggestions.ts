import { z } from 'zod'
import type { DocumentDetail, Suggestion } from './annotation'
import { hexId, type EpochMs } from './common'
import { datasetTarget } from './datasets'

/**
 * Orders Annotate can walk: file order; the model's least sure first (unlabelled documents);
 * likely mislabelled (labelled documents, confident learning on cross-validated scores, not
 * relabelled since); the model disagrees with gold (labelled); random (seeded, every document).
 */
export const QUEUES = ['file', 'uncertain', 'mislabelled', 'disagrees', 'random'] as const
export type QueueName = (typeof QUEUES)[number]

/** What a finished `suggestions.compute` task reports (TaskDetail.stats). */
export interface SuggestStats {
  documents: number
  suggestions: number
  /** Labelled documents the likely-mislabelled queue holds. */
  flagged: number
}

/** Where suggestions come from: a model version, or the file they were imported with. */
export interface SuggestionSource {
  /** A model version id, or 'imported'. */
  modelVersion: string
  name: string
  /** Documents of the dataset holding at least one suggestion from it. */
  documents: number
  /** When the version's suggestions were computed (null for imported ones). */
  computedAt: EpochMs | null
}

export interface ModelSuggestions {
  modelVersion: string
  suggestions: Suggestion[]
  /** Why the document is in the likely-mislabelled queue, when it is. */
  reason: string | null
}

export interface QueueItem {
  documentId: number
  /** What the queue sorts by (higher first); null for file order. */
  score: number | null
  reason: string | null
}

export interface QueuePage {
  items: QueueItem[]
  /** Documents in the queue. */
  total: number
  offset: number
}

/** A neighbour in a queue's order (`suggestions.queueStep`). */
export interface QueueStep {
  documentId: number
  /** 0-based place in the queue. */
  position: number
  /** Documents in the queue. */
  total: number
}

/** One background retrain of "keep the model fresh": the learning curve's point. */
export interface LearningPoint {
  modelVersion: string
  /** Labelled documents the model learned from. */
  labels: number
  /** Cross-validated macro-F1 (`cv`), or the test split's when the dataset has one (`holdout`). */
  macroF1: number | null
  metric: 'cv' | 'holdout'
  createdAt: EpochMs
}

/** The model type "keep the model fresh" retrains: fast and fixed, not the timed auto search. */
export const FRESH_MODEL_KIND = 'linear-svm'

/** Fresh model versions kept per dataset (besides those in use); older ones are deleted. */
export const FRESH_VERSIONS_KEPT = 3

/** "Keep the model fresh" for one dataset, as the workspace remembers it across restarts. */
export interface FreshStatus {
  /** Retrain after this many label changes; null: keep-fresh is off. */
  every: number | null
  /** Label changes (journaled edits) since the last retrain started, or since it was turned on. */
  labelsSinceRetrain: number
  /** The retrain's training task while one is pending (running, or resumed after a restart). */
  retrainTaskId: string | null
}

const datasetId = hexId
const documentId = z.number().int().positive()
/** A model version id, or 'imported'. */
const modelVersion = z.union([hexId, z.literal('imported')])
const sessionId = z.string().min(1).max(64)
const queueParams = {
  datasetId,
  queue: z.enum(QUEUES),
  /** Needed by every queue but file and random. */
  modelVersion: hexId.optional(),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31)
    .default(0),
}

/** Which rows of a predict task review-from-predict takes. */
const reviewRows = {
  /** A predict task that has written rows. */
  taskId: hexId,
  /**
   * sample: up to perLabel random rows per label (see predict.sample). all: every written row
   * (of `label`, below `below`), read in pages with no limit on their number.
   */
  select: z.enum(['sample', 'all']).default('sample'),
  /** Rows sampled per label (select sample). */
  perLabel: z.number().int().min(1).max(1000).default(50),
  /** Only this label's rows. */
  label: z.string().min(1).max(200).optional(),
  /** Only rows whose score is below this (the model's least sure). */
  below: z.number().finite().optional(),
}

/** How many rows a review-from-predict would send. */
export interface ReviewCount {
  /** Written rows (one per source row, model and label; a document merges one source row's). */
  rows: number
  /** false: an upper bound (a sample filtered by a score is known only once drawn). */
  exact: boolean
}

export const suggestionSchemas = {
  'suggestions.compute': z
    .object({
      datasetId,
      /** Absent: the latest version trained on this dataset. */
      modelVersionId: hexId.optional(),
    })
    .strict(),
  'suggestions.sources': z.object({ datasetId }).strict(),
  'suggestions.forDocument': z.object({ datasetId, documentId, modelVersion }).strict(),
  'suggestions.accept': z.object({ datasetId, documentId, modelVersion, sessionId }).strict(),
  'suggestions.queue': z
    .object({
      ...queueParams,
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(500).default(100),
    })
    .strict(),
  'suggestions.retrain': z.object({ datasetId }).strict(),
  'suggestions.reviewFromPredict': z
    .object({
      ...reviewRows,
      target: datasetTarget,
      /** Exact duplicates of documents already in the dataset, as an import treats them. */
      duplicates: z.enum(['skip', 'keep']).default('skip'),
    })
    .strict(),
  'suggestions.reviewCount': z.object(reviewRows).strict(),
  'suggestions.learningCurve': z.object({ datasetId }).strict(),
  'suggestions.freshStatus': z.object({ datasetId }).strict(),
  'suggestions.setFresh': z
    .object({
      datasetId,
      /** Retrain after every this many label changes; null turns keep-fresh off. */
      every: z.number().int().min(1).max(100_000).nullable(),
    })
    .strict(),
  'suggestions.queueStep': z
    .object({
      ...queueParams,
      fromDocumentId: documentId,
      direction: z.enum(['next', 'previous']),
    })
    .strict(),
}

type In<M extends keyof typeof suggestionSchemas> = z.input<(typeof suggestionSchemas)[M]>

export interface SuggestionMethods {
  /**
   * Starts a task that scores every document of the dataset with a model version (the latest one
   * trained on it when none is given), stores its labels as suggestions and the queues' scores.
   */
  'suggestions.compute': (
    p: In<'suggestions.compute'>,
  ) => Promise<{ taskId: string; modelVersionId: string }>
  /** The dataset's suggestion sources, newest computed first, imported last. */
  'suggestions.sources': (p: In<'suggestions.sources'>) => Promise<SuggestionSource[]>
  /** One document's suggestions from one source, best first, with its mislabelled reason. */
  'suggestions.forDocument': (p: In<'suggestions.forDocument'>) => Promise<ModelSuggestions>
  /**
   * Makes the suggested labels the document's gold labels (the best one in a single-label
   * dataset), journaled like any edit so undo brings the old labels back.
   */
  'suggestions.accept': (p: In<'suggestions.accept'>) => Promise<DocumentDetail>
  /** One page of a queue, in queue order, with its length; it follows label changes at once. */
  'suggestions.queue': (p: In<'suggestions.queue'>) => Promise<QueuePage>
  /**
   * Keeps the model fresh: retrains the dataset's model in the background (a linear SVM with
   * 5-fold cross-validation, as one task) and, when it succeeds, records its learning-curve point
   * and starts `suggestions.compute` with it. The latest call wins: a retrain of the same dataset
   * still running is aborted. Answers the training task.
   */
  'suggestions.retrain': (p: In<'suggestions.retrain'>) => Promise<{ taskId: string }>
  /**
   * Review from predictions: rows a predict task wrote (a random sample per label, or with
   * select all every row of one label and/or scored below `below`, with no cap) are imported into
   * a dataset (new or existing) as unlabelled documents carrying the model's labels as suggestions
   * ("imported") and a link back to their source row in their meta (review_task, review_table,
   * review_row). Starts one task (kind `suggestions.review`): it reads the rows (progress.data.phase
   * 'read': output rows read of those written), then imports them ('import': documents); its stats
   * are the import's report (`rowsRead`: the documents sent). An abort at any point leaves the dataset as it was. NO_RESULTS_YET before the
   * predict task wrote a batch; no row to send fails the task with VALIDATION.
   */
  'suggestions.reviewFromPredict': (
    p: In<'suggestions.reviewFromPredict'>,
  ) => Promise<{ taskId: string }>
  /**
   * How many rows `suggestions.reviewFromPredict` would send with these parameters, before it is
   * asked to. NO_RESULTS_YET before the task wrote a batch.
   */
  'suggestions.reviewCount': (p: In<'suggestions.reviewCount'>) => Promise<ReviewCount>
  /** The dataset's retrains, oldest first: labels learned from and the score of each. */
  'suggestions.learningCurve': (p: In<'suggestions.learningCurve'>) => Promise<LearningPoint[]>
  /**
   * Keep-fresh as stored for the dataset: its interval, the label changes since the last retrain
   * (counted from the annotation journal, so a restart keeps the count) and the pending retrain.
   */
  'suggestions.freshStatus': (p: In<'suggestions.freshStatus'>) => Promise<FreshStatus>
  /**
   * Turns keep-fresh on (every N label changes) or off for the dataset; the workspace keeps it, so
   * a retrain pending at a restart is started again when the core starts. Turning it on starts
   * the count from now.
   */
  'suggestions.setFresh': (p: In<'suggestions.setFresh'>) => Promise<FreshStatus>
  /**
   * The document after (or before) one in a queue's order, for ←/→; null past either end. A
   * document no longer in the queue (labelled since) is followed by the queue's head.
   */
  'suggestions.queueStep': (p: In<'suggestions.queueStep'>) => Promise<QueueStep | null>
}
