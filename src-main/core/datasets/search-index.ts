import type { Sqlite } from '../db/sqlite'
import { NO_DOCUMENT_ID } from './pending-imports'

export interface IndexedChunk {
  datasetId: string
  documents: number
  /** The dataset's index is complete. */
  finished: boolean
}

interface BacklogRow {
  dataset_id: string
  next_id: number
  total: number
  done: number
}

/**
 * The trigram search index (documents_fts) is built after an import commits, chunk by chunk:
 * `fts_backlog` says from which document id on a dataset is not indexed yet. Searches use the index
 * for the indexed part and scan the rest (see `filterWhere`), so results are complete throughout.
 */
export function createSearchIndex(db: Sqlite) {
  const backlog = db.prepare<[string], BacklogRow>('SELECT * FROM fts_backlog WHERE dataset_id = ?')
  const first = db.prepare<[], BacklogRow>('SELECT * FROM fts_backlog ORDER BY rowid LIMIT 1')
  const floor = db.prepare<[string], { first_document_id: number }>(
    'SELECT first_document_id FROM dataset_imports WHERE dataset_id = ?',
  )
  const rows = db.prepare<
    [string, number, number, number],
    { id: number; text: string; title: string | null }
  >(
    `SELECT id, text, title FROM documents WHERE dataset_id = ? AND id >= ? AND id < ?
     ORDER BY id LIMIT ?`,
  )
  const index = db.prepare<[number, string, string | null]>(
    'INSERT INTO documents_fts (rowid, text, title) VALUES (?, ?, ?)',
  )
  const advance = db.prepare<[number, number, string]>(
    'UPDATE fts_backlog SET next_id = ?, done = min(total, done + ?) WHERE dataset_id = ?',
  )
  const drop = db.prepare<[string]>('DELETE FROM fts_backlog WHERE dataset_id = ?')
  const indexChunk = db.transaction((limit: number): IndexedChunk => {
    const row = first.get()
    if (!row) return { datasetId: '', documents: 0, finished: false }
    // Stop below a running import's documents: they are queued when it commits.
    const until = floor.get(row.dataset_id)?.first_document_id ?? NO_DOCUMENT_ID
    const chunk = rows.all(row.dataset_id, row.next_id, until, limit)
    for (const doc of chunk) index.run(doc.id, doc.text, doc.title)
    const last = chunk.at(-1)
    const finished = !last || chunk.length < limit
    if (finished) drop.run(row.dataset_id)
    else advance.run(last.id + 1, chunk.length, row.dataset_id)
    return { datasetId: row.dataset_id, documents: chunk.length, finished }
  })

  return {
    /** Percent of the dataset indexed while its index is being built; null when it is ready. */
    percent(datasetId: string): number | null {
      const row = backlog.get(datasetId)
      if (!row) return null
      return row.total > 0 ? Math.min(99, Math.floor((100 * row.done) / row.total)) : 0
    },

    pending: (): boolean => first.get() !== undefined,

    /** Indexes up to `limit` documents of the oldest backlog in one transaction. */
    indexChunk: (limit: number) => indexChunk.immediate(limit),
  }
}
