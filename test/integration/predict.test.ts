import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type {
  PredictStartParams,
  PredictStats,
  SourceSpec,
} from '../../src-main/api/contract/predicting'
import { ApiError } from '../../src-main/api/errors'
import { openMariaDb } from '../../src-main/core/db/mariadb'
import { buildAuthorPanel, quoteIdent } from '../../src-main/core/predicting/sql/mariadb'
import { startTestCore } from '../helpers/core-harness'
import { createBatchGate } from '../helpers/gate'
import {
  adminConnection,
  createPostsTable,
  createTestSchema,
  makePosts,
  mariaDbAvailable,
  mariaDbTarget,
  mariaDbUrl,
  type PostRow,
} from '../helpers/mariadb'

const available = await mariaDbAvailable()
const ROWS = 6000
const FROM = '2020-03-01'
const TO = '2021-09-01'
const AUTHOR_KEYWORDS = { male: ['先生', 'mr'], female: ['小姐', 'ms', '太太'] }
const CONTENT_KEYWORDS = { food: ['pizza', '牛肉麵'], travel: ['travel', '旅行'] }

type Harness = Awaited<ReturnType<typeof startTestCore>>
const cleanups: (() => Promise<void>)[] = []
const gate = createBatchGate()
let harness: Harness
let source: string
let posts: PostRow[]

async function outputSchema(): Promise<string> {
  const schema = await createTestSchema('aud_out')
  cleanups.push(schema.drop)
  return schema.name
}

function params(out: string, extra: Partial<PredictStartParams> = {}): PredictStartParams {
  return {
    sources: [
      {
        kind: 'mariadb',
        connection: { url: mariaDbUrl(source) },
        schema: source,
        table: 'posts',
        columns: {
          id: 'id',
          content: 'content',
          author: 'author',
          postTime: 'post_time',
          sourceId: 's_id',
        },
        from: FROM,
        to: TO,
      },
    ],
    models: [
      {
        field: 'author',
        model: { kind: 'keywords', name: 'gender', version: '1', labels: AUTHOR_KEYWORDS },
      },
      {
        field: 'content',
        model: { kind: 'keywords', name: 'topic', version: '2', labels: CONTENT_KEYWORDS },
      },
    ],
    exclusiveGroups: [['male', 'female']],
    sink: { kind: 'mariadb', connection: { url: mariaDbUrl(out) }, schema: out, table: 'results' },
    batchSize: 250,
    ...extra,
  }
}

function occurrences(text: string, keyword: string): number {
  let n = 0
  for (let at = text.indexOf(keyword); at >= 0; at = text.indexOf(keyword, at + 1)) n++
  return n
}

/** The expected output, computed without any pipeline code. */
function expectedRows(): string[] {
  const out: string[] = []
  for (const p of posts) {
    if (p.postTime < FROM || p.postTime >= `${TO}`) continue
    if (!p.author && !p.content) continue
    const models = [
      { version: 'gender@1', text: p.author ?? '', labels: AUTHOR_KEYWORDS },
      { version: 'topic@2', text: p.content ?? '', labels: CONTENT_KEYWORDS },
    ]
    for (const m of models) {
      for (const [label, keywords] of Object.entries(m.labels)) {
        const score = keywords.reduce((sum, k) => sum + occurrences(m.text.toLowerCase(), k), 0)
        if (score > 0)
          out.push(
            JSON.stringify([
              String(p.id),
              label,
              m.version,
              score,
              p.author,
              p.postTime,
              p.sourceId,
            ]),
          )
      }
    }
  }
  return out.sort()
}

async function distinctAuthorsInRange(): Promise<number> {
  const conn = await adminConnection()
  try {
    const [rows] = await conn.query(
      `SELECT COUNT(DISTINCT author) AS n FROM ${quoteIdent(source)}.posts
       WHERE author <> '' AND post_time >= ? AND post_time < ?`,
      [FROM, TO],
    )
    return Number((rows as { n: number }[])[0]!.n)
  } finally {
    conn.destroy()
  }
}

