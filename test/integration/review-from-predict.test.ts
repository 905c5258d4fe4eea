import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ImportReport } from '../../src-main/api/contract/datasets'
import { startTestCore } from '../helpers/core-harness'
import { DEMO_CSV, writeDemoModel } from '../helpers/demo-posts'
import { createPostsTable, createTestSchema, makePosts, mariaDbUrl } from '../helpers/mariadb'
import { importCorpus } from '../helpers/modeling-data'

type Harness = Awaited<ReturnType<typeof startTestCore>>
let h: Harness
let predictTask: string
/** The same posts labelled by a linear SVM: scores that differ from row to row. */
let svmTask: string
/** Labels the predict task wrote, by source row id. */
const written = new Map<string, string[]>()

const COLUMNS = {
  id: 'id',
  content: 'content',
  title: 'title',
  author: 'author',
  sourceId: 'source_id',
  postTime: 'post_time',
}

beforeAll(async () => {
  h = await startTestCore({ seedDemo: false })
  const corpus = await importCorpus(h.api, h.core, 'corpus')
  const trained = await h.api.call('models.startTraining', {
    datasetId: corpus,
    kind: 'linear-svm',
  })
  expect((await h.core.tasks.settled(trained.taskId)).status).toBe('SUCCESS')
  const version = (await h.api.call('tasks.show', { id: trained.taskId })).stats as {
    modelId: string
  }
  const svm = await h.api.call('predict.start', {
    sources: [{ kind: 'file', path: DEMO_CSV, format: 'csv', columns: COLUMNS }],
    models: [{ model: { kind: 'version', id: version.modelId } }],
    sink: { kind: 'sqlite', path: join(h.dataDir, 'svm.sqlite'), table: 'results' },
    batchSize: 500,
  })
  expect((await h.core.tasks.settled(svm.taskId)).status).toBe('SUCCESS')
  svmTask = svm.taskId
  const sink = join(h.dataDir, 'out.sqlite')
  const { taskId } = await h.api.call('predict.start', {
    sources: [
      {
        kind: 'file',
        path: DEMO_CSV,
        format: 'csv',
        columns: {
          id: 'id',
          content: 'content',
          title: 'title',
          author: 'author',
          sourceId: 'source_id',
          postTime: 'post_time',
        },
      },
    ],
    models: [{ model: { kind: 'file', path: writeDemoModel(h.dataDir) } }],
    sink: { kind: 'sqlite', path: sink, table: 'results' },
    batchSize: 500,
  })
  expect((await h.core.tasks.settled(taskId)).status).toBe('SUCCESS')
  predictTask = taskId
  const db = new Database(sink, { readonly: true })
  for (const row of db.prepare('SELECT id, label FROM results').all() as {
    id: string
    label: string
  }[]) {
    written.set(String(row.id), [...(written.get(String(row.id)) ?? []), row.label])
  }
  db.close()
}, 120_000)

afterAll(() => h.close())

type ReviewParams = Parameters<typeof h.api.call<'suggestions.reviewFromPredict'>>[1]

/** Runs a review task to its end: its import report (`rowsRead`: the documents it sent). */
async function review(params: ReviewParams): Promise<ImportReport> {
  const { taskId } = await h.api.call('suggestions.reviewFromPredict', params)
  const task = await h.core.tasks.settled(taskId)
  expect(task.status, JSON.stringify(task.error)).toBe('SUCCESS')
  return (await h.api.call('tasks.show', { id: taskId })).stats as ImportReport
}

/** A review task that fails once started: its error. */
async function failedReview(params: ReviewParams) {
  const { taskId } = await h.api.call('suggestions.reviewFromPredict', params)
  const task = await h.core.tasks.settled(taskId)
  expect(task.status).toBe('FAILURE')
  return task.error
}

async function importedDocs(datasetId: string) {
  const page = await h.api.call('annotation.listDocuments', { datasetId, limit: 500 })
  return Promise.all(
    page.items.map((row) =>
      h.api.call('annotation.getDocument', { datasetId, documentId: row.id }),
    ),
  )
}

