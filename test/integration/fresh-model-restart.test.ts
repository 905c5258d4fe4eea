import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createApiClient, type ApiClient } from '../../src-main/api/client'
import { FRESH_VERSIONS_KEPT } from '../../src-main/api/contract/suggestions'
import { createCore, type Core, type CoreConfig } from '../../src-main/core/create-core'
import { memoryTransport } from '../../src-main/core/memory-transport'
import { testCoreConfig } from '../helpers/core-harness'
import { createBatchGate } from '../helpers/gate'
import { importCorpus } from '../helpers/modeling-data'
import { makeTempDir } from '../helpers/temp-dir'

const closers: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close()
})

function tempDir(): string {
  const temp = makeTempDir()
  closers.push(temp.cleanup)
  return temp.dir
}

/** A real core on the SQLite file of `dir`; `close` may be called early (a restart). */
async function openCore(dir: string, extra: Partial<CoreConfig> = {}) {
  const core = await createCore(testCoreConfig(dir, { seedDemo: false, ...extra }))
  let open = true
  const close = async () => {
    if (open) await core.close()
    open = false
  }
  closers.push(close)
  return { core, api: createApiClient(memoryTransport(core)), close }
}

/** Changes the labels of `n` documents (each a journaled label change). */
async function relabel(api: ApiClient, datasetId: string, n: number, offset = 0) {
  const { labels } = await api.call('datasets.get', { id: datasetId })
  const page = await api.call('annotation.listDocuments', { datasetId, limit: n, offset })
  for (const doc of page.items) {
    const other = labels.find((l) => !doc.labelIds.includes(l.id))!
    await api.call('annotation.setLabels', {
      datasetId,
      documentId: doc.id,
      labelIds: [other.id],
      sessionId: 'restart',
    })
  }
}

const turn = () => new Promise((resolve) => setImmediate(resolve))

/** Waits for a retrain: its training task, then the suggestions it started, then its state. */
async function retrained(core: Core, api: ApiClient, datasetId: string, trainTaskId: string) {
  expect((await core.tasks.settled(trainTaskId)).status).toBe('SUCCESS')
  // The retrain's own continuation runs on the same settlement; let it start the suggestions.
  await turn()
  const [compute] = await api.call('tasks.list', { kind: 'suggestions.compute', limit: 1 })
  expect((await core.tasks.settled(compute!.id)).status).toBe('SUCCESS')
  await turn()
  expect((await api.call('suggestions.freshStatus', { datasetId })).retrainTaskId).toBeNull()
  const { modelId } = (await api.call('tasks.show', { id: trainTaskId })).stats as {
    modelId: string
  }
  return modelId
}

