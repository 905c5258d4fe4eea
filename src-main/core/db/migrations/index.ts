import type Database from 'better-sqlite3'
import { m0001Tasks } from './0001-tasks'

export interface Migration {
  name: string
  up: (db: Database.Database) => void
}

/** Ordered: the position in this list is the schema version the migration brings the database to. */
export const migrations: readonly Migration[] = [m0001Tasks]
