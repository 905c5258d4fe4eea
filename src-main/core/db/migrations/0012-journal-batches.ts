import type { Migration } from './migration'

/**
 * Bulk labeling: the journal entries of one bulk action share a `batch` (the first entry's id), so
 * undo and redo move the whole action in one step. Single changes keep `batch` NULL.
 */
export const m0012JournalBatches: Migration = {
  name: '0012-journal-batches',
  up: (db) => {
    db.exec(`ALTER TABLE annotation_journal ADD COLUMN batch INTEGER;`)
  },
}
