import type { Migration } from './migration'

export const m0003Predicting: Migration = {
  name: '0003-predicting',
  up: (db) => {
    db.exec(`
      CREATE TABLE connections (
        id                 TEXT PRIMARY KEY CHECK (length(id) = 32),
        name               TEXT NOT NULL UNIQUE COLLATE NOCASE,
        host               TEXT NOT NULL,
        port               INTEGER NOT NULL,
        user               TEXT NOT NULL,
        -- sealed by a SecretStore (never plain text); the scheme says which one
        password_sealed    TEXT,
        password_scheme    TEXT,
        password_env       TEXT,
        default_schema     TEXT,
        tls                INTEGER NOT NULL DEFAULT 0,
        connect_timeout_ms INTEGER NOT NULL,
        query_timeout_ms   INTEGER NOT NULL,
        created_at         INTEGER NOT NULL,
        updated_at         INTEGER NOT NULL
      ) STRICT;
    `)
  },
}
