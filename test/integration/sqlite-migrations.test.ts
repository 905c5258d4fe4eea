import Database from 'better-sqlite3'
import { existsSync, readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { migrations } from '../../src-main/core/db/migrations'
import { createCore } from '../../src-main/core/create-core'
import {
  backupBeforeMigrating,
  migrate,
  openDatabase,
  schemaVersion,
} from '../../src-main/core/db/sqlite'
import { testCoreConfig } from '../helpers/core-harness'
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

describe('backup before a migration', () => {
  const seedAt = (file: string, version: number) => {
    const db = new Database(file)
    migrate(db, migrations, version)
    db.prepare(
      `INSERT INTO tasks (id, kind, title, status, created_at, updated_at)
       VALUES ('${'b'.repeat(32)}', 'k', 'kept in the backup', 'SUCCESS', 1, 1)`,
    ).run()
    db.close()
  }

  it('copies the workspace with the online backup API, then the original migrates', async () => {
    const file = tempFile()
    const older = migrations.length - 1
    seedAt(file, older)
    const dir = join(dirname(file), 'backups')
    const copy = await backupBeforeMigrating(file, {
      dir,
      now: () => new Date('2026-03-04T05:06:07Z'),
    })
    expect(copy).toBe(
      join(dir, `workspace-v${older}-before-v${migrations.length}-20260304-050607.sqlite`),
    )

    openDatabase(file).close()
    const backup = new Database(copy!, { readonly: true })
    expect(schemaVersion(backup)).toBe(older)
    expect(backup.prepare('SELECT title FROM tasks').all()).toEqual([
      { title: 'kept in the backup' },
    ])
    backup.close()
    const migrated = new Database(file, { readonly: true })
    expect(schemaVersion(migrated)).toBe(migrations.length)
    migrated.close()
  })

  it('copies nothing for a new workspace or one already at the latest version', async () => {
    const missing = tempFile()
    expect(await backupBeforeMigrating(missing, { dir: join(dirname(missing), 'b') })).toBeNull()
    expect(existsSync(missing)).toBe(false)
    const current = tempFile()
    openDatabase(current).close()
    expect(await backupBeforeMigrating(current, { dir: join(dirname(current), 'b') })).toBeNull()
    expect(existsSync(join(dirname(current), 'b'))).toBe(false)
  })

  it('createCore backs an older workspace up into <dataDir>/backups before migrating it', async () => {
    const file = tempFile()
    seedAt(file, migrations.length - 1)
    const core = await createCore(testCoreConfig(dirname(file), { seedDemo: false, maxThreads: 1 }))
    await core.close()
    const copies = readdirSync(join(dirname(file), 'backups'))
    expect(copies).toHaveLength(1)
    expect(copies[0]).toMatch(/^workspace-v\d+-before-v\d+-\d{8}-\d{6}\.sqlite$/)
  })
})
