import type Database from 'better-sqlite3'
import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Migration } from './migrations/migration'
import { migrations as defaultMigrations } from './migrations'
import { openSqliteFile } from './sqlite-driver'

export type Sqlite = Database.Database

export interface OpenOptions {
  /** Path to a native binding built for another runtime (Electron). */
  nativeBinding?: string
  migrations?: readonly Migration[]
}

/** Opens the workspace database with the pragmas every connection needs, then migrates it. */
export function openDatabase(file: string, options: OpenOptions = {}): Sqlite {
  const db = openSqliteFile(
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

export interface BackupOptions {
  /** Where copies go (the workspace's `backups` folder). */
  dir: string
  migrations?: readonly Migration[]
  nativeBinding?: string | undefined
  now?: () => Date
}

const stamp = (d: Date) =>
  d.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-')

/**
 * Copies the workspace with SQLite's online backup before a migration rewrites it, so an upgrade that
 * goes wrong can be undone by hand from `backups/`. Returns the copy's path, or null when nothing
 * would migrate (a new workspace, or one already at the latest version).
 */
export async function backupBeforeMigrating(
  file: string,
  options: BackupOptions,
): Promise<string | null> {
  if (!existsSync(file)) return null
  const list = options.migrations ?? defaultMigrations
  const db = openSqliteFile(file, {
    fileMustExist: true,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  })
  try {
    const current = schemaVersion(db)
    if (current === 0 || current >= list.length) return null
    mkdirSync(options.dir, { recursive: true })
    const copy = join(
      options.dir,
      `workspace-v${current}-before-v${list.length}-${stamp((options.now ?? (() => new Date()))())}.sqlite`,
    )
    await db.backup(copy)
    return copy
  } finally {
    db.close()
  }
}
