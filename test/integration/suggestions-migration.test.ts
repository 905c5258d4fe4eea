import { describe, expect, it } from 'vitest'
import { migrations } from '../../src-main/core/db/migrations'
import { migrate, schemaVersion } from '../../src-main/core/db/sqlite'
import { seedDataset, versionOf, workspaceDatabases } from '../helpers/migration-db'

const VERSION = versionOf('0009-model-suggestions')
const open = workspaceDatabases()

describe('migration 0009-model-suggestions', () => {
  it('keeps imported suggestions as "imported" and holds suggestions per model version', () => {
    const db = open()
    const dataset = seedDataset(db, VERSION)
    const label = Number(
      db
        .prepare(
          `INSERT INTO labels (dataset_id, name, color, position) VALUES (?, 'x', '#000000', 0)`,
        )
        .run(dataset).lastInsertRowid,
    )
    const doc = Number(
      db
        .prepare(
          `INSERT INTO documents (dataset_id, text, content_hash, created_at) VALUES (?, 't', 'h', 1)`,
        )
        .run(dataset).lastInsertRowid,
    )
    db.prepare('INSERT INTO suggestions (document_id, label_id, score) VALUES (?, ?, 0.7)').run(
      doc,
      label,
    )
    migrate(db, migrations, VERSION)
    expect(schemaVersion(db)).toBe(VERSION)
    expect(db.prepare('SELECT * FROM suggestions').all()).toEqual([
      { document_id: doc, label_id: label, model_version: 'imported', score: 0.7 },
    ])
    db.prepare(
      `INSERT INTO suggestions (document_id, label_id, model_version, score) VALUES (?, ?, 'v1', 0.9)`,
    ).run(doc, label)
    db.prepare(
      `INSERT INTO queue_scores (model_version, document_id, uncertainty, computed_at) VALUES ('v1', ?, -0.2, 5)`,
    ).run(doc)
    expect(db.prepare('SELECT count(*) AS n FROM suggestions').get()).toEqual({ n: 2 })
    db.prepare('DELETE FROM documents WHERE id = ?').run(doc)
    expect(db.prepare('SELECT count(*) AS n FROM suggestions').get()).toEqual({ n: 0 })
    expect(db.prepare('SELECT count(*) AS n FROM queue_scores').get()).toEqual({ n: 0 })
  })
})