describe('review from predictions', () => {
  it('brings sampled rows into a new dataset, unlabelled, with suggestions and their source', async () => {
    const started = await review({
      taskId: predictTask,
      perLabel: 3,
      target: { newDataset: { name: 'review' } },
    })
    const [dataset] = await h.api.call('datasets.list', { query: 'review' })
    const docs = await importedDocs(dataset!.id)
    expect(docs).toHaveLength(started.rowsRead)
    expect(started.rowsRead).toBeGreaterThan(3)
    const names = new Map(
      (await h.api.call('datasets.get', { id: dataset!.id })).labels.map((l) => [l.id, l.name]),
    )
    for (const doc of docs) {
      expect(doc.labelIds).toEqual([])
      const meta = doc.meta as Record<string, string>
      expect(meta).toMatchObject({ review_task: predictTask, review_table: 'results' })
      const labels = written.get(meta.review_row!)!
      expect(labels).toBeDefined()
      const suggested = doc.suggestions.map((s) => names.get(s.labelId))
      expect(suggested.length).toBeGreaterThan(0)
      for (const name of suggested) expect(labels).toContain(name)
    }
    // Accepting one makes the model's label gold.
    const first = docs[0]!
    const accepted = await h.api.call('suggestions.accept', {
      datasetId: dataset!.id,
      documentId: first.id,
      modelVersion: 'imported',
      sessionId: 'review',
    })
    expect(accepted.labelIds.length).toBeGreaterThan(0)
  })

  it('takes one label, or the rows below a score, into an existing dataset', async () => {
    const target = await h.api.call('datasets.create', { name: 'parents' })
    const started = await review({
      taskId: predictTask,
      perLabel: 4,
      label: 'parent',
      target: { datasetId: target.id },
    })
    expect(started.rowsRead).toBe(4)
    const docs = await importedDocs(target.id)
    expect(docs).toHaveLength(4)
    for (const doc of docs) {
      expect(written.get((doc.meta as Record<string, string>).review_row!)).toContain('parent')
    }
    const sample = await h.api.call('predict.sample', { taskId: svmTask, perLabel: 1000 })
    const stats = await h.api.call('predict.stats', { taskId: svmTask })
    // Every label has fewer than 1000 rows, so this "sample" is all of them, the same each time.
    expect(sample).toHaveLength(stats.written)
    const scores = sample.map((r) => r.score).sort((a, b) => a - b)
    const cut = scores[Math.floor(scores.length / 2)]!
    expect(scores[0]).toBeLessThan(cut)
    const low = await review({
      taskId: svmTask,
      perLabel: 1000,
      below: cut,
      target: { newDataset: { name: 'low scores' } },
    })
    const rows = new Set(sample.filter((r) => r.score < cut).map((r) => `${r.id}`))
    expect(low.rowsRead).toBe(rows.size)
  })

  it('takes every row of a label, or below a score, past the old 1,000-row cap', async () => {
    // 2,500 posts a keyword model labels "animal": even ones by two keywords (score 2), odd by one.
    const csv = join(h.dataDir, 'many.csv')
    const lines = ['id,content']
    for (let i = 0; i < 2500; i++)
      lines.push(`${i},post ${i} ${i % 2 === 0 ? 'cat and dog' : 'cat'}`)
    writeFileSync(csv, lines.join('\n') + '\n')
    const { taskId } = await h.api.call('predict.start', {
      sources: [
        { kind: 'file', path: csv, format: 'csv', columns: { id: 'id', content: 'content' } },
      ],
      models: [{ model: { kind: 'keywords', name: 'kw', labels: { animal: ['cat', 'dog'] } } }],
      sink: { kind: 'sqlite', path: join(h.dataDir, 'many.sqlite'), table: 'results' },
      batchSize: 1000,
    })
    expect((await h.core.tasks.settled(taskId)).status).toBe('SUCCESS')
    const rows = { taskId, select: 'all' as const, label: 'animal' }
    expect(await h.api.call('suggestions.reviewCount', rows)).toEqual({ rows: 2500, exact: true })
    const every = await review({ ...rows, target: { newDataset: { name: 'every animal' } } })
    expect(every.rowsRead).toBe(2500)
    const [dataset] = await h.api.call('datasets.list', { query: 'every animal' })
    expect(dataset!.documentCount).toBe(2500)
    const low = { ...rows, below: 2 }
    expect(await h.api.call('suggestions.reviewCount', low)).toEqual({ rows: 1250, exact: true })
    const below = await review({ ...low, target: { newDataset: { name: 'one keyword' } } })
    expect(below.rowsRead).toBe(1250)
    const page = await h.api.call('annotation.listDocuments', {
      datasetId: (await h.api.call('datasets.list', { query: 'one keyword' }))[0]!.id,
      limit: 500,
    })
    expect(page.total).toBe(1250)
    for (const item of page.items) expect(item.preview).not.toContain('dog')
    // Nothing under the threshold: the task fails with a clear error, and no dataset is created.
    expect(
      await failedReview({ ...rows, below: 1, target: { newDataset: { name: 'nothing' } } }),
    ).toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/below 1/) })
    expect(await h.api.call('datasets.list', { query: 'nothing' })).toEqual([])
  })

  it('scans a MariaDB output with integer ids over several pages', async () => {
    const schema = await createTestSchema('review_scan')
    try {
      await createPostsTable(schema.name, makePosts(6000))
      const connection = { url: mariaDbUrl(schema.name) }
      const { taskId } = await h.api.call('predict.start', {
        sources: [
          {
            kind: 'mariadb',
            connection,
            schema: schema.name,
            table: 'posts',
            columns: { id: 'id', content: 'content', author: 'author' },
          },
        ],
        models: [
          {
            model: {
              kind: 'keywords',
              name: 'kw',
              labels: { food: ['pizza', 'tofu', 'tea'], city: ['台北'] },
            },
          },
        ],
        sink: { kind: 'mariadb', connection, schema: schema.name, table: 'results' },
        batchSize: 2000,
      })
      expect((await h.core.tasks.settled(taskId)).status).toBe('SUCCESS')
      const { perLabel, written } = await h.api.call('predict.stats', { taskId })
      expect(perLabel.food).toBeGreaterThan(1000)
      // More written rows than one scan page (5,000) holds.
      expect(written).toBeGreaterThan(5000)
      const rows = { taskId, select: 'all' as const, label: 'food' }
      expect(await h.api.call('suggestions.reviewCount', rows)).toEqual({
        rows: perLabel.food,
        exact: true,
      })
      const sent = await review({ ...rows, target: { newDataset: { name: 'food from mariadb' } } })
      expect(sent.rowsRead).toBe(perLabel.food)
    } finally {
      await schema.drop()
    }
  })

  it('refuses with clear errors', async () => {
    expect(
      await failedReview({
        taskId: predictTask,
        below: 0,
        target: { newDataset: { name: 'none' } },
      }),
    ).toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/below 0/) })
    expect(await h.api.call('datasets.list', { query: 'none' })).toEqual([])
    await expect(
      h.api.call('suggestions.reviewFromPredict', {
        taskId: 'a'.repeat(32),
        target: { newDataset: { name: 'none' } },
      }),
    ).rejects.toMatchObject({ code: 'TASK_NOT_FOUND' })
    await expect(
      h.api.call('suggestions.reviewFromPredict', {
        taskId: predictTask,
        target: { newDataset: { name: 'review' } },
      }),
    ).rejects.toMatchObject({ code: 'CONFLICT' })
    await expect(
      h.api.call('suggestions.reviewFromPredict', {
        taskId: predictTask,
        perLabel: 0,
        target: { datasetId: 'b'.repeat(32) },
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION' })
  })
})
