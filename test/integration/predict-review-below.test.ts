import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { z } from 'zod'
import type { modelSpec, predictStartParams } from '../../src-main/api/contract/predicting'
import { startTestCore } from '../helpers/core-harness'
import { DEMO_CSV, writeDemoModel } from '../helpers/demo-posts'
import { createBatchGate } from '../helpers/gate'
import { importCorpus } from '../helpers/modeling-data'

type Harness = Awaited<ReturnType<typeof startTestCore>>
let h: Harness
let versionId: string
const gate = createBatchGate()

interface Row {
  id: string
  label: string
  score: number
  model_version: string
  matched: string | null
}

const source = {
  kind: 'file' as const,
  path: DEMO_CSV,
  format: 'csv' as const,
  columns: { id: 'id', content: 'content', author: 'author' },
}

let runs = 0
function params(
  review?: { below: number | Record<string, number>; label?: string },
  models?: z.input<typeof modelSpec>[],
) {
  runs++
  return {
    sources: [source],
    models: models ?? [
      { model: { kind: 'version', id: versionId }, ...(review ? { review } : {}) },
    ],
    sink: {
      kind: 'sqlite' as const,
      path: join(h.dataDir, `run-${runs}.sqlite`),
      table: 'results',
    },
    batchSize: 500,
  } satisfies z.input<typeof predictStartParams>
}

function rowsOf(p: ReturnType<typeof params>): Row[] {
  const db = new Database(p.sink.path, { readonly: true })
  try {
    return db
      .prepare('SELECT id, label, score, model_version, matched FROM results ORDER BY id, label')
      .all() as Row[]
  } finally {
    db.close()
  }
}

async function run(p: ReturnType<typeof params>): Promise<Row[]> {
  const { taskId } = await h.api.call('predict.start', p)
  expect((await h.core.tasks.settled(taskId)).status).toBe('SUCCESS')
  return rowsOf(p)
}

let plain: Row[]
let median: number

beforeAll(async () => {
  h = await startTestCore({ seedDemo: false, testGates: { predictWrite: gate.hook } })
  const corpus = await importCorpus(h.api, h.core, 'corpus')
  const trained = await h.api.call('models.startTraining', {
    datasetId: corpus,
    kind: 'linear-svm',
  })
  expect((await h.core.tasks.settled(trained.taskId)).status).toBe('SUCCESS')
  versionId = (
    (await h.api.call('tasks.show', { id: trained.taskId })).stats as { modelId: string }
  ).modelId
  plain = await run(params())
  const scores = plain.map((r) => r.score).sort((a, b) => a - b)
  median = scores[Math.floor(scores.length / 2)]!
}, 120_000)

afterAll(() => h.close())

/** The plain run's rows with those scored under `limit(label)` turned into `review` rows. */
function expected(limit: (label: string) => number, name = 'review'): Row[] {
  return plain
    .map((r) => (r.score < limit(r.label) ? { ...r, label: name, matched: null } : r))
    .sort((a, b) => (a.id === b.id ? a.label.localeCompare(b.label) : a.id < b.id ? -1 : 1))
}

describe('predict with a review-below confidence', () => {
  it('writes rows under it with the review label and keeps the others as they were', async () => {
    // A single-label linear model gives one row per text: its best label and score.
    expect(new Set(plain.map((r) => r.id)).size).toBe(plain.length)
    const reviewed = await run(params({ below: median }))
    expect(reviewed).toEqual(expected(() => median))
    const review = reviewed.filter((r) => r.label === 'review')
    expect(review.length).toBeGreaterThan(0)
    expect(review.length).toBeLessThan(reviewed.length)
  })

  it('takes a confidence per label and a label name of its own', async () => {
    const label = plain[0]!.label
    const reviewed = await run(params({ below: { [label]: median }, label: 'check me' }))
    expect(reviewed).toEqual(expected((l) => (l === label ? median : -Infinity), 'check me'))
    expect(reviewed.some((r) => r.label === 'check me')).toBe(true)
  })

  it('keeps the setting when the task resumes after an abort', async () => {
    const full = await run(params({ below: median }))
    const p = params({ below: median })
    p.batchSize = 100
    gate.close(1)
    const { taskId } = await h.api.call('predict.start', p)
    await gate.reached()
    expect((await h.api.call('tasks.abort', { id: taskId })).status).toBe('ABORTED')
    gate.open()
    await h.api.call('tasks.resume', { id: taskId })
    expect((await h.core.tasks.settled(taskId)).status).toBe('SUCCESS')
    expect(rowsOf(p)).toEqual(full)
  })

  it('refuses it for keyword models, unknown labels and a label the model gives', async () => {
    const before = (await h.api.call('tasks.list', {})).length
    const keywords = params(undefined, [
      { model: { kind: 'keywords', name: 'kw', labels: { a: ['x'] } }, review: { below: 2 } },
    ])
    await expect(h.api.call('predict.start', keywords)).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringMatching(/keyword model scores rows by matched keywords/),
    })
    const file = params(undefined, [
      { model: { kind: 'file', path: writeDemoModel(h.dataDir) }, review: { below: 2 } },
    ])
    await expect(h.api.call('predict.start', file)).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringMatching(/keyword model: it scores rows by matches/),
    })
    await expect(
      h.api.call('predict.start', params({ below: { nosuch: 1 } })),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringMatching(/no label "nosuch"/),
    })
    await expect(
      h.api.call('predict.start', params({ below: 1, label: plain[0]!.label })),
    ).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/already gives/) })
    // Nothing was started by any of them.
    expect((await h.api.call('tasks.list', {})).length).toBe(before)
  })
})
