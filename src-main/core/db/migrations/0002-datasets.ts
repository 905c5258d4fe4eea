import type { Migration } from './migration'

/**
 * Datasets, labels, documents (+ trigram FTS), annotations, model suggestions and the annotation journal.
 * `documents.label_count` is kept by triggers so labeled/unlabeled filters use an index, not a join.
 */
export const m0002Datasets: Migration = {
  name: '0002-datasets',
  up: (db) => {
    db.exec(`
      CREATE TABLE datasets (
        id           TEXT PRIMARY KEY CHECK (length(id) = 32),
        name         TEXT NOT NULL,
        description  TEXT NOT NULL DEFAULT '',
        label_mode   TEXT NOT NULL CHECK (label_mode IN ('single', 'multi')),
        split_seed   INTEGER,
        split_ratios TEXT,
        created_at   INTEGER NOT NULL,
        updated_at   INTEGER NOT NULL,
        deleted_at   INTEGER,
        -- kept by triggers so lists and progress never count 100k rows
        document_count INTEGER NOT NULL DEFAULT 0,
        labeled_count  INTEGER NOT NULL DEFAULT 0
      ) STRICT;
      CREATE UNIQUE INDEX datasets_live_name ON datasets (name) WHERE deleted_at IS NULL;

      CREATE TABLE labels (
        id          INTEGER PRIMARY KEY,
        dataset_id  TEXT NOT NULL REFERENCES datasets (id) ON DELETE CASCADE,
        name        TEXT NOT NULL,
        color       TEXT NOT NULL,
        shortcut    TEXT,
        position    INTEGER NOT NULL,
        doc_count   INTEGER NOT NULL DEFAULT 0,
        UNIQUE (dataset_id, name)
      ) STRICT;
      CREATE UNIQUE INDEX labels_shortcut ON labels (dataset_id, shortcut) WHERE shortcut IS NOT NULL;

      CREATE TABLE documents (
        id            INTEGER PRIMARY KEY,
        dataset_id    TEXT NOT NULL REFERENCES datasets (id) ON DELETE CASCADE,
        text          TEXT NOT NULL,
        author        TEXT,
        title         TEXT,
        source_id     TEXT,
        post_time     TEXT,
        meta          TEXT,
        content_hash  TEXT NOT NULL,
        split         TEXT CHECK (split IN ('train', 'dev', 'test')),
        label_count   INTEGER NOT NULL DEFAULT 0,
        labeled       INTEGER GENERATED ALWAYS AS (label_count > 0) VIRTUAL,
        labeled_at    INTEGER,
        created_at    INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX documents_dataset ON documents (dataset_id);
      CREATE INDEX documents_labeled ON documents (dataset_id, labeled);
      CREATE INDEX documents_split ON documents (dataset_id, split);
      CREATE INDEX documents_hash ON documents (dataset_id, content_hash);

      CREATE VIRTUAL TABLE documents_fts USING fts5 (
        text, title, content = 'documents', content_rowid = 'id', tokenize = 'trigram'
      );
      CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
        INSERT INTO documents_fts (rowid, text, title) VALUES (NEW.id, NEW.text, NEW.title);
      END;
      CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
        INSERT INTO documents_fts (documents_fts, rowid, text, title)
          VALUES ('delete', OLD.id, OLD.text, OLD.title);
      END;
      CREATE TRIGGER documents_fts_update AFTER UPDATE OF text, title ON documents BEGIN
        INSERT INTO documents_fts (documents_fts, rowid, text, title)
          VALUES ('delete', OLD.id, OLD.text, OLD.title);
        INSERT INTO documents_fts (rowid, text, title) VALUES (NEW.id, NEW.text, NEW.title);
      END;

      CREATE TABLE annotations (
        document_id  INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        label_id     INTEGER NOT NULL REFERENCES labels (id) ON DELETE CASCADE,
        created_at   INTEGER NOT NULL,
        PRIMARY KEY (document_id, label_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX annotations_label ON annotations (label_id, document_id);
      CREATE TRIGGER annotations_count_insert AFTER INSERT ON annotations BEGIN
        UPDATE documents SET label_count = label_count + 1 WHERE id = NEW.document_id;
        UPDATE labels SET doc_count = doc_count + 1 WHERE id = NEW.label_id;
      END;
      CREATE TRIGGER annotations_count_delete AFTER DELETE ON annotations BEGIN
        UPDATE documents SET label_count = label_count - 1 WHERE id = OLD.document_id;
        UPDATE labels SET doc_count = doc_count - 1 WHERE id = OLD.label_id;
      END;
      CREATE TRIGGER documents_count_insert AFTER INSERT ON documents BEGIN
        UPDATE datasets SET document_count = document_count + 1,
          labeled_count = labeled_count + (NEW.label_count > 0) WHERE id = NEW.dataset_id;
      END;
      CREATE TRIGGER documents_count_delete AFTER DELETE ON documents BEGIN
        UPDATE datasets SET document_count = document_count - 1,
          labeled_count = labeled_count - (OLD.label_count > 0) WHERE id = OLD.dataset_id;
      END;
      CREATE TRIGGER documents_count_labeled AFTER UPDATE OF label_count ON documents
        WHEN (OLD.label_count > 0) != (NEW.label_count > 0) BEGIN
        UPDATE datasets SET labeled_count = labeled_count + (NEW.label_count > 0) - (OLD.label_count > 0)
          WHERE id = NEW.dataset_id;
      END;

      CREATE TABLE suggestions (
        document_id  INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        label_id     INTEGER NOT NULL REFERENCES labels (id) ON DELETE CASCADE,
        score        REAL,
        PRIMARY KEY (document_id, label_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX suggestions_label ON suggestions (label_id);

      CREATE TABLE annotation_journal (
        id           INTEGER PRIMARY KEY,
        dataset_id   TEXT NOT NULL REFERENCES datasets (id) ON DELETE CASCADE,
        session_id   TEXT NOT NULL,
        document_id  INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        before       TEXT NOT NULL,
        after        TEXT NOT NULL,
        undone       INTEGER NOT NULL DEFAULT 0 CHECK (undone IN (0, 1)),
        created_at   INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX annotation_journal_session ON annotation_journal (dataset_id, session_id, undone, id);
      CREATE INDEX annotation_journal_document ON annotation_journal (document_id);
    `)
  },
}