describe('keep the model fresh across a restart', () => {
  it('starts a retrain stopped by the restart again, and keeps keep-fresh and its count', async () => {
    const dir = tempDir()
    const gate = createBatchGate()
    const first = await openCore(dir, { testGates: { trainingSave: gate.hook } })
    const datasetId = await importCorpus(first.api, first.core, 'corpus')
    expect(await first.api.call('suggestions.setFresh', { datasetId, every: 5 })).toEqual({
      every: 5,
      labelsSinceRetrain: 0,
      retrainTaskId: null,
    })
    await relabel(first.api, datasetId, 2)
    gate.close(0)
    const held = await first.api.call('suggestions.retrain', { datasetId })
    await gate.reached()
    await relabel(first.api, datasetId, 3, 10)
    expect(await first.api.call('suggestions.freshStatus', { datasetId })).toEqual({
      every: 5,
      labelsSinceRetrain: 3,
      retrainTaskId: held.taskId,
    })
    await first.close()

    // The same SQLite file, a new core: the stopped retrain starts again by itself.
    const second = await openCore(dir)
    expect((await second.api.call('tasks.show', { id: held.taskId })).status).toBe('INTERRUPTED')
    const status = await second.api.call('suggestions.freshStatus', { datasetId })
    expect(status).toMatchObject({ every: 5, labelsSinceRetrain: 0 })
    expect(status.retrainTaskId).toMatch(/^[0-9a-f]{32}$/)
    expect(status.retrainTaskId).not.toBe(held.taskId)
    const modelId = await retrained(second.core, second.api, datasetId, status.retrainTaskId!)
    const curve = await second.api.call('suggestions.learningCurve', { datasetId })
    expect(curve.map((p) => p.modelVersion)).toEqual([modelId])
    const sources = await second.api.call('suggestions.sources', { datasetId })
    expect(sources[0]).toMatchObject({ modelVersion: modelId, documents: 120 })
  })

  it('retrains at start when the count was reached while no retrain ran; off stays off', async () => {
    const dir = tempDir()
    const first = await openCore(dir)
    const datasetId = await importCorpus(first.api, first.core, 'corpus')
    const quiet = await importCorpus(first.api, first.core, 'quiet')
    await first.api.call('suggestions.setFresh', { datasetId, every: 3 })
    await first.api.call('suggestions.setFresh', { datasetId: quiet, every: 3 })
    await first.api.call('suggestions.setFresh', { datasetId: quiet, every: null })
    // The app stopped before it asked for the retrain these changes called for.
    await relabel(first.api, datasetId, 3)
    await relabel(first.api, quiet, 3)
    await first.close()

    const second = await openCore(dir)
    const status = await second.api.call('suggestions.freshStatus', { datasetId })
    expect(status.retrainTaskId).toMatch(/^[0-9a-f]{32}$/)
    await retrained(second.core, second.api, datasetId, status.retrainTaskId!)
    expect(await second.api.call('suggestions.freshStatus', { datasetId: quiet })).toEqual({
      every: null,
      labelsSinceRetrain: 3,
      retrainTaskId: null,
    })
    expect(await second.api.call('suggestions.learningCurve', { datasetId: quiet })).toEqual([])
  })

  it('refuses a bad interval or dataset and stores nothing', async () => {
    const { core, api } = await openCore(tempDir())
    const datasetId = await importCorpus(api, core, 'corpus')
    await api.call('suggestions.setFresh', { datasetId, every: 4 })
    for (const every of [0, -1, 2.5]) {
      await expect(api.call('suggestions.setFresh', { datasetId, every })).rejects.toMatchObject({
        code: 'VALIDATION',
      })
    }
    await expect(
      api.call('suggestions.setFresh', { datasetId: 'f'.repeat(32), every: 5 }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' })
    await expect(
      api.call('suggestions.freshStatus', { datasetId: 'f'.repeat(32) }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' })
    expect(await api.call('suggestions.freshStatus', { datasetId })).toEqual({
      every: 4,
      labelsSinceRetrain: 0,
      retrainTaskId: null,
    })
  })
})

describe('pruning retrained versions', () => {
  it(`keeps the newest ${FRESH_VERSIONS_KEPT}, those a template uses and renamed ones; deletes the rest with their files`, async () => {
    const dir = tempDir()
    const { core, api } = await openCore(dir)
    const datasetId = await importCorpus(api, core, 'corpus')
    const versions: string[] = []
    for (let i = 0; i < 6; i++) {
      const { taskId } = await api.call('suggestions.retrain', { datasetId })
      versions.push(await retrained(core, api, datasetId, taskId))
      if (i === 0) {
        // In use by a predict template.
        await api.call('predict.saveTemplate', {
          name: 'weekly',
          params: {
            sources: [
              {
                kind: 'file',
                path: '/data/posts.csv',
                format: 'csv',
                columns: { id: 'id', content: 'text' },
              },
            ],
            models: [{ model: { kind: 'version', id: versions[0]! } }],
            sink: { kind: 'csv', path: '/data/out.csv' },
          },
        })
      }
      // The person named it: theirs to keep.
      if (i === 1) await api.call('models.rename', { id: versions[1]!, name: 'good one' })
    }
    const gone = versions.slice(2, 6 - FRESH_VERSIONS_KEPT)
    const kept = versions.filter((v) => !gone.includes(v))
    expect(gone).toHaveLength(1)
    for (const id of gone)
      await expect(api.call('models.get', { id })).rejects.toMatchObject({ code: 'NOT_FOUND' })
    for (const id of kept) expect((await api.call('models.get', { id })).id).toBe(id)
    expect(readdirSync(join(dir, 'models'))).toHaveLength(kept.length)
    // Only the newest model's suggestions remain; the curve keeps every retrain's point.
    const sources = await api.call('suggestions.sources', { datasetId })
    expect(sources.map((s) => s.modelVersion)).toEqual([versions[5]])
    const curve = await api.call('suggestions.learningCurve', { datasetId })
    expect(curve.map((p) => p.modelVersion)).toEqual(versions)
  })
})
