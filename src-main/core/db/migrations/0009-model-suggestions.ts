import type { Migration } from './migration'

/**
 * Suggestions per model version: `suggestions.model_version` names the model version that gave a
 * label to a document ('imported' for suggestions that came with an imported file, which every
 * existing row is). `queue_scores` holds what the annotation queues sort by, per model version
 * and document: the model's uncertainty, and for labelled documents the likely-mislabelled score
 * from cross-validation with its reason (JSON) and when it was computed, so documents relabelled
 * since leave that queue.
 */
export const m0009ModelSuggestions: Migration = {
  name: '0009-model-suggestions',
  up: (db) => {
    db.exec(`
      CREATE TABLE suggestions_by_model (
        document_id   INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        label_id      INTEGER NOT NULL REFERENCES labels (id) ON DELETE CASCADE,
        model_version TEXT NOT NULL DEFAULT 'imported',
        score         REAL,
        PRIMARY KEY (document_id, model_version, label_id)
      ) STRICT, WITHOUT ROWID;
      INSERT INTO suggestions_by_model (document_id, label_id, model_version, score)
        SELECT document_id, label_id, 'imported', score FROM suggestions;
      DROP TABLE suggestions;
      ALTER TABLE suggestions_by_model RENAME TO suggestions;
      CREATE INDEX suggestions_label ON suggestions (label_id);
      CREATE INDEX suggestions_model ON suggestions (model_version);

      CREATE TABLE queue_scores (
        model_version  TEXT NOT NULL,
        document_id    INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        uncertainty    REAL NOT NULL,
        mislabel       REAL,
        mislabel_reason TEXT,
        computed_at    INTEGER NOT NULL,
        PRIMARY KEY (model_version, document_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX queue_scores_document ON queue_scores (document_id);
    `)
  },
}
