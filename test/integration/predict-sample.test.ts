import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openMariaDb, type MariaDbConnection } from '../../src-main/core/db/mariadb'
import { sampleLabel, type SampledTable } from '../../src-main/core/predicting/sinks/output-sample'
import { qualified } from '../../src-main/core/predicting/sql/mariadb'
import { sqliteIdent } from '../../src-main/core/predicting/sql/sqlite'
import { createTestSchema, mariaDbAvailable, mariaDbTarget } from '../helpers/mariadb'

const available = await mariaDbAvailable()
const TASK = 'a'.repeat(32)
const OTHER = 'b'.repeat(32)
const ROWS = 60_000
const WINDOW = 20_000
const COLUMNS = 'id, task_id, source_author, label, score, model_version'

/** Every row is "common"; three rows are also "rare"; another task holds "rare" rows too. */
function outputRows(ids: (i: number) => string): unknown[][] {
  const rows: unknown[][] = []
  for (let i = 0; i < ROWS; i++) rows.push([ids(i), TASK, `a${i}`, 'common', 1, 'm@1'])
  for (const i of [5, 30_000, 59_990]) rows.push([ids(i), TASK, `a${i}`, 'rare', 1, 'm@1'])
  for (let i = 0; i < 100; i++) rows.push([ids(i), OTHER, `o${i}`, 'rare', 1, 'm@1'])
  return rows
}

/** The sample's rows come from more than the first window of the task's ids, in id order. */
function spread(rows: Record<string, unknown>[], idsInOrder: string[]): boolean {
  const firstWindow = new Set(idsInOrder.slice(0, WINDOW))
  return rows.some((r) => !firstWindow.has(String(r.id)))
}

function samplesLikeAUser(tableOf: () => SampledTable, idsInOrder: () => string[]) {
  it('draws distinct rows of the task and label from across the id range', async () => {
    const rows = await sampleLabel(tableOf(), TASK, 'common', 40)
    expect(rows).toHaveLength(40)
    expect(new Set(rows.map((r) => String(r.id))).size).toBe(40)
    expect(rows.every((r) => r.label === 'common' && String(r.source_author).startsWith('a'))).toBe(
      true,
    )
    expect(spread(rows, idsInOrder())).toBe(true)
  })

  it('tops a rare label up to every row it has, and never mixes in other tasks', async () => {
    const rows = await sampleLabel(tableOf(), TASK, 'rare', 50)
    expect(rows.map((r) => String(r.source_author)).sort()).toEqual(['a30000', 'a5', 'a59990'])
  })

  it('returns nothing for an unknown task or label', async () => {
    expect(await sampleLabel(tableOf(), 'c'.repeat(32), 'common', 5)).toEqual([])
    expect(await sampleLabel(tableOf(), TASK, 'unknown', 5)).toEqual([])
  })
}

describe.runIf(available)('sampling a MariaDB output without sorting it', () => {
  let schema: Awaited<ReturnType<typeof createTestSchema>>
  let c: MariaDbConnection

  async function outputTable(name: string, idType: string, ids: (i: number) => string) {
    const table = qualified(schema.name, name)
    await c.query(`CREATE TABLE ${table} (
      id ${idType} NOT NULL, task_id CHAR(32) NOT NULL, source_author VARCHAR(255) NULL,
      label VARCHAR(64) NOT NULL, score FLOAT NOT NULL, model_version VARCHAR(130) NOT NULL,
      post_time DATETIME NULL, source_id VARCHAR(255) NULL, matched VARCHAR(1000) NULL,
      PRIMARY KEY (task_id, id, model_version, label))`)
    const rows = outputRows(ids)
    for (let start = 0; start < rows.length; start += 10_000)
      await c.query(`INSERT INTO ${table} (${COLUMNS}) VALUES ?`, [
        rows.slice(start, start + 10_000),
      ])
    return table
  }

  const sampled = (table: string, ids: SampledTable['ids']): SampledTable => ({
    table,
    rows: async (sql, args) => (await c.query(sql, args))[0] as Record<string, unknown>[],
    ids,
    textType: 'CHAR',
  })

  beforeAll(async () => {
    schema = await createTestSchema('aud_sample')
    c = await openMariaDb(mariaDbTarget())
    await outputTable('int_ids', 'BIGINT', (i) => String(2n ** 62n + BigInt(i)))
    await outputTable('text_ids', 'VARCHAR(40)', (i) => `post-${i}`)
  })
  afterAll(async () => {
    c?.destroy()
    await schema?.drop()
  })

  describe('BIGINT ids near 2^62', () => {
    samplesLikeAUser(
      () => sampled(qualified(schema.name, 'int_ids'), 'integer'),
      () => Array.from({ length: ROWS }, (_, i) => String(2n ** 62n + BigInt(i))),
    )
  })

  describe('text ids', () => {
    samplesLikeAUser(
      () => sampled(qualified(schema.name, 'text_ids'), 'text'),
      () => Array.from({ length: ROWS }, (_, i) => `post-${i}`).sort(),
    )
  })
})

describe('sampling a SQLite output file without sorting it', () => {
  let dir: string
  let db: Database.Database

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'aud-sample-'))
    db = new Database(join(dir, 'out.sqlite'))
    db.exec(`CREATE TABLE results (id TEXT NOT NULL, task_id TEXT NOT NULL, source_author TEXT,
      label TEXT NOT NULL, score REAL NOT NULL, model_version TEXT NOT NULL, post_time TEXT,
      source_id TEXT, matched TEXT, PRIMARY KEY (task_id, id, model_version, label)) WITHOUT ROWID`)
    const insert = db.prepare(`INSERT INTO results (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)`)
    db.transaction(() => {
      for (const row of outputRows((i) => String(i))) insert.run(...row)
    })()
  })
  afterAll(() => {
    db?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  samplesLikeAUser(
    () => ({
      table: sqliteIdent('results'),
      rows: (sql, args) =>
        Promise.resolve(db.prepare(sql).all(...args) as Record<string, unknown>[]),
      ids: 'text',
      textType: 'TEXT',
    }),
    () => Array.from({ length: ROWS }, (_, i) => String(i)).sort(),
  )
})
