import type { Sqlite } from '../db/sqlite'

/** A running (or failed, being removed) import: its documents are those of `dataset_id` from `first_document_id` on. */
export interface PendingImportRow {
  id: number
  task_id: string
  dataset_id: string
  first_document_id: number
  new_dataset: 0 | 1
  discarding: 0 | 1
}

/** What an import adds to the counters the triggers keep for live documents. */
export interface ImportCounts {
  documents: number
  labeled: number
  perLabel: Map<number, number>
}

/** Stands for "no upper bound" in id comparisons. */
export const NO_DOCUMENT_ID = Number.MAX_SAFE_INTEGER

/**
 * SQL for `dataset_imports`: claiming a dataset for an import, committing it in one tiny
 * transaction, and removing a failed import's rows chunk by chunk.
 */
export function createPendingImports(db: Sqlite) {
  const byDataset = db.prepare<[string], PendingImportRow>(
    'SELECT * FROM dataset_imports WHERE dataset_id = ?',
  )
  const byId = db.prepare<[number], PendingImportRow>('SELECT * FROM dataset_imports WHERE id = ?')
  const maxDocumentId = db.prepare<[], { m: number | null }>('SELECT max(id) AS m FROM documents')
  const insert = db.prepare<[string, string, number, number, number]>(
    `INSERT INTO dataset_imports (task_id, dataset_id, first_document_id, new_dataset, created_at)
     VALUES (?, ?, ?, ?, ?)`,
  )
  const chunkIds = db.prepare<[string, number, number], { id: number }>(
    'SELECT id FROM documents WHERE dataset_id = ? AND id >= ? ORDER BY id LIMIT ?',
  )
  const deleteIn = (table: string, column: string) =>
    db.prepare<[string]>(`DELETE FROM ${table} WHERE ${column} IN (SELECT value FROM json_each(?))`)
  const deletes = [
    deleteIn('annotations', 'document_id'),
    deleteIn('suggestions', 'document_id'),
    deleteIn('annotation_journal', 'document_id'),
    deleteIn('documents', 'id'),
  ]

  return {
    byDataset: (datasetId: string): PendingImportRow | undefined => byDataset.get(datasetId),
    get: (id: number): PendingImportRow | undefined => byId.get(id),
    all: (): PendingImportRow[] =>
      db.prepare<[], PendingImportRow>('SELECT * FROM dataset_imports ORDER BY id').all(),
    /** The next free document id: a new import's documents start here. */
    nextDocumentId: (): number => (maxDocumentId.get()?.m ?? 0) + 1,

    /** Claims `datasetId` (call inside a transaction); undefined while another import holds it. */
    claim(taskId: string, datasetId: string, newDataset: boolean, now: number) {
      if (byDataset.get(datasetId)) return undefined
      const first = (maxDocumentId.get()?.m ?? 0) + 1
      const id = Number(
        insert.run(taskId, datasetId, first, newDataset ? 1 : 0, now).lastInsertRowid,
      )
      return { id, firstDocumentId: first }
    },

    /** Makes the import's documents, labels and dataset live and counted; queues them for the search index. */
    commit(row: PendingImportRow, counts: ImportCounts, now: number): void {
      db.prepare(
        `UPDATE datasets SET document_count = document_count + ?, labeled_count = labeled_count + ?,
           import_id = NULL, updated_at = ? WHERE id = ?`,
      ).run(counts.documents, counts.labeled, now, row.dataset_id)
      const addToLabel = db.prepare('UPDATE labels SET doc_count = doc_count + ? WHERE id = ?')
      for (const [labelId, n] of counts.perLabel) addToLabel.run(n, labelId)
      db.prepare('UPDATE labels SET import_id = NULL WHERE import_id = ?').run(row.id)
      if (counts.documents > 0) {
        db.prepare(
          `INSERT INTO fts_backlog (dataset_id, next_id, total) VALUES (?, ?, ?)
           ON CONFLICT (dataset_id) DO UPDATE SET next_id = min(next_id, excluded.next_id),
             total = total + excluded.total`,
        ).run(row.dataset_id, row.first_document_id, counts.documents)
      }
      db.prepare('DELETE FROM dataset_imports WHERE id = ?').run(row.id)
    },

    markDiscarding: (id: number): void =>
      void db.prepare('UPDATE dataset_imports SET discarding = 1 WHERE id = ?').run(id),
    /** Hands the rows of the task's import (if it has one) to the removal. */
    discardTask: (taskId: string): void =>
      void db.prepare('UPDATE dataset_imports SET discarding = 1 WHERE task_id = ?').run(taskId),

    /**
     * Deletes up to `limit` of a failed import's documents (children first, while the import row
     * still tells the count triggers to ignore them); when none are left, its labels, its new
     * dataset and the import row. Returns how many documents it deleted, or -1 when it finished.
     */
    discardChunk(row: PendingImportRow, limit: number): number {
      const ids = chunkIds.all(row.dataset_id, row.first_document_id, limit).map((r) => r.id)
      if (ids.length > 0) {
        const json = JSON.stringify(ids)
        for (const statement of deletes) statement.run(json)
        return ids.length
      }
      db.prepare('DELETE FROM labels WHERE import_id = ?').run(row.id)
      if (row.new_dataset === 1) {
        db.prepare('DELETE FROM datasets WHERE id = ? AND import_id = ?').run(
          row.dataset_id,
          row.id,
        )
      }
      db.prepare('DELETE FROM dataset_imports WHERE id = ?').run(row.id)
      return -1
    },
  }
}
