import { describe, expect, it } from 'vitest'
import { migrations } from '../../src-main/core/db/migrations'
import { migrate, schemaVersion } from '../../src-main/core/db/sqlite'
import { seedDataset, versionOf, workspaceDatabases } from '../helpers/migration-db'

const VERSION = versionOf('0012-journal-batches')
const open = workspaceDatabases()

describe('migration 0012-journal-batches', () => {
  it('adds a nullable batch to the journal; existing entries stay single changes', () => {
    const db = open()
    const dataset = seedDataset(db, VERSION)
    const doc = db
      .prepare(
        `INSERT INTO documents (dataset_id, text, content_hash, created_at) VALUES (?, 'hello', 'h', 1)`,
      )
      .run(dataset).lastInsertRowid
    db.prepare(
      `INSERT INTO annotation_journal (dataset_id, session_id, document_id, before, after, created_at)
       VALUES (?, 's', ?, '[]', '[1]', 1)`,
    ).run(dataset, doc)
    migrate(db, migrations, VERSION)
    expect(schemaVersion(db)).toBe(VERSION)
    expect(db.prepare('SELECT batch FROM annotation_journal').all()).toEqual([{ batch: null }])
    db.prepare('UPDATE annotation_journal SET batch = id').run()
    expect(db.prepare('SELECT batch FROM annotation_journal').get()).toEqual({ batch: 1 })
    db.close()
  })
})
