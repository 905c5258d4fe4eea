import { PREDICT_FIELDS, type PredictCounters, type TextField } from '../../api/contract/predicting'
import { emptyCounters } from './counters'
import type { BatchLabeler } from './labeling/batch-labeler'
import { viewTexts, type ModelView } from './labeling/model-views'
import { AUTHOR_MAX } from './sql/output-tables'
import type { OutputRow, SourceBatch } from './types'
import { bestAssigned, type ModelPrediction } from '../../../src-worker/ml/tasks/predict-task'

const MATCHED_MAX = 1000

export interface LabeledBatch {
  rows: OutputRow[]
  counters: PredictCounters
}

/** Rows turned into output rows per turn of the event loop, so other calls never wait long. */
const ROWS_PER_TURN = 5000
const nextTurn = () => new Promise((resolve) => setImmediate(resolve))

const cut = (text: string | null, max: number) =>
  text !== null && text.length > max ? text.slice(0, max) : text

/** The text fields output rows carry: the others are only labelled. */
const WRITTEN_FIELDS: ReadonlySet<TextField> = new Set(['author', 'sourceId'])

/**
 * Sends the batch's texts to be labelled (the labeler packs them before it returns), then drops
 * the fields no output row carries: long posts would otherwise stay reachable, and be copied by
 * every young-generation collection, until the batch is written.
 */
function sendTexts(
  batch: SourceBatch,
  labeler: BatchLabeler,
  views: readonly ModelView[],
  signal: AbortSignal,
): Promise<ModelPrediction[]> {
  const texts = viewTexts(batch.texts, batch.size, views)
  const anyText = texts.some((column) => column.some((text) => text !== ''))
  const predictions = anyText ? labeler.label(texts, batch.size, signal) : Promise.resolve([])
  for (const field of PREDICT_FIELDS) if (!WRITTEN_FIELDS.has(field)) delete batch.texts[field]
  return predictions
}

/**
 * Each model labels the rows whose field (after its exclusion sets, applied on the labelling
 * thread) is not empty; rows no model reads are counted as excluded. Every (row, model, assigned
 * label) becomes one output row routed to its table.
 */
export async function labelBatch(
  batch: SourceBatch,
  labeler: BatchLabeler,
  views: readonly ModelView[],
  tableOf: (sourceId: string | null) => string,
  signal: AbortSignal,
): Promise<LabeledBatch> {
  const counters = { ...emptyCounters(), received: batch.size }
  countInput(batch, views, counters)
  const predictions = await sendTexts(batch, labeler, views, signal)
  const read = new Uint8Array(batch.size)
  for (const prediction of predictions)
    for (let r = 0; r < batch.size; r++) read[r]! |= prediction.read[r]!
  let kept = 0
  for (let r = 0; r < batch.size; r++) kept += read[r]!
  counters.excluded = batch.size - kept
  const rows: OutputRow[] = []
  const labeledRows = new Uint8Array(batch.size)
  const tables = batch.texts.sourceId?.map(tableOf) ?? null
  const fallback = tableOf(null)
  for (const [m, prediction] of predictions.entries()) {
    const model = labeler.models[m]!
    const version = model.resolvedVersion
    const width = prediction.labels.length
    const { assigned, scores, explanations, matched: matchedTerms, review } = prediction
    const rowOf = (r: number, label: string, score: number, matched: string | null) => ({
      table: tables?.[r] ?? fallback,
      id: batch.ids[r]!,
      author: cut(batch.texts.author?.[r] ?? null, AUTHOR_MAX),
      authorEntry: batch.authorEntries?.[r] ?? -1,
      label,
      score,
      model: version,
      postTime: batch.postTimes?.[r] ?? null,
      sourceId: batch.texts.sourceId?.[r] ?? null,
      matched: cut(matched, MATCHED_MAX),
    })
    for (let r = 0; r < batch.size; r++) {
      if (r % ROWS_PER_TURN === ROWS_PER_TURN - 1) await nextTurn()
      if (!prediction.read[r]) continue
      if (review?.[r] && model.review) {
        // Under the review-below confidence: one row with the review label and the best score.
        const label = model.review.label
        rows.push(
          rowOf(r, label, scores[r * width + bestAssigned(scores, assigned, r, width)]!, null),
        )
        counters.perLabel[label] = (counters.perLabel[label] ?? 0) + 1
        labeledRows[r] = 1
        continue
      }
      for (let l = 0; l < width; l++) {
        if (!assigned[r * width + l]) continue
        const label = prediction.labels[l]!
        let matched: string | null = null
        if (matchedTerms) matched = matchedTerms[r * width + l] ?? null
        else {
          const explanation = explanations?.[r]?.find((e) => e.label === label)
          if (explanation) matched = explanation.matches.map((t) => t.term).join(', ')
        }
        rows.push(rowOf(r, label, scores[r * width + l]!, matched))
        counters.perLabel[label] = (counters.perLabel[label] ?? 0) + 1
        labeledRows[r] = 1
      }
    }
  }
  counters.labeled = labeledRows.reduce((sum, v) => sum + v, 0)
  counters.written = rows.length
  return { rows, counters }
}

/** Rows holding replaced invalid UTF-8 (U+FFFD) in a field some model reads. */
function countInput(batch: SourceBatch, views: readonly ModelView[], counters: PredictCounters) {
  const fields = [...new Set(views.map((v) => v.field))]
  for (let r = 0; r < batch.size; r++) {
    for (const field of fields) {
      const text = batch.texts[field]?.[r]
      if (text && text.includes('\uFFFD')) {
        counters.invalidUtf8++
        break
      }
    }
  }
}
