import type { Migration } from './migration'

/**
 * An import paid a B-tree insert per row into `documents_labeled` and `documents_split`, whose keys
 * only the filters and counts read. Both become partial: labeled documents, and documents with a
 * split. An unlabeled import into a dataset without splits (the common case) writes into neither;
 * unlabeled and unsplit documents are counted as the rest (`documents.repo`). The labeled index keys
 * the expression `label_count > 0` (always 1 in it), not the virtual `labeled` column: SQLite counts
 * from an indexed expression without reading rows, never from an indexed virtual column.
 */
export const m0013PartialDocumentIndexes: Migration = {
  name: '0013-partial-document-indexes',
  up: (db) => {
    db.exec(`
      DROP INDEX documents_labeled;
      DROP INDEX documents_split;
      CREATE INDEX documents_labeled ON documents (dataset_id, label_count > 0) WHERE label_count > 0;
      CREATE INDEX documents_split ON documents (dataset_id, split) WHERE split IS NOT NULL;
    `)
  },
}
