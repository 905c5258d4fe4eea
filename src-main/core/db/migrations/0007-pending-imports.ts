import type { Migration } from './migration'

/** A document the running import of its dataset wrote: invisible and uncounted until it commits. */
const pending = (row: 'NEW' | 'OLD') =>
  `EXISTS (SELECT 1 FROM dataset_imports i WHERE i.dataset_id = ${row}.dataset_id
           AND ${row}.id >= i.first_document_id)`
/** The document's row is in documents_fts (not pending, not in its dataset's index backlog). */
const indexed = (row: 'NEW' | 'OLD') =>
  `NOT ${pending(row)} AND NOT EXISTS (SELECT 1 FROM fts_backlog b
     WHERE b.dataset_id = ${row}.dataset_id AND ${row}.id >= b.next_id)`
const annotationPending = (row: 'NEW' | 'OLD') =>
  `EXISTS (SELECT 1 FROM dataset_imports i JOIN documents d ON d.dataset_id = i.dataset_id
           WHERE d.id = ${row}.document_id AND ${row}.document_id >= i.first_document_id)`

/**
 * Imports write their documents in short transactions instead of one long one:
 * - `dataset_imports`: documents of `dataset_id` with id >= `first_document_id` belong to a running
 *   import. Every read skips them and the count triggers ignore them until the import commits in one
 *   tiny transaction (adds its counts, deletes the row). Labels and a new dataset the import creates
 *   carry its `import_id` and stay hidden until then. A failed import's rows are deleted in chunks.
 * - `fts_backlog`: documents of `dataset_id` with id >= `next_id` are not in documents_fts yet; the
 *   index is built in the background after the commit, and searches scan until it is done.
 */
export const m0007PendingImports: Migration = {
  name: '0007-pending-imports',
  up: (db) => {
    db.exec(`
      CREATE TABLE dataset_imports (
        id                 INTEGER PRIMARY KEY,
        task_id            TEXT NOT NULL UNIQUE,
        dataset_id         TEXT NOT NULL UNIQUE,
        first_document_id  INTEGER NOT NULL,
        new_dataset        INTEGER NOT NULL CHECK (new_dataset IN (0, 1)),
        discarding         INTEGER NOT NULL DEFAULT 0 CHECK (discarding IN (0, 1)),
        created_at         INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE fts_backlog (
        dataset_id  TEXT PRIMARY KEY,
        next_id     INTEGER NOT NULL,
        total       INTEGER NOT NULL,
        done        INTEGER NOT NULL DEFAULT 0
      ) STRICT;
      -- Duplicates are found in memory during an import (import-writer): an index keyed by a random
      -- hash cost a page write per row in short transactions, and nothing else reads it.
      DROP INDEX documents_hash;
      ALTER TABLE datasets ADD COLUMN import_id INTEGER;
      ALTER TABLE labels ADD COLUMN import_id INTEGER;

      DROP TRIGGER documents_fts_insert;
      DROP TRIGGER documents_fts_delete;
      DROP TRIGGER documents_fts_update;
      CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents WHEN ${indexed('NEW')} BEGIN
        INSERT INTO documents_fts (rowid, text, title) VALUES (NEW.id, NEW.text, NEW.title);
      END;
      CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents WHEN ${indexed('OLD')} BEGIN
        INSERT INTO documents_fts (documents_fts, rowid, text, title)
          VALUES ('delete', OLD.id, OLD.text, OLD.title);
      END;
      CREATE TRIGGER documents_fts_update AFTER UPDATE OF text, title ON documents
        WHEN ${indexed('OLD')} BEGIN
        INSERT INTO documents_fts (documents_fts, rowid, text, title)
          VALUES ('delete', OLD.id, OLD.text, OLD.title);
        INSERT INTO documents_fts (rowid, text, title) VALUES (NEW.id, NEW.text, NEW.title);
      END;

      DROP TRIGGER annotations_count_insert;
      DROP TRIGGER annotations_count_delete;
      DROP TRIGGER documents_count_insert;
      DROP TRIGGER documents_count_delete;
      DROP TRIGGER documents_count_labeled;
      CREATE TRIGGER annotations_count_insert AFTER INSERT ON annotations
        WHEN NOT ${annotationPending('NEW')} BEGIN
        UPDATE documents SET label_count = label_count + 1 WHERE id = NEW.document_id;
        UPDATE labels SET doc_count = doc_count + 1 WHERE id = NEW.label_id;
      END;
      CREATE TRIGGER annotations_count_delete AFTER DELETE ON annotations
        WHEN NOT ${annotationPending('OLD')} BEGIN
        UPDATE documents SET label_count = label_count - 1 WHERE id = OLD.document_id;
        UPDATE labels SET doc_count = doc_count - 1 WHERE id = OLD.label_id;
      END;
      CREATE TRIGGER documents_count_insert AFTER INSERT ON documents
        WHEN NOT ${pending('NEW')} BEGIN
        UPDATE datasets SET document_count = document_count + 1,
          labeled_count = labeled_count + (NEW.label_count > 0) WHERE id = NEW.dataset_id;
      END;
      CREATE TRIGGER documents_count_delete AFTER DELETE ON documents
        WHEN NOT ${pending('OLD')} BEGIN
        UPDATE datasets SET document_count = document_count - 1,
          labeled_count = labeled_count - (OLD.label_count > 0) WHERE id = OLD.dataset_id;
      END;
      CREATE TRIGGER documents_count_labeled AFTER UPDATE OF label_count ON documents
        WHEN (OLD.label_count > 0) != (NEW.label_count > 0) AND NOT ${pending('NEW')} BEGIN
        UPDATE datasets SET labeled_count = labeled_count + (NEW.label_count > 0) - (OLD.label_count > 0)
          WHERE id = NEW.dataset_id;
      END;
    `)
  },
}
