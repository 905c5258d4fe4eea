import Database from 'better-sqlite3'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { migrations } from '../../src-main/core/db/migrations'
import { migrate, openDatabase, schemaVersion } from '../../src-main/core/db/sqlite'
import { makeTempDir } from '../helpers/temp-dir'

const temps: (() => void)[] = []
afterEach(() => temps.splice(0).forEach((cleanup) => cleanup()))

function tempFile(): string {
  const temp = makeTempDir()
  temps.push(temp.cleanup)
  return join(temp.dir, 'workspace.sqlite')
}

describe('workspace database', () => {
  it('opens in WAL mode with foreign keys and migrates to the latest version', () => {
    const db = openDatabase(tempFile())
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
    expect(schemaVersion(db)).toBe(migrations.length)
    db.close()
  })

  it('upgrades every step N-1 → N keeping the rows seeded at N-1', () => {
    for (let target = 1; target <= migrations.length; target++) {
      const file = tempFile()
      const db = new Database(file)
      migrate(db, migrations, target - 1)
      if (target > 1) {
        db.prepare(
          `INSERT INTO tasks (id, kind, title, status, created_at, updated_at)
           VALUES ('${'a'.repeat(32)}', 'k', 't', 'SUCCESS', 1, 1)`,
        ).run()
      }
      migrate(db, migrations, target)
      expect(schemaVersion(db)).toBe(target)
      if (target > 1) expect(db.prepare('SELECT count(*) AS n FROM tasks').get()).toEqual({ n: 1 })
      db.close()
    }
  })

  it('leaves the version unchanged when a migration fails half-way', () => {
    const db = new Database(tempFile())
    const broken = [
      ...migrations,
      {
        name: 'broken',
        up: (d: Database.Database) => {
          d.exec('CREATE TABLE half (x INTEGER)')
          d.exec('THIS IS NOT SQL')
        },
      },
    ]
    expect(() => migrate(db, broken)).toThrow()
    expect(schemaVersion(db)).toBe(migrations.length)
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half'").get()).toBeUndefined()
    db.close()
  })

  it('refuses a database from a newer app instead of corrupting it', () => {
    const file = tempFile()
    const db = new Database(file)
    db.pragma(`user_version = ${migrations.length + 1}`)
    db.close()
    expect(() => openDatabase(file)).toThrow(/newer than this app knows/)
  })
})
