import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PredictStartParams, SinkSpec } from '../../src-main/api/contract/predicting'
import { modelToFile, trainModel } from '../../src-worker/ml'
import { decodeModelFile, encodeModelFile } from '../../src-worker/ml/file/model-file'
import type { FieldName } from '../../src-worker/ml/models/model'
import { startTestCore } from '../helpers/core-harness'
import { createBatchGate } from '../helpers/gate'
import {
  DEMO_CSV,
  DEMO_RULES_DIR,
  demoPosts,
  demoRules,
  expectedScores,
  writeDemoModel,
  type DemoPost,
} from '../helpers/demo-posts'
import { importCorpus } from '../helpers/modeling-data'

type Harness = Awaited<ReturnType<typeof startTestCore>>
let harness: Harness
const gate = createBatchGate()
let modelPath: string
let posts: DemoPost[]
const COLUMNS = {
  id: 'id',
  content: 'content',
  title: 'title',
  author: 'author',
  sourceId: 'source_id',
  postTime: 'post_time',
}

const csvSource = () => ({
  kind: 'file' as const,
  path: DEMO_CSV,
  format: 'csv' as const,
  columns: COLUMNS,
})

function params(sink: SinkSpec, extra: Partial<PredictStartParams> = {}): PredictStartParams {
  return {
    sources: [csvSource()],
    models: [{ model: { kind: 'file', path: modelPath } }],
    exclusiveGroups: [['male', 'female']],
    sink,
    batchSize: 200,
    ...extra,
  }
}

const sqliteSink = (name: string, table = 'results'): SinkSpec => ({
  kind: 'sqlite',
  path: join(harness.dataDir, `${name}.sqlite`),
  table,
})

function rowsOf(path: string, table = 'results'): string[] {
  const db = new Database(path, { readonly: true })
  try {
    const rows = db
      .prepare(
        `SELECT id, label, score, model_version, source_author, post_time, source_id FROM "${table}"`,
      )
      .raw()
      .all() as unknown[][]
    return rows.map((r) => JSON.stringify(r)).sort()
  } finally {
    db.close()
  }
}

async function runToEnd(p: PredictStartParams) {
  const { taskId } = await harness.api.call('predict.start', p)
  const task = await harness.core.tasks.settled(taskId)
  expect(task.status, JSON.stringify(task.error)).toBe('SUCCESS')
  return taskId
}

/** Single-label keyword model: the label with most matches (ties: the first label by name). */
function expectedRows(version: string, keep: (p: DemoPost) => boolean = () => true): string[] {
  const rules = demoRules()
  const out: string[] = []
  for (const p of posts) {
    if (!p.content || !keep(p)) continue
    const scores = [...expectedScores(p.content, rules)].sort((a, b) =>
      b[1] !== a[1] ? b[1] - a[1] : a[0] < b[0] ? -1 : 1,
    )
    const best = scores[0]
    if (!best) continue
    out.push(JSON.stringify([p.id, best[0], best[1], version, p.author, p.postTime, p.sourceId]))
  }
  return out.sort()
}

