import Database from 'better-sqlite3'
import { join } from 'node:path'
import { afterEach } from 'vitest'
import { migrations } from '../../src-main/core/db/migrations'
import { migrate } from '../../src-main/core/db/sqlite'
import { makeTempDir } from './temp-dir'

/** The schema version a named migration brings a workspace to (its 1-based place in the list). */
export const versionOf = (name: string): number => migrations.findIndex((m) => m.name === name) + 1

/**
 * Opens empty workspace databases (foreign keys on) in temporary directories that are removed
 * after each test of the calling file; call it once at the file's top level.
 */
export function workspaceDatabases(): () => Database.Database {
  const temps: (() => void)[] = []
  afterEach(() => temps.splice(0).forEach((cleanup) => cleanup()))
  return () => {
    const temp = makeTempDir()
    temps.push(temp.cleanup)
    const db = new Database(join(temp.dir, 'workspace.sqlite'))
    db.pragma('foreign_keys = ON')
    return db
  }
}

/**
 * Brings a workspace to the schema before `version` and inserts one single-label dataset, the
 * "N − 1 → seed" start of a migration test; answers the dataset's id.
 */
export function seedDataset(db: Database.Database, version: number): string {
  migrate(db, migrations, version - 1)
  const dataset = 'c'.repeat(32)
  db.prepare(
    `INSERT INTO datasets (id, name, label_mode, created_at, updated_at) VALUES (?, 'd', 'single', 1, 1)`,
  ).run(dataset)
  return dataset
}
