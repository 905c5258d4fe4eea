import type { Migration } from './migration'

/**
 * Drops the two per-row triggers on inserting documents (search index, dataset counts). Their
 * WHEN clauses skipped every row an import writes, yet invoking a trigger program per row halved
 * SQLite's insert rate. The two writers of documents count and index what they insert themselves:
 * an import at its commit (counts, `fts_backlog`), a dataset copy in its transaction.
 */
export const m0011DocumentInsertTriggers: Migration = {
  name: '0011-document-insert-triggers',
  up: (db) => {
    db.exec(`
      DROP TRIGGER documents_fts_insert;
      DROP TRIGGER documents_count_insert;
    `)
  },
}
