import { readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exportTo } from './datasets-harness'
import { startTestCore } from '../helpers/core-harness'
import { importCorpus } from '../helpers/modeling-data'

type Harness = Awaited<ReturnType<typeof startTestCore>>
let h: Harness
let datasetId: string
let modelVersion: string
const labelsOf = new Map<string, number>()
/** Documents whose labels were removed before the suggestions (the "unlabelled" ones). */
const cleared: number[] = []
/** Documents given a wrong label before the suggestions. */
const flipped: number[] = []
let goldBefore: Map<number, number[]>

async function gold() {
  const page = await h.api.call('annotation.listDocuments', { datasetId, limit: 500 })
  return new Map(page.items.map((d) => [d.id, d.labelIds]))
}

beforeAll(async () => {
  h = await startTestCore({ seedDemo: false })
  datasetId = await importCorpus(h.api, h.core, 'corpus')
  const dataset = await h.api.call('datasets.get', { id: datasetId })
  for (const l of dataset.labels) labelsOf.set(l.name, l.id)
  const { taskId } = await h.api.call('models.startTraining', { datasetId, kind: 'linear-svm' })
  expect((await h.core.tasks.settled(taskId)).status).toBe('SUCCESS')
  modelVersion = ((await h.api.call('tasks.show', { id: taskId })).stats as { modelId: string })
    .modelId
  const page = await h.api.call('annotation.listDocuments', { datasetId, limit: 500 })
  for (const doc of page.items.slice(0, 12)) {
    await h.api.call('annotation.setLabels', {
      datasetId,
      documentId: doc.id,
      labelIds: [],
      sessionId: 'prep',
    })
    cleared.push(doc.id)
  }
  for (const doc of page.items.slice(30, 33)) {
    const wrong = [...labelsOf.values()].find((id) => id !== doc.labelIds[0])!
    await h.api.call('annotation.setLabels', {
      datasetId,
      documentId: doc.id,
      labelIds: [wrong],
      sessionId: 'prep',
    })
    flipped.push(doc.id)
  }
  goldBefore = await gold()
  const started = await h.api.call('suggestions.compute', { datasetId })
  expect(started.modelVersionId).toBe(modelVersion)
  expect((await h.core.tasks.settled(started.taskId)).status).toBe('SUCCESS')
}, 120_000)

afterAll(() => h.close())

