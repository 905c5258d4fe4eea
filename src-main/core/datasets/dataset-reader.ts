import type { Split } from '../../api/contract/datasets'
import { ApiError } from '../../api/errors'
import type { FieldName } from '../../../src-worker/ml/models/model'
import type { DatasetRow, DatasetsRepo, LabelRow } from './datasets.repo'
import { filterWhere, type DocumentRowData, type DocumentsRepo } from './documents.repo'

/** One dataset document as models see it: every readable field and the gold label names. */
export interface ModelDocument {
  id: number
  fields: Record<FieldName, string>
  labels: string[]
  split: Split | null
}

export interface DocumentSelection {
  datasetId: string
  /** Only documents in these splits; all documents when absent. */
  splits?: readonly (Split | 'none')[]
  labeledOnly?: boolean
}

const CHUNK = 5000

function toModelDocument(row: DocumentRowData, labelNames: Map<number, string>): ModelDocument {
  const ids = row.label_ids ? row.label_ids.split(',').map(Number) : []
  return {
    id: row.id,
    fields: {
      content: row.text,
      title: row.title ?? '',
      author: row.author ?? '',
      sourceId: row.source_id ?? '',
    },
    labels: ids.map((id) => labelNames.get(id) ?? String(id)).sort(),
    split: row.split,
  }
}

/**
 * What other domains (models, rules, preprocessing) may read of datasets: the port they get
 * instead of the database.
 */
export interface DatasetReader {
  /** The dataset row (deleted ones included, with deleted_at set), if it exists. */
  get(id: string): DatasetRow | undefined
  labels(datasetId: string): LabelRow[]
  /** Streams a dataset's documents in id order, chunk by chunk (NOT_FOUND for a deleted one). */
  documents(selection: DocumentSelection): Generator<ModelDocument[]>
}

export function createDatasetReader(
  datasets: DatasetsRepo,
  documents: DocumentsRepo,
): DatasetReader {
  function* readDocuments(selection: DocumentSelection): Generator<ModelDocument[]> {
    const dataset = datasets.get(selection.datasetId)
    if (!dataset || dataset.deleted_at !== null) {
      throw new ApiError(
        'NOT_FOUND',
        `Dataset ${selection.datasetId} does not exist. Pick another dataset.`,
      )
    }
    const labelNames = new Map(datasets.labels(selection.datasetId).map((l) => [l.id, l.name]))
    const splits = selection.splits ?? [undefined]
    for (const split of splits) {
      const where = filterWhere(selection.datasetId, {
        ...(split ? { split } : {}),
        ...(selection.labeledOnly ? { status: 'labeled' as const } : {}),
      })
      let after = 0
      for (;;) {
        const rows = documents.chunk(where, after, CHUNK)
        if (rows.length === 0) break
        after = rows[rows.length - 1]!.id
        yield rows.map((row) => toModelDocument(row, labelNames))
      }
    }
  }
  return {
    get: (id) => datasets.get(id),
    labels: (datasetId) => datasets.labels(datasetId),
    documents: readDocuments,
  }
}
