import type Database from 'better-sqlite3'

/** One schema step; its position in `migrations` is the schema version it brings the database to. */
export interface Migration {
  name: string
  up: (db: Database.Database) => void
}