describe('model suggestions', () => {
  it('stores suggestions per model version without touching gold labels', async () => {
    expect(await gold()).toEqual(goldBefore)
    const sources = await h.api.call('suggestions.sources', { datasetId })
    expect(sources).toEqual([
      expect.objectContaining({ modelVersion, documents: 120, computedAt: expect.any(Number) }),
    ])
    const doc = await h.api.call('annotation.getDocument', { datasetId, documentId: cleared[0]! })
    expect(doc.suggestions).toEqual([])
    expect(doc.labelIds).toEqual([])
    const own = await h.api.call('suggestions.forDocument', {
      datasetId,
      documentId: cleared[0]!,
      modelVersion,
    })
    expect(own.suggestions).toHaveLength(1)
    expect(own.suggestions[0]!.score).toBeGreaterThan(0)
  })

  it('accepts a suggestion as gold, journaled, and undo brings the old labels back', async () => {
    const documentId = cleared[1]!
    const { suggestions } = await h.api.call('suggestions.forDocument', {
      datasetId,
      documentId,
      modelVersion,
    })
    const sessionId = 'accepting'
    const accepted = await h.api.call('suggestions.accept', {
      datasetId,
      documentId,
      modelVersion,
      sessionId,
    })
    expect(accepted.labelIds).toEqual([suggestions[0]!.labelId])
    const undone = await h.api.call('annotation.undo', { datasetId, sessionId })
    expect(undone).toMatchObject({ documentId, labelIds: [], undoable: 0, redoable: 1 })
    const after = await h.api.call('annotation.getDocument', { datasetId, documentId })
    expect(after.labelIds).toEqual([])
  })

  it('orders the uncertain queue over unlabelled documents and drops one once labelled', async () => {
    const queue = await h.api.call('suggestions.queue', {
      datasetId,
      queue: 'uncertain',
      modelVersion,
    })
    expect(queue.total).toBe(cleared.length)
    expect(queue.items.map((i) => i.documentId).sort((a, b) => a - b)).toEqual(cleared)
    const scores = queue.items.map((i) => i.score!)
    expect(scores).toEqual([...scores].sort((a, b) => b - a))
    const first = queue.items[0]!.documentId
    await h.api.call('suggestions.accept', {
      datasetId,
      documentId: first,
      modelVersion,
      sessionId: 'queue',
    })
    const next = await h.api.call('suggestions.queue', {
      datasetId,
      queue: 'uncertain',
      modelVersion,
    })
    expect(next.total).toBe(cleared.length - 1)
    expect(next.items.map((i) => i.documentId)).not.toContain(first)
    await h.api.call('annotation.undo', { datasetId, sessionId: 'queue' })
  })

  it('puts the flipped labels in the disagreement and mislabelled queues, with a reason', async () => {
    const disagrees = await h.api.call('suggestions.queue', {
      datasetId,
      queue: 'disagrees',
      modelVersion,
    })
    expect(disagrees.items.map((i) => i.documentId)).toEqual(expect.arrayContaining(flipped))
    const mislabelled = await h.api.call('suggestions.queue', {
      datasetId,
      queue: 'mislabelled',
      modelVersion,
    })
    // Confident learning flags flipped labels and nothing else here (2 of the 3 on this corpus).
    const found = mislabelled.items.map((i) => i.documentId)
    expect(found.length).toBeGreaterThanOrEqual(2)
    for (const id of found) expect(flipped).toContain(id)
    const item = mislabelled.items.find((i) => i.documentId === flipped[0])!
    expect(item.reason).toMatch(/^gold “\w+” gets 0\.\d\d out of fold; the model prefers “\w+”/)
    const { reason } = await h.api.call('suggestions.forDocument', {
      datasetId,
      documentId: flipped[0]!,
      modelVersion,
    })
    expect(reason).toBe(item.reason)
  })

  it('takes a relabelled document out of the mislabelled queue', async () => {
    const before = await h.api.call('suggestions.queue', {
      datasetId,
      queue: 'mislabelled',
      modelVersion,
    })
    const documentId = before.items[0]!.documentId
    await h.api.call('suggestions.accept', {
      datasetId,
      documentId,
      modelVersion,
      sessionId: 'fix',
    })
    const mislabelled = await h.api.call('suggestions.queue', {
      datasetId,
      queue: 'mislabelled',
      modelVersion,
    })
    expect(mislabelled.items.map((i) => i.documentId)).not.toContain(documentId)
    expect(mislabelled.total).toBe(before.total - 1)
    await h.api.call('annotation.undo', { datasetId, sessionId: 'fix' })
  })

  it('gives file order and a seeded random order over every document', async () => {
    const file = await h.api.call('suggestions.queue', { datasetId, queue: 'file', limit: 500 })
    const ids = file.items.map((i) => i.documentId)
    expect(ids).toEqual([...ids].sort((a, b) => a - b))
    const random = (seed: number) =>
      h.api.call('suggestions.queue', { datasetId, queue: 'random', seed, limit: 500 })
    const a = (await random(1)).items.map((i) => i.documentId)
    expect((await random(1)).items.map((i) => i.documentId)).toEqual(a)
    expect(a).not.toEqual(ids)
    expect([...a].sort((x, y) => x - y)).toEqual(ids)
  })

  it('steps along a queue in its order, and from a document that left it to the head', async () => {
    const queue = await h.api.call('suggestions.queue', {
      datasetId,
      queue: 'uncertain',
      modelVersion,
    })
    const ids = queue.items.map((i) => i.documentId)
    const step = (fromDocumentId: number, direction: 'next' | 'previous') =>
      h.api.call('suggestions.queueStep', {
        datasetId,
        queue: 'uncertain',
        modelVersion,
        fromDocumentId,
        direction,
      })
    expect(await step(ids[0]!, 'next')).toEqual({
      documentId: ids[1],
      position: 1,
      total: ids.length,
    })
    expect(await step(ids[2]!, 'previous')).toMatchObject({ documentId: ids[1], position: 1 })
    expect(await step(ids[0]!, 'previous')).toBeNull()
    expect(await step(ids.at(-1)!, 'next')).toBeNull()
    // A labelled document is not in the uncertain queue: next is the head, previous nothing.
    const labelled = flipped[0]!
    expect(await step(labelled, 'next')).toMatchObject({ documentId: ids[0], position: 0 })
    expect(await step(labelled, 'previous')).toBeNull()
    // The random queue walks the same order its pages list.
    const random = await h.api.call('suggestions.queue', {
      datasetId,
      queue: 'random',
      seed: 7,
      limit: 3,
    })
    const [a, b] = random.items.map((i) => i.documentId)
    const next = await h.api.call('suggestions.queueStep', {
      datasetId,
      queue: 'random',
      seed: 7,
      fromDocumentId: a!,
      direction: 'next',
    })
    expect(next).toEqual({ documentId: b, position: 1, total: 120 })
  })

  it('refuses with clear errors', async () => {
    await expect(
      h.api.call('suggestions.queue', { datasetId, queue: 'uncertain' }),
    ).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/needs a model/) })
    await expect(
      h.api.call('suggestions.queueStep', {
        datasetId,
        queue: 'disagrees',
        fromDocumentId: cleared[0]!,
        direction: 'next',
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/needs a model/) })
    await expect(
      h.api.call('suggestions.queueStep', {
        datasetId,
        queue: 'file',
        fromDocumentId: 999_999,
        direction: 'next',
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' })
    await expect(
      h.api.call('suggestions.queueStep', {
        datasetId,
        queue: 'file',
        fromDocumentId: cleared[0]!,
        direction: 'sideways' as 'next',
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION' })
    await expect(
      h.api.call('suggestions.accept', {
        datasetId,
        documentId: cleared[2]!,
        modelVersion: 'imported',
        sessionId: 's',
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/no label/) })
    const other = await importCorpus(h.api, h.core, 'other', 4)
    await expect(h.api.call('suggestions.compute', { datasetId: other })).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringMatching(/No model has been trained on this dataset/),
    })
  })

  it('keeps model suggestions out of exports (imported ones are exported as before)', async () => {
    const out = join(h.dataDir, 'export.json')
    await exportTo(h, datasetId, 'label-studio', out)
    const tasks = JSON.parse(readFileSync(out, 'utf8')) as { predictions: unknown[] }[]
    expect(tasks).toHaveLength(120)
    for (const task of tasks) expect(task.predictions).toEqual([])
  })

  it('reports a failed computation and keeps the stored suggestions', async () => {
    const version = await h.api.call('models.get', { id: modelVersion })
    rmSync(version.filePath)
    const { taskId } = await h.api.call('suggestions.compute', { datasetId })
    const task = await h.core.tasks.settled(taskId)
    expect(task.status).toBe('FAILURE')
    expect(task.error).toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringMatching(/model file .* is missing/),
    })
    const sources = await h.api.call('suggestions.sources', { datasetId })
    expect(sources[0]).toMatchObject({ modelVersion, documents: 120 })
  })
  it("applies the version's exclusion sets: a dropped document gets no suggestion", async () => {
    const ads = await h.api.call('preprocessing.saveSet', {
      name: 'ads',
      mode: 'drop',
      patterns: ['限時優惠'],
    })
    const trained = await h.api.call('models.startTraining', {
      datasetId,
      kind: 'linear-svm',
      exclusionSetIds: [ads.id],
    })
    expect((await h.core.tasks.settled(trained.taskId)).status).toBe('SUCCESS')
    const version = await h.api.call('tasks.show', { id: trained.taskId })
    const filtered = (version.stats as { modelId: string }).modelId
    const { taskId } = await h.api.call('suggestions.compute', {
      datasetId,
      modelVersionId: filtered,
    })
    const task = await h.core.tasks.settled(taskId)
    expect(task.status).toBe('SUCCESS')
    const adDocs = await h.api.call('annotation.listDocuments', {
      datasetId,
      filter: { query: '限時優惠' },
      limit: 500,
    })
    expect(adDocs.total).toBe(12)
    expect((await h.api.call('tasks.show', { id: taskId })).stats).toMatchObject({
      documents: 120 - 12,
    })
    const source = (await h.api.call('suggestions.sources', { datasetId })).find(
      (s) => s.modelVersion === filtered,
    )
    expect(source?.documents).toBe(120 - 12)
    for (const doc of adDocs.items.slice(0, 3)) {
      const own = await h.api.call('suggestions.forDocument', {
        datasetId,
        documentId: doc.id,
        modelVersion: filtered,
      })
      expect(own.suggestions).toEqual([])
    }
    const disagrees = await h.api.call('suggestions.queue', {
      datasetId,
      queue: 'disagrees',
      modelVersion: filtered,
      limit: 500,
    })
    const adIds = new Set(adDocs.items.map((d) => d.id))
    expect(disagrees.items.filter((i) => adIds.has(i.documentId))).toEqual([])
  })
})
