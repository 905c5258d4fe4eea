import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { countOutput, scanOutput } from '../../../../../src-main/core/predicting/sinks/output-scan'
import {
  createOutputTables,
  outputRowOf,
  sqliteOutputTable,
} from '../../../../../src-main/core/predicting/sql/sqlite'
import type { OutputReader } from '../../../../../src-main/core/predicting/sinks/output-sample'
import type { OutputRow } from '../../../../../src-main/core/predicting/types'

let db: Database.Database
let output: OutputReader
const TASK = 'a'.repeat(32)

beforeEach(() => {
  db = new Database(':memory:')
  createOutputTables(db, ['results', 'other'], 'memory')
  const insert = db.prepare(
    `INSERT INTO results (id, task_id, source_author, label, score, model_version)
     VALUES (?, ?, 'x', ?, ?, ?)`,
  )
  // 40 source rows; every third one has two labels from two models (4 output rows).
  for (let i = 0; i < 40; i++) {
    const id = String(1000 + i)
    insert.run(id, TASK, 'a', i / 40, 'm@1')
    if (i % 3 === 0) {
      insert.run(id, TASK, 'b', 0.5, 'm@1')
      insert.run(id, TASK, 'a', 0.9, 'n@1')
      insert.run(id, TASK, 'b', 0.1, 'n@1')
    }
  }
  insert.run('1005', 'b'.repeat(32), 'a', 0, 'm@1') // another task's row
  output = {
    tables: ['results', 'other', 'gone'],
    tableOf: sqliteOutputTable(db),
    rowOf: outputRowOf,
  }
})

afterEach(() => db.close())

async function scanAll(filter: Parameters<typeof scanOutput>[2], page: number) {
  const pages: OutputRow[][] = []
  await scanOutput(output, TASK, filter, (rows) => Promise.resolve(void pages.push(rows)), {
    page,
  })
  return pages
}

describe('scanOutput', () => {
  it('reads every kept row once, in pages that never split a source row', async () => {
    const all = db
      .prepare(`SELECT * FROM results WHERE task_id = ? AND label = 'b' ORDER BY id, model_version`)
      .all(TASK) as Record<string, unknown>[]
    for (const page of [1, 3, 7, 1000]) {
      const pages = await scanAll({ label: 'b' }, page)
      const rows = pages.flat()
      expect(rows.map((r) => `${r.id}/${r.model}`)).toEqual(
        all.map((r) => `${String(r.id)}/${String(r.model_version)}`),
      )
      const ids = pages.map((p) => new Set(p.map((r) => r.id)))
      for (let i = 1; i < ids.length; i++)
        for (const id of ids[i]!) expect(ids[i - 1]!.has(id)).toBe(false)
    }
  })

  it('filters by score and counts the same rows', async () => {
    const rows = (await scanAll({ label: 'a', below: 0.5 }, 4)).flat()
    expect(rows.every((r) => r.label === 'a' && r.score < 0.5)).toBe(true)
    expect(rows).toHaveLength(20)
    expect(await countOutput(output, TASK, { label: 'a', below: 0.5 })).toBe(20)
    expect(await countOutput(output, TASK, {})).toBe(40 + 14 * 3)
    expect((await scanAll({}, 5)).flat()).toHaveLength(40 + 14 * 3)
  })

  it('reports the rows read, kept or not, and stops at an abort before its next query', async () => {
    const read: number[] = []
    await scanOutput(output, TASK, { label: 'b' }, () => Promise.resolve(), {
      page: 7,
      onRead: (n) => read.push(n),
    })
    expect(read.at(-1)).toBe(await countOutput(output, TASK, {}))
    expect(read).toEqual([...read].sort((a, b) => a - b))
    const controller = new AbortController()
    const pages: OutputRow[][] = []
    const scan = scanOutput(
      output,
      TASK,
      {},
      (rows) => {
        pages.push(rows)
        controller.abort(new Error('stop'))
        return Promise.resolve()
      },
      { page: 7, signal: controller.signal },
    )
    await expect(scan).rejects.toThrow('stop')
    expect(pages).toHaveLength(1)
  })
})
