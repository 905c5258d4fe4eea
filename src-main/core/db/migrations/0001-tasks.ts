import type { Migration } from './migration'

export const m0001Tasks: Migration = {
  name: '0001-tasks',
  up: (db) => {
    db.exec(`
      CREATE TABLE tasks (
        id            TEXT PRIMARY KEY CHECK (length(id) = 32),
        kind          TEXT NOT NULL,
        title         TEXT NOT NULL,
        status        TEXT NOT NULL CHECK (status IN
                        ('PENDING','RUNNING','SUCCESS','FAILURE','ABORTED','INTERRUPTED')),
        config        TEXT NOT NULL DEFAULT '{}',
        progress      TEXT,
        stats         TEXT,
        checkpoint    TEXT,
        error         TEXT,
        created_at    INTEGER NOT NULL,
        started_at    INTEGER,
        finished_at   INTEGER,
        updated_at    INTEGER NOT NULL,
        peak_rss      INTEGER,
        -- which process runs it and when that process last said so: crash recovery and cross-process abort
        owner_pid        INTEGER,
        heartbeat_at     INTEGER,
        abort_requested  INTEGER NOT NULL DEFAULT 0
      ) STRICT;
      CREATE INDEX tasks_created ON tasks (created_at DESC);
      CREATE INDEX tasks_status ON tasks (status);

      CREATE TABLE seeds (
        name       TEXT PRIMARY KEY,
        applied_at INTEGER NOT NULL
      ) STRICT;
    `)
  },
}
