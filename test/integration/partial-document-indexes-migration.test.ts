import { describe, expect, it } from 'vitest'
import { migrations } from '../../src-main/core/db/migrations'
import { createDocumentsRepo, filterWhere } from '../../src-main/core/datasets/documents.repo'
import { migrate, schemaVersion } from '../../src-main/core/db/sqlite'
import { seedDataset, versionOf, workspaceDatabases } from '../helpers/migration-db'

const VERSION = versionOf('0013-partial-document-indexes')
const open = workspaceDatabases()

describe('migration 0013-partial-document-indexes', () => {
  it('keeps only labeled and split documents in those indexes; counts and filters stay right', () => {
    const db = open()
    const dataset = seedDataset(db, VERSION)
    const insert = db.prepare(
      `INSERT INTO documents (dataset_id, text, content_hash, split, label_count, created_at)
       VALUES (?, ?, 'h', ?, ?, 1)`,
    )
    const rows: [string | null, number][] = [
      [null, 0],
      [null, 1],
      ['train', 0],
      ['test', 2],
      [null, 0],
    ]
    rows.forEach(([split, labels], i) => insert.run(dataset, `doc ${i}`, split, labels))
    // What an import or copy keeps beside the documents it writes (no trigger counts inserts).
    db.prepare('UPDATE datasets SET document_count = 5, labeled_count = 2').run()
    migrate(db, migrations, VERSION)
    expect(schemaVersion(db)).toBe(VERSION)
    const indexes = db
      .prepare(
        `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'documents'
         AND name IN ('documents_labeled', 'documents_split') ORDER BY name`,
      )
      .all()
    expect(indexes).toEqual([
      {
        name: 'documents_labeled',
        sql: 'CREATE INDEX documents_labeled ON documents (dataset_id, label_count > 0) WHERE label_count > 0',
      },
      {
        name: 'documents_split',
        sql: 'CREATE INDEX documents_split ON documents (dataset_id, split) WHERE split IS NOT NULL',
      },
    ])
    const repo = createDocumentsRepo(db)
    const count = (filter: Parameters<typeof filterWhere>[1]) =>
      repo.count(filterWhere(dataset, filter))
    expect(count({ status: 'labeled' })).toBe(2)
    expect(count({ status: 'unlabeled' })).toBe(3)
    expect(count({ split: 'none' })).toBe(3)
    expect(count({ split: 'train' })).toBe(1)
    expect(count({ status: 'unlabeled', split: 'none' })).toBe(2)
    expect(Object.fromEntries(repo.countsBySplit(filterWhere(dataset)))).toEqual({
      train: 1,
      test: 1,
      null: 3,
    })
    db.close()
  })
})
