import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TaskProgress } from '../../src-main/api/contract/tasks'
import { startTestCore } from '../helpers/core-harness'
import { createBatchGate } from '../helpers/gate'
import { fixture, importInto, snapshot } from './datasets-harness'

type Harness = Awaited<ReturnType<typeof startTestCore>>
let h: Harness
/** Held after a page of documents is staged (the scan is not over). */
const scanGate = createBatchGate()
/** Held after the import's first (still invisible) chunk. */
const importGate = createBatchGate()
/** A predict task that labelled 6,000 posts "animal": more than one scan page (5,000). */
let predictTask: string
const POSTS = 6000
const every = () => ({ taskId: predictTask, select: 'all' as const, label: 'animal' })

beforeAll(async () => {
  h = await startTestCore({
    seedDemo: false,
    testGates: { reviewScan: scanGate.hook, importWrite: importGate.hook },
  })
  const csv = join(h.dataDir, 'posts.csv')
  const lines = ['id,content']
  for (let i = 0; i < POSTS; i++) lines.push(`${i},post ${i} about a cat`)
  writeFileSync(csv, lines.join('\n') + '\n')
  const { taskId } = await h.api.call('predict.start', {
    sources: [
      { kind: 'file', path: csv, format: 'csv', columns: { id: 'id', content: 'content' } },
    ],
    models: [{ model: { kind: 'keywords', name: 'kw', labels: { animal: ['cat'] } } }],
    sink: { kind: 'sqlite', path: join(h.dataDir, 'out.sqlite'), table: 'results' },
    batchSize: 2000,
  })
  expect((await h.core.tasks.settled(taskId)).status).toBe('SUCCESS')
  predictTask = taskId
}, 120_000)

afterAll(() => h.close())

/** Files the review staged for its import that are still on disk. */
const stagedFiles = () => {
  const dir = join(h.dataDir, 'tmp', 'uploads')
  return existsSync(dir) ? readdirSync(dir).filter((name) => name.startsWith('staged-')) : []
}

const documentRows = () =>
  (h.core.db.prepare('SELECT count(*) AS n FROM documents').get() as { n: number }).n

describe('review from predictions as one task', () => {
  it('reports reading the predictions, then importing them, with counts', async () => {
    const { taskId } = await h.api.call('suggestions.reviewFromPredict', {
      ...every(),
      target: { newDataset: { name: 'every cat' } },
    })
    const seen: TaskProgress[] = []
    const off = h.api.on('task.updated', (t) => {
      if (t.id === taskId && t.progress) seen.push(t.progress)
    })
    const task = await h.core.tasks.settled(taskId)
    off()
    expect(task.status, JSON.stringify(task.error)).toBe('SUCCESS')
    expect(task.kind).toBe('suggestions.review')
    const phase = (p: TaskProgress) => p.data?.phase
    const reading = seen.filter((p) => phase(p) === 'read')
    const importing = seen.filter((p) => phase(p) === 'import')
    // Published at once: the phase's last report has done = total.
    expect(reading.at(-1)).toMatchObject({ done: POSTS, total: POSTS })
    expect(reading.at(-1)!.message).toMatch(/^Reading predictions: 6,000 of 6,000 rows/)
    expect(task.progress).toMatchObject({ done: POSTS, total: POSTS, data: { phase: 'import' } })
    expect(importing.every((p) => p.total === POSTS && p.done <= POSTS)).toBe(true)
    expect(seen.findIndex((p) => phase(p) === 'import')).toBeGreaterThan(
      seen.findIndex((p) => phase(p) === 'read'),
    )
    const report = (await h.api.call('tasks.show', { id: taskId })).stats as {
      rowsRead: number
      imported: number
    }
    expect(report).toMatchObject({ rowsRead: POSTS, imported: POSTS })
    expect(stagedFiles()).toEqual([])
  })

  it('aborted mid-scan: an existing dataset unchanged, a new one absent, no staged file', async () => {
    const base = await importInto(h, 'base', fixture('annotated.jsonl'))
    const before = await snapshot(h, base.datasetId)
    const rows = documentRows()
    for (const target of [{ datasetId: base.datasetId }, { newDataset: { name: 'held' } }]) {
      scanGate.close(0)
      const { taskId } = await h.api.call('suggestions.reviewFromPredict', { ...every(), target })
      await scanGate.reached()
      // The first page is staged, the rest of the output not read yet.
      const [staged] = stagedFiles()
      expect(statSync(join(h.dataDir, 'tmp', 'uploads', staged!)).size).toBeGreaterThan(0)
      const progress = (await h.api.call('tasks.show', { id: taskId })).progress
      expect(progress?.data).toEqual({ phase: 'read' })
      expect(progress!.done).toBeLessThan(POSTS)
      expect((await h.api.call('tasks.abort', { id: taskId })).status).toBe('ABORTED')
      scanGate.open()
      expect(stagedFiles()).toEqual([])
    }
    expect(await snapshot(h, base.datasetId)).toEqual(before)
    expect((await h.api.call('datasets.list', {})).map((d) => d.name)).not.toContain('held')
    expect(documentRows()).toBe(rows)
  })

  it('aborted while importing: the dataset as it was, its rows removed, no staged file', async () => {
    const [base] = await h.api.call('datasets.list', { query: 'base' })
    const before = await snapshot(h, base!.id)
    const rows = documentRows()
    importGate.close(0)
    const { taskId } = await h.api.call('suggestions.reviewFromPredict', {
      ...every(),
      target: { datasetId: base!.id },
    })
    await importGate.reached()
    // Progress is published at most every 200 ms; the import phase's first report may be the trailing one.
    await expect
      .poll(async () => (await h.api.call('tasks.show', { id: taskId })).progress?.data, {
        timeout: 10_000,
      })
      .toEqual({ phase: 'import' })
    expect((await h.api.call('tasks.abort', { id: taskId })).status).toBe('ABORTED')
    importGate.open()
    expect(stagedFiles()).toEqual([])
    expect(await snapshot(h, base!.id)).toEqual(before)
    await h.core.background.idle()
    expect(documentRows()).toBe(rows)
  })
})