async function outputRows(schema: string, table = 'results'): Promise<string[]> {
  const conn = await adminConnection()
  try {
    const [rows] = await conn.query({
      sql: `SELECT id, label, model_version, score, source_author, post_time, source_id FROM ${quoteIdent(schema)}.${quoteIdent(table)}`,
      rowsAsArray: true,
    })
    return (rows as unknown[][])
      .map((r) => JSON.stringify([String(r[0]), r[1], r[2], Number(r[3]), r[4], r[5], r[6]]))
      .sort()
  } finally {
    conn.destroy()
  }
}

async function runToEnd(p: PredictStartParams) {
  const { taskId } = await harness.api.call('predict.start', p)
  const task = await harness.core.tasks.settled(taskId)
  return { taskId, task }
}

/** Starts a run held before it writes its second batch: the first is committed and checkpointed. */
async function startHeld(p: PredictStartParams): Promise<string> {
  gate.close(1)
  const { taskId } = await harness.api.call('predict.start', p)
  await gate.reached()
  expect(harness.core.tasks.show(taskId).checkpoint).not.toBeNull()
  return taskId
}

const expectCode = async (call: Promise<unknown>, code: string, text?: RegExp) => {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(ApiError)
  expect((error as ApiError).code).toBe(code)
  if (text) expect((error as ApiError).message).toMatch(text)
}

