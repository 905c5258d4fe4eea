import type { Split } from '../../api/contract/datasets'
import { ApiError } from '../../api/errors'
import type { FieldName } from '../../../src-worker/ml/models/model'
import { createDatasetsRepo } from '../datasets/datasets.repo'
import { createDocumentsRepo, filterWhere, type DocumentRowData } from '../datasets/documents.repo'
import type { Sqlite } from '../db/sqlite'

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

/** Streams a dataset's documents in id order, chunk by chunk, through the datasets repos. */
export function* readModelDocuments(
  db: Sqlite,
  selection: DocumentSelection,
): Generator<ModelDocument[]> {
  const datasets = createDatasetsRepo(db)
  const dataset = datasets.get(selection.datasetId)
  if (!dataset || dataset.deleted_at !== null) {
    throw new ApiError(
      'NOT_FOUND',
      `Dataset ${selection.datasetId} does not exist. Pick another dataset.`,
    )
  }
  const labelNames = new Map(datasets.labels(selection.datasetId).map((l) => [l.id, l.name]))
  const documents = createDocumentsRepo(db)
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
