import Database from 'better-sqlite3'
import type { Migration } from './migrations'
import { migrations as defaultMigrations } from './migrations'

export type Sqlite = Database.Database

export interface OpenOptions {
  /** Path to a native binding built for another runtime (Electron). */
  nativeBinding?: string
  migrations?: readonly Migration[]
}

/** Opens the workspace database with the pragmas every connection needs, then migrates it. */
export function openDatabase(file: string, options: OpenOptions = {}): Sqlite {
  const db = new Database(
    file,
    options.nativeBinding ? { nativeBinding: options.nativeBinding } : {},
  )
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  db.pragma('foreign_keys = ON')
  db.pragma('busy_timeout = 5000')
  migrate(db, options.migrations ?? defaultMigrations)
  return db
}

export function schemaVersion(db: Sqlite): number {
  return db.pragma('user_version', { simple: true }) as number
}

/**
 * Applies every migration above `PRAGMA user_version`, each in its own transaction so a failing step
 * leaves the database at the previous version.
 */
export function migrate(db: Sqlite, list: readonly Migration[], target = list.length): void {
  const current = schemaVersion(db)
  if (current > list.length) {
    throw new Error(
      `The workspace database is at schema version ${current}, newer than this app knows (${list.length}). ` +
        'Update Audience Desktop or open another data directory.',
    )
  }
  for (let version = current + 1; version <= target; version++) {
    const step = list[version - 1]
    if (!step) break
    db.transaction(() => {
      step.up(db)
      db.pragma(`user_version = ${version}`)
    })()
  }
}
