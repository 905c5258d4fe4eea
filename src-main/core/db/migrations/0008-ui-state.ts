import type { Migration } from './migration'

/** What the app remembers per workspace (selected dataset, screen, form snapshots): key → JSON. */
export const m0008UiState: Migration = {
  name: '0008-ui-state',
  up: (db) => {
    db.exec(`
      CREATE TABLE ui_state (
        key         TEXT PRIMARY KEY,
        value       TEXT NOT NULL CHECK (json_valid(value)),
        updated_at  INTEGER NOT NULL
      ) STRICT;
    `)
  },
}
