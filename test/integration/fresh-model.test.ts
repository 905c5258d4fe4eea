import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestCore } from '../helpers/core-harness'
import { createBatchGate } from '../helpers/gate'
import { importCorpus } from '../helpers/modeling-data'

type Harness = Awaited<ReturnType<typeof startTestCore>>
const gate = createBatchGate()
let h: Harness
let datasetId: string

/** The suggestions task a retrain started once its training succeeded (the newest one). */
async function computeAfter(trainTaskId: string) {
  await h.core.tasks.settled(trainTaskId)
  // The retrain's own continuation runs on the same settlement; let it.
  await new Promise((resolve) => setImmediate(resolve))
  const [compute] = await h.api.call('tasks.list', { kind: 'suggestions.compute', limit: 1 })
  return h.core.tasks.settled(compute!.id)
}

beforeAll(async () => {
  h = await startTestCore({ seedDemo: false, testGates: { trainingSave: gate.hook } })
  datasetId = await importCorpus(h.api, h.core, 'corpus')
}, 60_000)

afterAll(() => h.close())

describe('keep the model fresh', () => {
  it('retrains in the background, records the learning-curve point and refreshes suggestions', async () => {
    const { taskId } = await h.api.call('suggestions.retrain', { datasetId })
    expect((await h.core.tasks.settled(taskId)).status).toBe('SUCCESS')
    expect((await computeAfter(taskId)).status).toBe('SUCCESS')
    const trained = (await h.api.call('tasks.show', { id: taskId })).stats as {
      modelId: string
      trainDocuments: number
    }
    const version = await h.api.call('models.get', { id: trained.modelId })
    expect(version.kind).toBe('linear-svm')
    const curve = await h.api.call('suggestions.learningCurve', { datasetId })
    expect(curve).toEqual([
      {
        modelVersion: trained.modelId,
        labels: trained.trainDocuments,
        macroF1: expect.any(Number),
        metric: 'cv',
        createdAt: version.createdAt,
      },
    ])
    // The train and dev splits and documents of no split: 80 % of 120.
    expect(trained.trainDocuments).toBe(96)
    expect(curve[0]!.macroF1).toBeGreaterThan(0.5)
    const sources = await h.api.call('suggestions.sources', { datasetId })
    expect(sources[0]).toMatchObject({ modelVersion: trained.modelId, documents: 120 })
  })

  it('answers annotation calls while a retrain is held, and the latest retrain wins', async () => {
    gate.close(0)
    const first = await h.api.call('suggestions.retrain', { datasetId })
    await gate.reached()
    // Held mid-run: labelling goes on.
    const page = await h.api.call('annotation.listDocuments', { datasetId, limit: 2 })
    const doc = page.items[0]!
    const labelled = await h.api.call('annotation.setLabels', {
      datasetId,
      documentId: doc.id,
      labelIds: doc.labelIds,
      sessionId: 'held',
    })
    expect(labelled.id).toBe(doc.id)
    const step = await h.api.call('annotation.step', {
      datasetId,
      fromDocumentId: doc.id,
      direction: 'next',
    })
    expect(step?.document.id).toBe(page.items[1]!.id)

    const second = await h.api.call('suggestions.retrain', { datasetId })
    expect((await h.core.tasks.settled(first.taskId)).status).toBe('ABORTED')
    gate.open()
    expect((await h.core.tasks.settled(second.taskId)).status).toBe('SUCCESS')
    expect((await computeAfter(second.taskId)).status).toBe('SUCCESS')
    const curve = await h.api.call('suggestions.learningCurve', { datasetId })
    expect(curve).toHaveLength(2)
    const secondModel = (await h.api.call('tasks.show', { id: second.taskId })).stats as {
      modelId: string
    }
    expect(curve[1]!.modelVersion).toBe(secondModel.modelId)
    // The older retrain's suggestions are dropped once the newer ones are in.
    await expect
      .poll(async () =>
        (await h.api.call('suggestions.sources', { datasetId })).map((s) => s.modelVersion),
      )
      .toEqual([secondModel.modelId])
  })

  it('reports a failed retrain as a failed task and keeps the curve and suggestions', async () => {
    const empty = await h.api.call('datasets.create', {
      name: 'empty',
      labels: [{ name: 'a' }, { name: 'b' }],
    })
    const before = await h.api.call('suggestions.learningCurve', { datasetId: empty.id })
    expect(before).toEqual([])
    // Nothing to learn from: the training task fails with what to do, as any training would.
    const { taskId } = await h.api.call('suggestions.retrain', { datasetId: empty.id })
    const failed = await h.core.tasks.settled(taskId)
    expect(failed.status).toBe('FAILURE')
    expect(failed.error?.message).toBeTruthy()
    expect(await h.api.call('suggestions.learningCurve', { datasetId: empty.id })).toEqual([])
    // Labelling the other dataset is untouched.
    expect(await h.api.call('suggestions.learningCurve', { datasetId })).toHaveLength(2)
  })

  it('refuses a dataset that does not exist', async () => {
    await expect(
      h.api.call('suggestions.retrain', { datasetId: 'f'.repeat(32) }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' })
    await expect(
      h.api.call('suggestions.learningCurve', { datasetId: 'f'.repeat(32) }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' })
    await expect(h.api.call('suggestions.retrain', { datasetId: 'not-hex' })).rejects.toMatchObject(
      { code: 'VALIDATION' },
    )
  })
})
