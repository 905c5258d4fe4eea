import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openMariaDb, qualified, type MariaDbConnection } from '../../src-main/core/db/mariadb'
import { sampleLabel } from '../../src-main/core/predicting/sinks/mariadb-sample'
import { createTestSchema, mariaDbAvailable, mariaDbTarget } from '../helpers/mariadb'

const available = await mariaDbAvailable()
const TASK = 'a'.repeat(32)
const OTHER = 'b'.repeat(32)
const ROWS = 60_000

describe.runIf(available)('sampling written rows without sorting the table', () => {
  let schema: Awaited<ReturnType<typeof createTestSchema>>
  let c: MariaDbConnection

  async function outputTable(name: string, idType: string, ids: (i: number) => string) {
    const table = qualified(schema.name, name)
    await c.query(`CREATE TABLE ${table} (
      id ${idType} NOT NULL, task_id CHAR(32) NOT NULL, source_author VARCHAR(255) NULL,
      label VARCHAR(64) NOT NULL, score FLOAT NOT NULL, model_version VARCHAR(130) NOT NULL,
      post_time DATETIME NULL, source_id VARCHAR(255) NULL, matched VARCHAR(1000) NULL,
      PRIMARY KEY (task_id, id, model_version, label))`)
    // Every row is "common"; three rows are also "rare"; another task holds "rare" rows too.
    const rows: unknown[][] = []
    for (let i = 0; i < ROWS; i++) rows.push([ids(i), TASK, `a${i}`, 'common', 1, 'm@1'])
    for (const i of [5, 30_000, 59_990]) rows.push([ids(i), TASK, `a${i}`, 'rare', 1, 'm@1'])
    for (let i = 0; i < 100; i++) rows.push([ids(i), OTHER, `o${i}`, 'rare', 1, 'm@1'])
    for (let start = 0; start < rows.length; start += 10_000) {
      await c.query(
        `INSERT INTO ${table} (id, task_id, source_author, label, score, model_version) VALUES ?`,
        [rows.slice(start, start + 10_000)],
      )
    }
    return table
  }

  beforeAll(async () => {
    schema = await createTestSchema('aud_sample')
    c = await openMariaDb(mariaDbTarget())
  })
  afterAll(async () => {
    c?.destroy()
    await schema?.drop()
  })

  it('draws distinct rows of the task and label from across the id range', async () => {
    const table = await outputTable('int_ids', 'BIGINT', (i) => String(2n ** 62n + BigInt(i)))
    const rows = await sampleLabel(c, table, TASK, 'common', 40, true)
    expect(rows).toHaveLength(40)
    expect(new Set(rows.map((r) => String(r.id))).size).toBe(40)
    expect(rows.every((r) => r.label === 'common' && String(r.source_author).startsWith('a'))).toBe(
      true,
    )
    // Eight random windows: rows from the first window alone would all be below 2^62 + 20,000.
    const offsets = rows.map((r) => Number(BigInt(String(r.id)) - 2n ** 62n))
    expect(Math.max(...offsets)).toBeGreaterThan(20_000)
  })

  it('tops a rare label up to every row it has, and never mixes in other tasks', async () => {
    const table = qualified(schema.name, 'int_ids')
    const rows = await sampleLabel(c, table, TASK, 'rare', 50, true)
    expect(rows.map((r) => String(r.source_author)).sort()).toEqual(['a30000', 'a5', 'a59990'])
  })

  it('samples tables with text ids and returns nothing for an unknown task', async () => {
    const table = await outputTable('text_ids', 'VARCHAR(40)', (i) => `post-${i}`)
    const rows = await sampleLabel(c, table, TASK, 'common', 25, false)
    expect(rows).toHaveLength(25)
    expect(new Set(rows.map((r) => r.id)).size).toBe(25)
    expect(await sampleLabel(c, table, 'c'.repeat(32), 'common', 5, true)).toEqual([])
  })
})
