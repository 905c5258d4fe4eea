import type { Migration } from './migration'

export const m0004Modeling: Migration = {
  name: '0004-modeling',
  up: (db) => {
    db.exec(`
      CREATE TABLE exclusion_sets (
        id             TEXT PRIMARY KEY,
        name           TEXT NOT NULL UNIQUE COLLATE NOCASE,
        mode           TEXT NOT NULL CHECK (mode IN ('drop', 'strip')),
        case_sensitive INTEGER NOT NULL DEFAULT 0,
        patterns       TEXT NOT NULL,
        version        INTEGER NOT NULL DEFAULT 1,
        created_at     INTEGER NOT NULL,
        updated_at     INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE rule_sets (
        id             TEXT PRIMARY KEY,
        name           TEXT NOT NULL UNIQUE COLLATE NOCASE,
        kind           TEXT NOT NULL CHECK (kind IN ('keyword', 'regex')),
        field          TEXT NOT NULL,
        case_sensitive INTEGER NOT NULL DEFAULT 0,
        rules          TEXT NOT NULL,
        created_at     INTEGER NOT NULL,
        updated_at     INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE model_versions (
        id           TEXT PRIMARY KEY,
        name         TEXT NOT NULL,
        kind         TEXT NOT NULL,
        field        TEXT NOT NULL,
        labels       TEXT NOT NULL,
        params       TEXT NOT NULL,
        origin       TEXT NOT NULL CHECK (origin IN ('trained', 'rules', 'imported')),
        dataset_id   TEXT,
        dataset_name TEXT,
        data_hash    TEXT,
        train_splits TEXT,
        test_split   TEXT,
        exclusions   TEXT NOT NULL DEFAULT '[]',
        report       TEXT,
        file_name    TEXT NOT NULL,
        file_bytes   INTEGER NOT NULL,
        created_at   INTEGER NOT NULL,
        updated_at   INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX model_versions_created ON model_versions (created_at DESC);

      CREATE TABLE evaluations (
        id           TEXT PRIMARY KEY,
        model_id     TEXT NOT NULL REFERENCES model_versions (id) ON DELETE CASCADE,
        dataset_id   TEXT,
        split        TEXT,
        source_file  TEXT,
        report       TEXT NOT NULL,
        details_file TEXT NOT NULL,
        rows         INTEGER NOT NULL,
        created_at   INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX evaluations_model ON evaluations (model_id, created_at DESC);
    `)
  },
}
