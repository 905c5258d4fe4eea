import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type {
  PredictStartParams,
  PredictTaskConfig,
  SinkSpec,
} from '../../src-main/api/contract/predicting'
import { openPlan, type PlanDeps } from '../../src-main/core/predicting/plan'
import { startTestCore } from '../helpers/core-harness'
import { DEMO_CSV, demoPosts, writeDemoModel, type DemoPost } from '../helpers/demo-posts'

type Harness = Awaited<ReturnType<typeof startTestCore>>
let harness: Harness
let posts: DemoPost[]
let cases = 0

const COLUMNS = {
  id: 'id',
  content: 'content',
  title: 'title',
  author: 'author',
  sourceId: 'source_id',
  postTime: 'post_time',
}

/** A directory of its own with a copy of the demo CSV and the demo model, which a test may remove. */
function freshCase() {
  const dir = join(harness.dataDir, `case-${++cases}`)
  mkdirSync(dir)
  const csv = join(dir, 'posts.csv')
  copyFileSync(DEMO_CSV, csv)
  return { dir, csv, model: writeDemoModel(dir) }
}

function params(csv: string, model: string, sink: SinkSpec): PredictStartParams {
  return {
    sources: [{ kind: 'file', path: csv, format: 'csv', columns: COLUMNS }],
    models: [{ model: { kind: 'file', path: model } }],
    exclusiveGroups: [],
    sink,
    batchSize: 200,
  }
}

async function runToEnd(p: PredictStartParams) {
  const { taskId } = await harness.api.call('predict.start', p)
  const task = await harness.core.tasks.settled(taskId)
  expect(task.status, JSON.stringify(task.error)).toBe('SUCCESS')
  return taskId
}

/** The core's own predicting wiring, on the harness's database and pool. */
const planDeps = (): PlanDeps => harness.core.services.plan

const outputsNow = () => {
  const dir = join(harness.dataDir, 'outputs')
  return existsSync(dir) ? readdirSync(dir).sort() : []
}

const tablesOf = (path: string) => {
  const db = new Database(path, { readonly: true })
  try {
    return db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all()
  } finally {
    db.close()
  }
}

beforeAll(async () => {
  harness = await startTestCore({ seedDemo: false })
  posts = demoPosts()
})
afterAll(async () => {
  await harness?.close()
})

describe('the predict plan: check and run modes', () => {
  it('check resolves the models and creates no default output file; run opens the task’s own', async () => {
    const { csv, model } = freshCase()
    const p = params(csv, model, { kind: 'sqlite', table: 'results' })
    const before = outputsNow()

    const checked = await openPlan(planDeps(), p, { mode: 'check' })
    expect(checked.models).toEqual([
      {
        name: 'demo-keywords',
        version: expect.stringMatching(/^[0-9a-f]{12}$/) as string,
        field: 'content',
        resolvedVersion: `demo-keywords@${checked.models[0]!.version}`,
      },
    ])
    expect(outputsNow()).toEqual(before)

    const taskId = 'c'.repeat(32)
    const run = await openPlan(planDeps(), p, { mode: 'run', taskId })
    try {
      const path = join(harness.dataDir, 'outputs', `${taskId}.sqlite`)
      expect(run.sink.name).toBe(`${path}:results`)
      expect(tablesOf(path)).toContain('results')
      expect(run.labeler.models.map((m) => m.resolvedVersion)).toEqual([
        checked.models[0]!.resolvedVersion,
      ])
    } finally {
      await run.close()
    }
  })

  it('check creates the tables of a named output, and refuses one with another layout', async () => {
    const { dir, csv, model } = freshCase()
    const path = join(dir, 'named.sqlite')
    await openPlan(planDeps(), params(csv, model, { kind: 'sqlite', path, table: 'results' }), {
      mode: 'check',
    })
    expect(tablesOf(path)).toEqual(['results'])

    const taken = join(dir, 'taken.sqlite')
    const db = new Database(taken)
    db.exec('CREATE TABLE results (id TEXT, note TEXT)')
    db.close()
    const p = params(csv, model, { kind: 'sqlite', path: taken, table: 'results' })
    await expect(openPlan(planDeps(), p, { mode: 'check' })).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining('without the result columns') as string,
    })
    expect(tablesOf(taken)).toEqual(['results'])
  })

  it('stores each model’s resolved version and field with the task', async () => {
    const { dir, csv, model } = freshCase()
    const sink: SinkSpec = { kind: 'sqlite', path: join(dir, 'out.sqlite'), table: 'results' }
    const taskId = await runToEnd(params(csv, model, sink))
    const config = (await harness.api.call('tasks.show', { id: taskId }))
      .config as PredictTaskConfig
    const written = new Database(join(dir, 'out.sqlite'), { readonly: true })
    const versions = written
      .prepare('SELECT DISTINCT model_version FROM results')
      .pluck()
      .all() as string[]
    written.close()
    expect(config.resolvedModels).toEqual([
      {
        name: 'demo-keywords',
        version: versions[0]!.split('@')[1],
        field: 'content',
        resolvedVersion: versions[0],
      },
    ])
  })
})

