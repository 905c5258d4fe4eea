import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openMariaDb } from '../../src-main/core/db/mariadb'
import { createMariaDbSink } from '../../src-main/core/predicting/sinks/mariadb-sink'
import { createSqliteSink } from '../../src-main/core/predicting/sinks/sqlite-sink'
import { buildAuthorPanel, qualified } from '../../src-main/core/predicting/sql/mariadb'
import type { OutputRow } from '../../src-main/core/predicting/types'
import {
  adminConnection,
  createTestSchema,
  mariaDbAvailable,
  mariaDbTarget,
} from '../helpers/mariadb'

const available = await mariaDbAvailable()
const TASK = 'c'.repeat(32)
const AUTHORS = ['amy', 'bob', '陳小姐', 'dan', 'eve', '', null]
const LABELS = ['male', 'female', 'student']
const TIMES = [
  null,
  '2021-01-01 00:00:00',
  '2021-01-01 00:00:00',
  '2020-12-31 23:59:59',
  '2022-06-30 12:00:00',
]
const GROUP = ['male', 'female']
const EXTREME_IDS = ['-9223372036854775808', '9223372036854775807', '-1', '0']
const UNSIGNED_IDS = ['18446744073709551615', '9223372036854775808', '9223372036854775807', '0']

function outputRows(idOf: (i: number) => string): OutputRow[] {
  let seed = 99
  const next = (n: number) => (seed = (seed * 1103515245 + 12345) % 2147483648) % n
  const rows: OutputRow[] = []
  for (let i = 0; i < 3000; i++) {
    rows.push({
      table: 'results',
      id: idOf(i),
      author: AUTHORS[next(AUTHORS.length)]!,
      label: LABELS[next(LABELS.length)]!,
      score: 1,
      model: 'm@1',
      postTime: TIMES[next(TIMES.length)]!,
      sourceId: null,
      matched: null,
    })
  }
  return rows
}

type Compare = (a: string, b: string) => number
const asText: Compare = (a, b) => (a < b ? -1 : a > b ? 1 : 0)
const numericIds: Compare = (a, b) => (BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0)

/** The panel computed without SQL: latest post by (time DESC, NULL last; id DESC), group rule. */
function expectedPanel(rows: OutputRow[], compareIds: Compare): string[] {
  const groups = new Map<string, { posts: number; latest: OutputRow }>()
  const later = (a: OutputRow, b: OutputRow) => {
    if (a.postTime !== b.postTime) {
      if (a.postTime === null) return false
      if (b.postTime === null) return true
      return a.postTime > b.postTime
    }
    return compareIds(a.id, b.id) > 0
  }
  for (const row of rows) {
    // Authors of spaces only equal '' in the column's collation: no panel row, as for ''.
    if (!row.author?.trim()) continue
    const key = `${row.author}\t${row.label}`
    const group = groups.get(key)
    if (!group) groups.set(key, { posts: 1, latest: row })
    else {
      group.posts++
      if (later(row, group.latest)) group.latest = row
    }
  }
  const postsOf = (author: string, label: string) => groups.get(`${author}\t${label}`)?.posts ?? 0
  return [...groups.values()]
    .filter(({ latest: { author, label } }) => {
      if (!GROUP.includes(label)) return true
      const mine = postsOf(author!, label)
      return GROUP.every((other) => other === label || postsOf(author!, other) < mine)
    })
    .map((g) =>
      JSON.stringify([g.latest.author, g.latest.label, g.posts, g.latest.id, g.latest.postTime]),
    )
    .sort()
}