describe('predicting with embedded sources and sinks', () => {
  beforeAll(async () => {
    harness = await startTestCore({ seedDemo: false, testGates: { predictWrite: gate.hook } })
    modelPath = writeDemoModel(harness.dataDir)
    posts = demoPosts()
  })
  afterAll(async () => {
    await harness?.close()
  })

  it('labels the demo CSV into SQLite exactly as an independent computation expects', async () => {
    const sink = sqliteSink('full')
    const taskId = await runToEnd(params(sink))
    const rows = rowsOf(sink.kind === 'sqlite' ? sink.path! : '')
    const version = (JSON.parse(rows[0]!) as string[])[3]!
    expect(version).toMatch(/^demo-keywords@[0-9a-f]{12}$/)
    const expected = expectedRows(version)
    expect(expected.length).toBeGreaterThan(100)
    expect(rows).toEqual(expected)

    const stats = await harness.api.call('predict.stats', { taskId })
    expect(stats.received).toBe(posts.length)
    expect(stats.written).toBe(expected.length)
    expect(stats.tables?.[0]?.uniqueAuthors).toBe(new Set(posts.map((p) => p.author)).size)
    expect(stats.tables?.[0]?.labelRate).toBeGreaterThan(0)
    const samples = await harness.api.call('predict.sample', { taskId, perLabel: 3 })
    expect(samples.length).toBeGreaterThan(0)
    for (const s of samples) {
      expect(posts.find((p) => p.id === s.id)?.content).toBe(s.text)
      expect(s.matched).not.toBeNull()
    }
  })

  it('writes to the default SQLite file and to CSV with the same rows', async () => {
    const taskId = await runToEnd(params({ kind: 'sqlite', table: 'results' }))
    const defaultPath = join(harness.dataDir, 'outputs', `${taskId}.sqlite`)
    expect(existsSync(defaultPath)).toBe(true)
    const csvPath = join(harness.dataDir, 'out.csv')
    await runToEnd(params({ kind: 'csv', path: csvPath, csvFlavour: 'raw' }))
    const lines = readFileSync(csvPath, 'utf8').trim().split('\n')
    expect(lines[0]).toBe(
      'id,task_id,source_author,label,score,model_version,post_time,source_id,matched',
    )
    expect(lines.length - 1).toBe(rowsOf(defaultPath).length)
    expect(existsSync(join(harness.dataDir, 'out_authors.csv'))).toBe(true)
  })

  it('abort then resume on the embedded path equals an uninterrupted run', async () => {
    const full = sqliteSink('uninterrupted')
    const resumed = sqliteSink('resumed')
    await runToEnd(params(full, { batchSize: 20 }))
    gate.close(1)
    const { taskId } = await harness.api.call('predict.start', params(resumed, { batchSize: 20 }))
    await gate.reached()
    const aborted = await harness.api.call('tasks.abort', { id: taskId })
    expect(aborted.status).toBe('ABORTED')
    const partial = await harness.api.call('predict.stats', { taskId })
    expect(partial.received).toBeGreaterThan(0)
    expect(partial.received).toBeLessThan(posts.length)
    gate.open()
    await harness.api.call('tasks.resume', { id: taskId })
    expect((await harness.core.tasks.settled(taskId)).status).toBe('SUCCESS')
    expect(rowsOf(resumed.kind === 'sqlite' ? resumed.path! : '')).toEqual(
      rowsOf(full.kind === 'sqlite' ? full.path! : ''),
    )
  })

  it('resumes with the model file it started with, though the file was overwritten meanwhile', async () => {
    const path = join(harness.dataDir, 'changing.audmodel')
    copyFileSync(modelPath, path)
    const withFile = (sink: SinkSpec) => ({
      ...params(sink, { batchSize: 20 }),
      models: [{ model: { kind: 'file' as const, path } }],
    })
    const full = sqliteSink('pinned-full')
    const resumed = sqliteSink('pinned-resumed')
    await runToEnd(withFile(full))
    gate.close(1)
    const { taskId } = await harness.api.call('predict.start', withFile(resumed))
    await gate.reached()
    expect((await harness.api.call('tasks.abort', { id: taskId })).status).toBe('ABORTED')
    // Another model now sits at the path: one keyword per label, matching almost nothing.
    const other = trainModel(
      {
        kind: 'keyword',
        field: 'content',
        keywordRules: [{ label: 'male', keyword: '不會出現的字', match: 'partially' }],
      },
      null,
    )
    writeFileSync(path, modelToFile(other))
    gate.open()
    await harness.api.call('tasks.resume', { id: taskId })
    expect((await harness.core.tasks.settled(taskId)).status).toBe('SUCCESS')
    expect(rowsOf(resumed.kind === 'sqlite' ? resumed.path! : '')).toEqual(
      rowsOf(full.kind === 'sqlite' ? full.path! : ''),
    )
    // Its copies go once it succeeded.
    expect(existsSync(join(harness.dataDir, 'tasks', taskId))).toBe(false)
  })

  it('routes rows into panel_{group} tables by source id', async () => {
    const path = join(harness.dataDir, 'routed.sqlite')
    const groups = { WH_S0001: 'one', WH_S0002: 'two' }
    const taskId = await runToEnd(
      params({
        kind: 'sqlite',
        path,
        table: 'results',
        routing: { groups, template: 'panel_{group}', otherGroup: 'rest' },
      }),
    )
    const all = rowsOf(join(harness.dataDir, 'full.sqlite'))
    const routed = ['panel_one', 'panel_two', 'panel_rest'].flatMap((t) => rowsOf(path, t))
    expect(routed.sort()).toEqual(all)
    for (const row of rowsOf(path, 'panel_one'))
      expect((JSON.parse(row) as string[])[6]).toBe('WH_S0001')
    for (const row of rowsOf(path, 'panel_rest'))
      expect(['WH_S0001', 'WH_S0002']).not.toContain((JSON.parse(row) as string[])[6])
    const stats = await harness.api.call('predict.stats', { taskId })
    expect(stats.tables?.map((t) => t.table).sort()).toEqual([
      'panel_one',
      'panel_rest',
      'panel_two',
    ])
  })

  it('applies the exclusion sets of a model version by default, and chosen ones on request', async () => {
    const datasetId = await importCorpus(harness.api, harness.core, 'corpus')
    const files = readdirSync(DEMO_RULES_DIR).map((fileName) => ({
      fileName,
      content: readFileSync(join(DEMO_RULES_DIR, fileName), 'utf8'),
    }))
    const ruleSet = await harness.api.call('rules.importFiles', { name: 'demo', files })
    // Drop every post that mentions the first rule's keyword.
    const keyword = demoRules()[0]!.keyword
    const drop = await harness.api.call('preprocessing.saveSet', {
      name: 'drop-first-keyword',
      mode: 'drop',
      patterns: [keyword.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')],
    })
    const { taskId: trainId } = await harness.api.call('models.startTraining', {
      datasetId,
      kind: 'keyword',
      ruleSetId: ruleSet.id,
      exclusionSetIds: [drop.id],
    })
    const trained = await harness.core.tasks.settled(trainId)
    expect(trained.status, JSON.stringify(trained.error)).toBe('SUCCESS')
    const versionId = (await harness.api.call('tasks.show', { id: trainId })).stats as {
      modelId: string
    }
    const version = await harness.api.call('models.get', { id: versionId.modelId })
    const model = { model: { kind: 'version' as const, id: version.id } }
    const mentions = (p: DemoPost) => p.content.toLowerCase().includes(keyword.toLowerCase())
    expect(posts.some(mentions)).toBe(true)

    const excluded = sqliteSink('version-default')
    const taskId = await runToEnd(params(excluded, { models: [model] }))
    const rows = rowsOf(excluded.kind === 'sqlite' ? excluded.path! : '')
    const tag = `${version.name}@${version.id}`
    const stats = await harness.api.call('predict.stats', { taskId })
    expect(stats.excluded).toBe(posts.filter(mentions).length)
    const byId = new Map(posts.map((p) => [p.id, p]))
    for (const row of rows) {
      const [id, , , v] = JSON.parse(row) as string[]
      expect(v).toBe(tag)
      expect(mentions(byId.get(id!)!)).toBe(false)
    }
    const overridden = sqliteSink('version-none')
    await runToEnd(params(overridden, { models: [{ ...model, exclusionSetIds: [] }] }))
    const all = rowsOf(overridden.kind === 'sqlite' ? overridden.path! : '')
    const dropped = all.filter((r) => mentions(byId.get((JSON.parse(r) as string[])[0]!)!))
    expect(dropped.length).toBeGreaterThan(0)
    expect(all.length).toBe(rows.length + dropped.length)
  })

  it('previews a CSV source through its mapping', async () => {
    const preview = await harness.api.call('predict.preview', {
      source: { ...csvSource(), from: '2024-01-01', to: '2024-02-01' },
    })
    expect(preview.rows).toHaveLength(10)
    expect(preview.rows[0]).toMatchObject({
      id: posts[0]!.id,
      content: posts[0]!.content,
      author: posts[0]!.author,
      postTime: posts[0]!.postTime,
    })
    expect(preview.estimatedRows).toBe(
      posts.filter((p) => p.postTime >= '2024-01-01' && p.postTime < '2024-02-01').length,
    )
    await expect(
      harness.api.call('predict.preview', {
        source: { ...csvSource(), columns: { id: 'id', content: 'body' } },
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('body') })
  })

  it('refuses a model file whose header names no real field, before any task starts', async () => {
    const { header, parts } = decodeModelFile(readFileSync(modelPath))
    const crafted = join(harness.dataDir, 'proto.audmodel')
    writeFileSync(crafted, encodeModelFile({ ...header, field: '__proto__' as FieldName }, parts))
    const before = harness.core.tasks.list({ limit: 1000 }).length
    await expect(
      harness.api.call('predict.start', {
        ...params(sqliteSink('proto')),
        models: [{ model: { kind: 'file', path: crafted } }],
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/field: /) })
    expect(harness.core.tasks.list({ limit: 1000 })).toHaveLength(before)
  })

  it('labels a source file holding a byte that is not UTF-8: replaced, counted, the run goes on', async () => {
    const rows = 40_000
    const line = (i: number, content: Buffer) =>
      Buffer.concat([
        Buffer.from(`${i},`),
        content,
        Buffer.from(`,a${i},WH_S1,2024-01-01 00:00:00\n`),
      ])
    const lines = [Buffer.from('id,content,author,source_id,post_time\n')]
    // The bad byte is past the first 1 MB read, from which the encoding is detected (UTF-8).
    for (let i = 1; i <= rows; i++) {
      const content = Buffer.from(`my girlfriend made dinner and post number ${i}`)
      lines.push(line(i, i === rows - 1 ? Buffer.concat([content, Buffer.from([0xff])]) : content))
    }
    const path = join(harness.dataDir, 'one-bad-byte.csv')
    writeFileSync(path, Buffer.concat(lines))
    const taskId = await runToEnd({
      ...params(sqliteSink('bad-byte')),
      exclusiveGroups: [],
      sources: [
        { ...csvSource(), path, columns: { id: 'id', content: 'content', author: 'author' } },
      ],
    })
    const stats = await harness.api.call('predict.stats', { taskId })
    expect(stats).toMatchObject({ received: rows, invalidUtf8: 1, labeled: rows })
  })
})