describe('predict.sample opens only the output', () => {
  const contentOf = (id: string) => posts.find((p) => p.id === id)?.content

  it('samples a finished task after its model file was moved away', async () => {
    const { dir, csv, model } = freshCase()
    const sink: SinkSpec = { kind: 'sqlite', path: join(dir, 'out.sqlite'), table: 'results' }
    const taskId = await runToEnd(params(csv, model, sink))
    renameSync(model, join(dir, 'moved.audmodel'))

    const samples = await harness.api.call('predict.sample', { taskId, perLabel: 3 })
    expect(samples.length).toBeGreaterThan(0)
    for (const s of samples) {
      expect(s.text).toBe(contentOf(s.id))
      expect(s.textNote).toBeUndefined()
    }
  })

  it('gives rows without text and a note saying why when the source cannot be read', async () => {
    const { dir, csv, model } = freshCase()
    const taskId = await runToEnd(
      params(csv, model, { kind: 'csv', path: join(dir, 'out.csv'), csvFlavour: 'raw' }),
    )
    rmSync(csv)
    rmSync(model)

    const samples = await harness.api.call('predict.sample', { taskId, perLabel: 3 })
    expect(samples.length).toBeGreaterThan(0)
    for (const s of samples) {
      expect(s.text).toBeNull()
      expect(s.textNote).toMatch(/^Text not shown: source .*posts\.csv cannot be read \(File /)
      expect(s.label).not.toBe('')
    }
  })

  it('samples a task stored before the resolved models were, deriving them again', async () => {
    const { dir, csv, model } = freshCase()
    const sink: SinkSpec = { kind: 'sqlite', path: join(dir, 'out.sqlite'), table: 'results' }
    const taskId = await runToEnd(params(csv, model, sink))
    // The config as tasks started before this change stored it: the start params alone.
    harness.core.db
      .prepare(`UPDATE tasks SET config = json_remove(config, '$.resolvedModels') WHERE id = ?`)
      .run(taskId)
    const config = (await harness.api.call('tasks.show', { id: taskId }))
      .config as PredictTaskConfig
    expect(config.resolvedModels).toBeUndefined()

    const samples = await harness.api.call('predict.sample', { taskId, perLabel: 3 })
    expect(samples.length).toBeGreaterThan(0)
    for (const s of samples) expect(s.text).toBe(contentOf(s.id))

    // Such a task needs its model file for the field its model read: without it, a note says so.
    rmSync(model)
    const blind = await harness.api.call('predict.sample', { taskId, perLabel: 3 })
    expect(blind.length).toBeGreaterThan(0)
    for (const s of blind) {
      expect(s.text).toBeNull()
      expect(s.textNote).toMatch(/the field model demo-keywords@[0-9a-f]{12} read is unknown/)
    }
  })

  it('gives no rows, and creates nothing, when the output file is gone', async () => {
    const { dir, csv, model } = freshCase()
    const out = join(dir, 'out.sqlite')
    const taskId = await runToEnd(params(csv, model, { kind: 'sqlite', path: out, table: 'r' }))
    for (const suffix of ['', '-wal', '-shm']) rmSync(out + suffix, { force: true })
    expect(await harness.api.call('predict.sample', { taskId, perLabel: 3 })).toEqual([])
    expect(existsSync(out)).toBe(false)
  })
})
