import { describe, expect, it } from 'vitest'
import { migrations } from '../../src-main/core/db/migrations'
import { migrate, schemaVersion } from '../../src-main/core/db/sqlite'
import { seedDataset, versionOf, workspaceDatabases } from '../helpers/migration-db'

const VERSION = versionOf('0010-retrain-curve')
const open = workspaceDatabases()

describe('migration 0010-retrain-curve', () => {
  it('adds the learning-curve table, whose rows go with their dataset', () => {
    const db = open()
    const dataset = seedDataset(db, VERSION)
    migrate(db, migrations, VERSION)
    expect(schemaVersion(db)).toBe(VERSION)
    const insert = db.prepare(
      `INSERT INTO retrain_points (model_version, dataset_id, labels, macro_f1, metric, created_at)
       VALUES (?, ?, 50, 0.8, ?, 2)`,
    )
    insert.run('a'.repeat(32), dataset, 'cv')
    expect(() => insert.run('b'.repeat(32), dataset, 'guess')).toThrow(/CHECK/)
    expect(() => insert.run('b'.repeat(32), 'e'.repeat(32), 'cv')).toThrow(/FOREIGN KEY/)
    db.prepare('DELETE FROM datasets WHERE id = ?').run(dataset)
    expect(db.prepare('SELECT count(*) AS n FROM retrain_points').get()).toEqual({ n: 0 })
    db.close()
  })
})
