import { describe, expect, it } from 'vitest'
import { migrations } from '../../src-main/core/db/migrations'
import { migrate, schemaVersion } from '../../src-main/core/db/sqlite'
import { versionOf, workspaceDatabases } from '../helpers/migration-db'

const DATASETS_VERSION = versionOf('0002-datasets')
const open = workspaceDatabases()

describe('migration 0002-datasets', () => {
  it('is the second migration', () => {
    expect(DATASETS_VERSION).toBe(2)
  })

  it('upgrades N-1 → N keeping earlier rows, then holds datasets with FTS and label counts', () => {
    const db = open()
    migrate(db, migrations, DATASETS_VERSION - 1)
    db.prepare(
      `INSERT INTO tasks (id, kind, title, status, created_at, updated_at) VALUES (?, 'k', 't', 'SUCCESS', 1, 1)`,
    ).run('a'.repeat(32))
    db.prepare('INSERT INTO seeds (name, applied_at) VALUES (?, 1)').run('earlier')
    migrate(db, migrations, DATASETS_VERSION)
    expect(schemaVersion(db)).toBe(DATASETS_VERSION)
    expect(db.prepare('SELECT count(*) AS n FROM tasks').get()).toEqual({ n: 1 })

    const id = 'b'.repeat(32)
    db.prepare(
      `INSERT INTO datasets (id, name, label_mode, created_at, updated_at) VALUES (?, 'd', 'multi', 1, 1)`,
    ).run(id)
    const label = db
      .prepare(
        `INSERT INTO labels (dataset_id, name, color, position) VALUES (?, 'x', '#000000', 0)`,
      )
      .run(id)
    const doc = db
      .prepare(
        `INSERT INTO documents (dataset_id, text, content_hash, created_at) VALUES (?, '我是一個學生', 'h', 1)`,
      )
      .run(id)
    db.prepare('INSERT INTO annotations (document_id, label_id, created_at) VALUES (?, ?, 1)').run(
      doc.lastInsertRowid,
      label.lastInsertRowid,
    )
    const labeled = () => db.prepare('SELECT label_count, labeled FROM documents').get()
    expect(labeled()).toEqual({ label_count: 1, labeled: 1 })
    const match = db
      .prepare(`SELECT rowid FROM documents_fts WHERE documents_fts MATCH '"一個學"'`)
      .all()
    expect(match).toHaveLength(1)
    db.prepare('DELETE FROM labels WHERE id = ?').run(label.lastInsertRowid)
    expect(labeled()).toEqual({ label_count: 0, labeled: 0 })
    db.prepare('DELETE FROM datasets WHERE id = ?').run(id)
    expect(db.prepare('SELECT count(*) AS n FROM documents_fts').get()).toEqual({ n: 0 })
    db.close()
  })

  it('rejects rows that break the STRICT schema', () => {
    const db = open()
    migrate(db, migrations, DATASETS_VERSION)
    expect(() =>
      db
        .prepare(
          `INSERT INTO datasets (id, name, label_mode, created_at, updated_at) VALUES (?, 'd', 'both', 1, 1)`,
        )
        .run('c'.repeat(32)),
    ).toThrow(/CHECK/)
    db.close()
  })
})