describe.runIf(available)('the author panel of a MariaDB output', () => {
  let schema: Awaited<ReturnType<typeof createTestSchema>>

  beforeAll(async () => {
    schema = await createTestSchema('aud_panel')
  })
  afterAll(async () => {
    await schema?.drop()
  })

  const sinkOf = (idType: string) =>
    createMariaDbSink({
      target: mariaDbTarget(schema.name),
      schema: schema.name,
      tables: ['results'],
      taskId: TASK,
      idType,
    })

  /** The task's panel rows, each as JSON, sorted. */
  async function panelRows(c: Awaited<ReturnType<typeof adminConnection>>) {
    const [panel] = await c.query({
      sql: `SELECT source_author, label, posts, latest_id,
              DATE_FORMAT(latest_post_time, '%Y-%m-%d %H:%i:%s')
            FROM ${qualified(schema.name, 'results_authors')} WHERE task_id = ?`,
      values: [TASK],
      rowsAsArray: true,
    })
    return (panel as unknown[][]).map((r) => JSON.stringify(r)).sort()
  }

  /** The panel of `rows`; `createdWith` first creates the output table with another id type. */
  async function panelOf(idType: string, rows: OutputRow[], createdWith = idType) {
    const sink = sinkOf(idType)
    const c = await adminConnection()
    try {
      await c.query(`DROP TABLE IF EXISTS ${qualified(schema.name, 'results')}`)
      await c.query(`DROP TABLE IF EXISTS ${qualified(schema.name, 'results_authors')}`)
      const creator = sinkOf(createdWith)
      await creator.prepare()
      await creator.close()
      await sink.prepare()
      await sink.write(rows)
      const [counts] = await sink.finish([GROUP])
      const panel = await panelRows(c)
      expect(counts?.rows).toBe(rows.length)
      const samples = await sink.sample(LABELS, 5)
      expect(samples.map((r) => r.label).sort()).toEqual(
        LABELS.flatMap((l) => Array<string>(5).fill(l)).sort(),
      )
      return panel
    } finally {
      c.destroy()
      await sink.close()
    }
  }

  it('keeps the latest post per author and label with signed BIGINT ids, NULL and tied times', async () => {
    const rows = outputRows((i) => EXTREME_IDS[i] ?? String(-i * 1_000_003))
    // The largest id at the latest time, under a label outside the exclusive group: always kept.
    Object.assign(rows[1]!, { author: 'amy', label: 'student', postTime: '2022-06-30 12:00:00' })
    const panel = await panelOf('BIGINT', rows)
    expect(panel).toEqual(expectedPanel(rows, numericIds))
    expect(panel.some((r) => r.includes('"9223372036854775807"'))).toBe(true)
    expect(panel.some((r) => r.includes(',"-'))).toBe(true)
  })

  it('keeps the latest post per author and label with unsigned BIGINT ids past 2^63', async () => {
    const rows = outputRows(
      (i) => UNSIGNED_IDS[i] ?? String(10_000_000_000_000_000_000n + BigInt(i)),
    )
    Object.assign(rows[0]!, { author: 'amy', label: 'student', postTime: '2022-06-30 12:00:00' })
    const panel = await panelOf('BIGINT UNSIGNED', rows)
    expect(panel).toEqual(expectedPanel(rows, numericIds))
    expect(panel.some((r) => r.includes('"18446744073709551615"'))).toBe(true)
  })

  it('keeps the latest post with text ids, compared as text', async () => {
    const rows = outputRows((i) => `p${(i * 7919) % 3001}`)
    const panel = await panelOf('VARCHAR(40)', rows)
    expect(panel).toEqual(expectedPanel(rows, asText))
  })

  it('builds the same panel in two halves, authors equal in the collation kept in one half', async () => {
    // Most rows are spellings of one author in utf8mb4_unicode_ci, so the split falls among them.
    const spellings = ['amy', 'Ann', 'ann', 'ANN', 'Ánn', 'bob']
    const rows = outputRows((i) => String(i)).map((row, i) => ({
      ...row,
      author: spellings[(i * 7) % spellings.length]!,
    }))
    const sink = sinkOf('BIGINT')
    // The sink's connections name the output schema (DELETE … JOIN needs a default database).
    const connect = () => openMariaDb(mariaDbTarget(schema.name))
    const [c, second] = [await connect(), await connect()]
    const panelRows = async () => {
      const [found] = await c.query({
        sql: `SELECT label, posts, latest_id FROM ${qualified(schema.name, 'results_authors')}
              WHERE task_id = ? ORDER BY label, posts, latest_id`,
        values: [TASK],
        rowsAsArray: true,
      })
      return found as unknown[][]
    }
    try {
      await c.query(`DROP TABLE IF EXISTS ${qualified(schema.name, 'results')}`)
      await sink.prepare()
      await sink.write(rows)
      const build = (connections: Parameters<typeof buildAuthorPanel>[0]) =>
        buildAuthorPanel(connections, schema.name, 'results', TASK, [GROUP], true)
      const whole = await build([c])
      const inOne = await panelRows()
      const halves = await build([c, second])
      expect(halves).toEqual(whole)
      expect(await panelRows()).toEqual(inOne)
      // amy, the Ann spellings as one author, bob: each with the three labels but one group winner.
      expect(whole.labeledAuthors).toBe(3)
    } finally {
      c.destroy()
      second.destroy()
      await sink.close()
    }
  })

  /** The panel grouped from the written rows (no counts), on two connections as a writer's. */
  async function groupedPanel() {
    const connect = () => openMariaDb(mariaDbTarget(schema.name))
    const [c, second] = [await connect(), await connect()]
    try {
      const build = buildAuthorPanel([c, second], schema.name, 'results', TASK, [GROUP], true)
      return { counts: await build, rows: await panelRows(c) }
    } finally {
      c.destroy()
      second.destroy()
    }
  }

  /** Writes `batches` with one writer (prepared on a fresh output table) and builds its panel. */
  async function writeAndFinish(batches: OutputRow[][], between?: () => Promise<void>) {
    const c = await adminConnection()
    const sink = sinkOf('BIGINT')
    try {
      await c.query(`DROP TABLE IF EXISTS ${qualified(schema.name, 'results')}`)
      await c.query(`DROP TABLE IF EXISTS ${qualified(schema.name, 'results_authors')}`)
      await sink.prepare()
      for (const batch of batches) await sink.write(batch)
      await between?.()
      const [counts] = await sink.finish([GROUP])
      return { counts: counts!, rows: await panelRows(c) }
    } finally {
      c.destroy()
      await sink.close()
    }
  }

  /** Integer ids below 2^53, some negative; authors of spaces only among the others. */
  const countableRows = () =>
    outputRows((i) => String(((i * 7919) % 6007) - 3000)).map((row, i) =>
      i % 97 === 5 ? { ...row, author: '   ' } : row,
    )

  it('builds the panel from what the writer counted, the same as grouping the written rows', async () => {
    const rows = countableRows()
    const built = await writeAndFinish([rows.slice(0, 1700), rows.slice(1700)], async () => {
      // A row the writer did not write: the panel built from its counts does not see it.
      const c = await adminConnection()
      await c.query(
        `INSERT INTO ${qualified(schema.name, 'results')} (id, task_id, source_author, label, score, model_version)
         VALUES (999999, ?, 'zed', 'student', 1, 'm@1')`,
        [TASK],
      )
      c.destroy()
    })
    expect(built.counts.rows).toBe(rows.length)
    expect(built.rows).toEqual(expectedPanel(rows, numericIds))
    expect(built.rows.some((r) => r.includes('"zed"'))).toBe(false)
    const c = await adminConnection()
    await c.query(`DELETE FROM ${qualified(schema.name, 'results')} WHERE id = 999999`)
    c.destroy()
    const grouped = await groupedPanel()
    expect(grouped.rows).toEqual(built.rows)
    expect(grouped.counts).toEqual(built.counts)
  })

  it('groups the written rows when the collation takes two counted authors for one', async () => {
    const spellings = ['amy', 'Ann', 'ann', 'ANN ', 'Ánn', 'bob']
    const rows = countableRows().map((row, i) => ({
      ...row,
      author: spellings[(i * 7) % spellings.length]!,
    }))
    const built = await writeAndFinish([rows])
    const grouped = await groupedPanel()
    expect(built.rows).toEqual(grouped.rows)
    expect(built.counts).toEqual(grouped.counts)
    // amy, the Ann spellings as one author, bob.
    expect(built.counts.labeledAuthors).toBe(3)
  })

  it('does not count a replayed batch twice', async () => {
    const rows = countableRows()
    const built = await writeAndFinish([rows.slice(0, 1000), rows.slice(1000), rows.slice(1000)])
    expect(built.counts.rows).toBe(rows.length)
    expect(built.rows).toEqual(expectedPanel(rows, numericIds))
  })

  it('groups the written rows of a resumed task, whose writer saw only the rows after the resume', async () => {
    const rows = countableRows()
    const c = await adminConnection()
    try {
      await c.query(`DROP TABLE IF EXISTS ${qualified(schema.name, 'results')}`)
      const before = sinkOf('BIGINT')
      await before.prepare()
      await before.write(rows.slice(0, 1200))
      await before.close()
      const after = sinkOf('BIGINT')
      await after.prepare()
      await after.write(rows.slice(1200))
      const [counts] = await after.finish([GROUP])
      await after.close()
      expect(counts?.rows).toBe(rows.length)
      expect(await panelRows(c)).toEqual(expectedPanel(rows, numericIds))
    } finally {
      c.destroy()
    }
  })

  it('goes by the id type of the output table itself when an earlier task created it over text ids', async () => {
    const rows = outputRows((i) => `p${(i * 7919) % 3001}`)
    const panel = await panelOf('BIGINT', rows, 'VARCHAR(40)')
    expect(panel).toEqual(expectedPanel(rows, asText))
  })
})

describe('the author panel of a SQLite output', () => {
  let dir: string
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'aud-panel-'))
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('keeps the latest post per author and label, ids compared as the text they are stored as', async () => {
    const path = join(dir, 'out.sqlite')
    const rows = outputRows((i) => EXTREME_IDS[i] ?? String(-i * 1_000_003))
    const sink = createSqliteSink({ path, tables: ['results'], taskId: TASK })
    await sink.prepare()
    await sink.write(rows)
    const [counts] = await sink.finish([GROUP])
    await sink.close()
    expect(counts?.rows).toBe(rows.length)
    const db = new Database(path, { readonly: true })
    const panel = db
      .prepare(
        `SELECT source_author, label, posts, latest_id, latest_post_time FROM results_authors
         WHERE task_id = ?`,
      )
      .raw()
      .all(TASK)
      .map((r) => JSON.stringify(r))
      .sort()
    db.close()
    expect(panel).toEqual(expectedPanel(rows, asText))
  })
})