describe.skipIf(!available)('predicting against MariaDB', () => {
  beforeAll(async () => {
    const schema = await createTestSchema('aud_src')
    cleanups.push(schema.drop)
    source = schema.name
    posts = makePosts(ROWS)
    await createPostsTable(source, posts)
    harness = await startTestCore({ seedDemo: false, testGates: { predictWrite: gate.hook } })
  })
  afterAll(async () => {
    await harness?.close()
    for (const cleanup of cleanups.splice(0)) await cleanup()
  })

  it('labels every row as an independent computation expects, and builds the author panel', async () => {
    const out = await outputSchema()
    const { taskId, task } = await runToEnd(params(out))
    expect(task.status, JSON.stringify(task.error)).toBe('SUCCESS')
    expect(await outputRows(out)).toEqual(expectedRows())
    const stats = await harness.api.call('predict.stats', { taskId })
    const inRange = posts.filter((p) => p.postTime >= FROM && p.postTime < TO)
    expect(stats.received).toBe(inRange.length)
    expect(stats.excluded).toBe(inRange.filter((p) => !p.author && !p.content).length)
    expect(stats.written).toBe(expectedRows().length)
    expect(stats.tables?.[0]?.labeledAuthors).toBeGreaterThan(0)
    expect(stats.tables?.[0]?.labelRate).toBeGreaterThan(0)
    // Authors the run read, counted under the column's collation: 'MR BROWN' is 'Mr Brown'.
    expect(stats.tables?.[0]?.uniqueAuthors).toBe(7)
    expect(stats.tables?.[0]?.uniqueAuthors).toBe(await distinctAuthorsInRange())
    // 'Mr Ms' has male and female posts in equal numbers: the tie drops both.
    const conn = await adminConnection()
    const [panel] = await conn.query(
      `SELECT label FROM ${quoteIdent(out)}.results_authors WHERE source_author = 'Mr Ms' AND label IN ('male', 'female')`,
    )
    conn.destroy()
    expect(panel).toEqual([])
    const samples = await harness.api.call('predict.sample', { taskId, perLabel: 5 })
    expect(samples.filter((s) => s.label === 'food')).toHaveLength(5)
    expect(samples.every((s) => s.text !== null && s.matched !== null)).toBe(true)
  })

  it('builds the author panel from what it counted while writing, as grouping the output would', async () => {
    // Without spellings the collation takes for one author, the counted panel is loaded as it is.
    const plain = await createTestSchema('aud_src')
    cleanups.push(plain.drop)
    const spelled: Record<string, string> = { 'MR BROWN': 'Mr Brown', 'anon ': 'anon' }
    await createPostsTable(
      plain.name,
      posts.map((p) => ({ ...p, author: spelled[p.author ?? ''] ?? p.author })),
    )
    const out = await outputSchema()
    const run = params(out)
    run.sources = run.sources.map((s) => ({ ...s, schema: plain.name }))
    const taskId = await startHeld(run)
    // A row no batch wrote: a panel counted as the batches were written does not see it.
    const conn = await adminConnection()
    const results = `${quoteIdent(out)}.results`
    await conn.query(
      `INSERT INTO ${results} (id, task_id, source_author, label, score, model_version)
       VALUES (99999999, ?, 'Outsider', 'travel', 1, 'topic@2')`,
      [taskId],
    )
    gate.open()
    const task = await harness.core.tasks.settled(taskId)
    expect(task.status, JSON.stringify(task.error)).toBe('SUCCESS')
    const panelOf = async () => {
      const [rows] = await conn.query({
        sql: `SELECT source_author, label, posts, latest_id, latest_post_time
              FROM ${quoteIdent(out)}.results_authors WHERE task_id = ? ORDER BY 1, 2`,
        values: [taskId],
        rowsAsArray: true,
      })
      return rows as unknown[][]
    }
    const counted = await panelOf()
    expect(counted.some(([author]) => author === 'Outsider')).toBe(false)
    const stats = harness.core.tasks.show(taskId).stats as PredictStats
    await conn.query(`DELETE FROM ${results} WHERE id = 99999999`)
    const target = mariaDbTarget(out)
    const [c, second] = [await openMariaDb(target), await openMariaDb(target)]
    const groups = run.exclusiveGroups
    const grouped = await buildAuthorPanel([c, second], out, 'results', taskId, groups, true)
    c.destroy()
    second.destroy()
    expect(await panelOf()).toEqual(counted)
    conn.destroy()
    expect(grouped.labeledAuthors).toBe(stats.tables?.[0]?.labeledAuthors)
    expect(grouped.rows).toBe(stats.tables?.[0]?.rows)
  })

  it('counts the rows to read, and marks the server estimate when counting takes over 2 s', async () => {
    const week = { ...params('unused').sources[0]!, from: '2020-06-01', to: '2020-06-08' }
    const inWeek = posts.filter((p) => p.postTime >= '2020-06-01' && p.postTime < '2020-06-08')
    expect(inWeek.length).toBeGreaterThan(0)
    const counted = await harness.api.call('predict.preview', { source: week })
    expect(counted).toMatchObject({ estimatedRows: inWeek.length, estimateExact: true })

    // A write lock holds the count past its 2 s limit; the plan's estimate then stands in.
    const locker = await adminConnection()
    const watcher = await adminConnection()
    try {
      await locker.query(`LOCK TABLES ${quoteIdent(source)}.posts WRITE`)
      const preview = harness.api.call('predict.preview', { source: week })
      for (;;) {
        const [waiting] = await watcher.query(
          `SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST WHERE INFO LIKE 'EXPLAIN SELECT%'`,
        )
        if (Number((waiting as { n: number }[])[0]!.n) > 0) break
        await new Promise((r) => setTimeout(r, 20))
      }
      await locker.query('UNLOCK TABLES')
      expect(await preview).toMatchObject({ estimateExact: false })
    } finally {
      locker.destroy()
      watcher.destroy()
    }
  })

  it('keeps its counters on screen while the author panel is built', async () => {
    const out = await outputSchema()
    const seen: { message?: string | undefined; received?: unknown }[] = []
    const off = harness.api.on('task.updated', (t) =>
      seen.push({ message: t.progress?.message, received: t.progress?.data?.received }),
    )
    const { taskId } = await runToEnd(params(out))
    off()
    const stats = harness.core.tasks.show(taskId).stats as PredictStats
    expect(stats).toMatchObject({ estimateExact: true, estimatedRows: stats.received })
    const panel = seen.filter((p) => p.message === 'building the author panel')
    expect(panel.length).toBeGreaterThan(0)
    for (const p of panel) expect(p.received).toBe(stats.received)
  })

  it('abort then resume gives exactly the uninterrupted output', async () => {
    const full = await outputSchema()
    const resumed = await outputSchema()
    await runToEnd(params(full, { batchSize: 100 }))
    const taskId = await startHeld(params(resumed, { batchSize: 100 }))
    const aborted = await harness.api.call('tasks.abort', { id: taskId })
    expect(aborted.status).toBe('ABORTED')
    const partial = await harness.api.call('predict.stats', { taskId })
    expect(partial.received).toBeGreaterThan(0)
    expect(partial.received).toBeLessThan(posts.length)
    gate.open()
    await harness.api.call('tasks.resume', { id: taskId })
    expect((await harness.core.tasks.settled(taskId)).status).toBe('SUCCESS')
    expect(await outputRows(resumed)).toEqual(await outputRows(full))
  })

  it.each(['reader', 'writer'] as const)(
    'survives the %s connection being killed mid-run, writing every row once',
    async (side) => {
      const out = await outputSchema()
      const taskId = await startHeld(params(out, { batchSize: 100 }))
      const admin = await adminConnection()
      const [threads] = await admin.query(
        'SELECT ID FROM information_schema.PROCESSLIST WHERE DB = ? AND ID <> CONNECTION_ID()',
        [side === 'reader' ? source : out],
      )
      for (const t of threads as { ID: number }[]) await admin.query(`KILL ${Number(t.ID)}`)
      admin.destroy()
      expect((threads as unknown[]).length).toBeGreaterThan(0)
      gate.open()
      const task = await harness.core.tasks.settled(taskId)
      expect(task.status, JSON.stringify(task.error)).toBe('SUCCESS')
      expect(await outputRows(out)).toEqual(expectedRows())
    },
  )

  it('replaces and counts invalid UTF-8 from a binary column, labelling the rest of the text', async () => {
    const admin = await adminConnection()
    const table = `${quoteIdent(source)}.binary_posts`
    await admin.query(`CREATE TABLE ${table} (id BIGINT NOT NULL PRIMARY KEY, author VARCHAR(100),
      content VARBINARY(200), post_time DATETIME NOT NULL, s_id VARCHAR(20) NOT NULL)`)
    const at = '2021-01-01 00:00:00'
    await admin.query(`INSERT INTO ${table} VALUES ?`, [
      [
        [1, 'a', Buffer.from('pizza 旅行'), at, 'WH_F0001'],
        [
          2,
          'b',
          Buffer.from([0x70, 0x69, 0x7a, 0x7a, 0x61, 0x20, 0xff, 0xfe, 0x41]),
          at,
          'WH_F0001',
        ],
        [3, 'c', null, at, 'WH_F0001'],
      ],
    ])
    admin.destroy()
    const out = await outputSchema()
    const base = params(out)
    const { taskId, task } = await runToEnd({
      ...base,
      sources: [{ ...base.sources[0]!, table: 'binary_posts' } as SourceSpec],
      models: [base.models[1]!],
    })
    expect(task.status, JSON.stringify(task.error)).toBe('SUCCESS')
    const stats = await harness.api.call('predict.stats', { taskId })
    expect(stats).toMatchObject({ received: 3, invalidUtf8: 1, excluded: 1 })
    const rows = (await outputRows(out)).map((r) => JSON.parse(r) as unknown[])
    expect(rows.map((r) => [r[0], r[1]])).toEqual([
      ['1', 'food'],
      ['1', 'travel'],
      ['2', 'food'],
    ])
  })

  it('rejects bad input with the right error', async () => {
    const out = await outputSchema()
    await expectCode(
      harness.api.call('predict.sample', { taskId: 'abc' }),
      'VALIDATION',
      /expected 32 hex digits, got 3/,
    )
    await expectCode(
      harness.api.call('predict.stats', { taskId: 'f'.repeat(32) }),
      'TASK_NOT_FOUND',
    )
    const base = params(out)
    const source0 = base.sources[0] as Extract<SourceSpec, { kind: 'mariadb' }>
    await expectCode(
      harness.api.call('predict.start', {
        ...base,
        sources: [{ ...source0, from: '2021-01-01', to: '2021-01-01' }],
      }),
      'VALIDATION',
      /must be earlier/,
    )
    await expectCode(
      harness.api.call('predict.start', { ...base, sources: [{ ...source0, table: 'nope' }] }),
      'VALIDATION',
      /nope/,
    )
    await expectCode(
      harness.api.call('predict.start', {
        ...base,
        sources: [{ ...source0, columns: { id: 'id', content: 'body', postTime: 'post_time' } }],
      }),
      'VALIDATION',
      /body/,
    )
    const before = harness.core.tasks.list({ limit: 1000 }).length
    const unreachable = {
      kind: 'mariadb' as const,
      connection: { url: 'mysql://root@127.0.0.1:1/x' },
      schema: 'x',
      table: 'r',
    }
    await expectCode(
      harness.api.call('predict.start', { ...base, sink: unreachable }),
      'UNAVAILABLE',
      /127\.0\.0\.1:1/,
    )
    expect(harness.core.tasks.list({ limit: 1000 })).toHaveLength(before)
    const empty = { ...source0, from: '2030-01-01', to: '2030-02-01' }
    const { taskId } = await runToEnd({ ...base, sources: [empty] })
    await expectCode(harness.api.call('predict.sample', { taskId }), 'NO_RESULTS_YET', /retry/i)
  })

  it('fails saying so when the output table is dropped mid-run', async () => {
    const out = await outputSchema()
    const taskId = await startHeld(params(out, { batchSize: 50 }))
    const admin = await adminConnection()
    await admin.query(`DROP TABLE ${quoteIdent(out)}.results`)
    admin.destroy()
    gate.open()
    const task = await harness.core.tasks.settled(taskId)
    expect(task.status).toBe('FAILURE')
    expect(task.error?.message).toMatch(/dropped/)
  })

  it('fails saying the output is full, keeps committed batches, and resumes once there is room', async () => {
    const out = await outputSchema()
    const admin = await adminConnection()
    const table = `${quoteIdent(out)}.results`
    // A table with a size limit stands in for a full disk: MariaDB answers both with "is full".
    await admin.query(`CREATE TABLE ${table} (
      id BIGINT NOT NULL, task_id CHAR(32) NOT NULL, source_author VARCHAR(255) NULL,
      label VARCHAR(64) NOT NULL, score FLOAT NOT NULL, model_version VARCHAR(130) NOT NULL,
      post_time DATETIME NULL, source_id VARCHAR(255) NULL, matched VARCHAR(1000) NULL,
      PRIMARY KEY (task_id, id, model_version, label)) ENGINE=MEMORY MAX_ROWS=300`)
    const { taskId } = await harness.api.call('predict.start', params(out, { batchSize: 200 }))
    const failed = await harness.core.tasks.settled(taskId)
    expect(failed.status).toBe('FAILURE')
    expect(failed.error?.message).toMatch(/no room left .*is full.*committed before it are kept/)
    const [kept] = await admin.query(`SELECT COUNT(*) AS n FROM ${table}`)
    const committed = Number((kept as { n: number }[])[0]!.n)
    // MEMORY tables keep what a failed statement wrote before it stopped (no rollback): the resumed
    // run replays that batch, and the unique key keeps it from being written twice.
    expect(committed).toBeGreaterThan(0)
    expect(committed).toBeLessThan(expectedRows().length)

    await admin.query(`ALTER TABLE ${table} ENGINE=InnoDB`)
    admin.destroy()
    await harness.api.call('tasks.resume', { id: taskId })
    expect((await harness.core.tasks.settled(taskId)).status).toBe('SUCCESS')
    expect(await outputRows(out)).toEqual(expectedRows())
  })
})
