import type { TextField } from '../../api/contract/predicting'
import type { DocBatch } from '../../../src-worker/ml/models/model'
import { emptyCounters, type Counters } from './counters'
import type { BatchLabeler } from './labeling/batch-labeler'
import type { OutputRow, SourceBatch } from './types'

const AUTHOR_MAX = 255
const MATCHED_MAX = 1000

export interface LabeledBatch {
  rows: OutputRow[]
  counters: Counters
}

const cut = (text: string | null, max: number) =>
  text !== null && text.length > max ? text.slice(0, max) : text

/**
 * Skips rows whose model fields are all NULL/empty, counts replaced invalid UTF-8, labels the rest and
 * turns every (row, model, assigned label) into one output row routed to its table.
 */
export async function labelBatch(
  batch: SourceBatch,
  labeler: BatchLabeler,
  tableOf: (sourceId: string | null) => string,
  signal: AbortSignal,
): Promise<LabeledBatch> {
  const counters = { ...emptyCounters(), received: batch.size }
  const fields = [...new Set(labeler.models.map((m) => m.field))]
  const keep = selectRows(batch, fields, counters)
  const doc: DocBatch = { size: keep.length, fields: {} }
  for (const field of fields) {
    const column = batch.texts[field]
    doc.fields[field] = keep.map((r) => column?.[r] ?? '')
  }
  const predictions = keep.length ? await labeler.label(doc, signal) : []
  const rows: OutputRow[] = []
  const labeledRows = new Uint8Array(keep.length)
  predictions.forEach((prediction, m) => {
    const version = labeler.models[m]!.version
    const width = prediction.labels.length
    for (let k = 0; k < keep.length; k++) {
      for (let l = 0; l < width; l++) {
        if (!prediction.assigned[k * width + l]) continue
        const label = prediction.labels[l]!
        const explanation = prediction.explanations?.[k]?.find((e) => e.label === label)
        const matched = explanation ? explanation.matches.map((t) => t.term).join(', ') : null
        rows.push(
          outputRow(
            batch,
            keep[k]!,
            tableOf,
            { label, version, matched },
            prediction.scores[k * width + l]!,
          ),
        )
        counters.perLabel[label] = (counters.perLabel[label] ?? 0) + 1
        labeledRows[k] = 1
      }
    }
  })
  counters.labeled = labeledRows.reduce((sum, v) => sum + v, 0)
  counters.written = rows.length
  return { rows, counters }
}

function selectRows(
  batch: SourceBatch,
  fields: readonly TextField[],
  counters: Counters,
): number[] {
  const keep: number[] = []
  for (let r = 0; r < batch.size; r++) {
    let present = false
    let replaced = false
    for (const field of fields) {
      const text = batch.texts[field]?.[r]
      if (text) present = true
      if (text && text.includes('\uFFFD')) replaced = true
    }
    if (!present) counters.excluded++
    else keep.push(r)
    if (replaced) counters.invalidUtf8++
  }
  return keep
}

function outputRow(
  batch: SourceBatch,
  r: number,
  tableOf: (sourceId: string | null) => string,
  m: { label: string; version: string; matched: string | null },
  score: number,
): OutputRow {
  const sourceId = batch.texts.sourceId?.[r] ?? null
  return {
    table: tableOf(sourceId),
    id: batch.ids[r]!,
    author: cut(batch.texts.author?.[r] ?? null, AUTHOR_MAX),
    label: m.label,
    score,
    model: m.version,
    postTime: batch.postTimes?.[r] ?? null,
    sourceId,
    matched: cut(m.matched, MATCHED_MAX),
  }
}
