import { describe, expect, it } from 'vitest'
import type { ApiClient } from '../../../../../src-renderer/src/api/client'
import { createSuggestStore } from '../../../../../src-renderer/src/stores/suggest/store'
import type { Reporter } from '../../../../../src-renderer/src/stores/types'
import type { TaskSummary } from '../../../../../src-main/api/dto'

const DATASET = 'd'.repeat(32)

/** The suggestion calls the store makes, answered from a script. */
function fakeApi() {
  const calls: string[] = []
  let sources = [{ modelVersion: 'a'.repeat(32), name: 'old', documents: 3, computedAt: 1 }]
  let retrains = 0
  const status: { every: number | null; labelsSinceRetrain: number; retrainTaskId: string | null } =
    { every: null, labelsSinceRetrain: 0, retrainTaskId: null }
  const saved: unknown[] = []
  const handlers: Record<string, () => unknown> = {
    'suggestions.sources': () => sources,
    'suggestions.queue': () => ({ items: [], total: 0, offset: 0 }),
    'suggestions.learningCurve': () => [],
    'suggestions.forDocument': () => ({ modelVersion: '', suggestions: [], reason: null }),
    'suggestions.retrain': () => ({ taskId: `${++retrains}`.padStart(32, '0') }),
    'suggestions.freshStatus': () => status,
    'suggestions.setFresh': () => status,
  }
  const api = {
    call: (method: string, params: unknown) => {
      calls.push(method)
      if (method === 'suggestions.setFresh') saved.push(params)
      const handler = handlers[method]
      if (!handler) return Promise.reject(new Error(`unexpected ${method}`))
      return Promise.resolve(handler())
    },
    on: () => () => undefined,
  } as unknown as ApiClient
  const addSource = (modelVersion: string, computedAt: number) => {
    sources = [{ modelVersion, name: 'fresh', documents: 3, computedAt }, ...sources]
  }
  return { api, calls, addSource, status, saved, retrains: () => retrains }
}

const task = (id: string, kind: string, status: TaskSummary['status']): TaskSummary => ({
  id,
  kind,
  title: kind,
  status,
  progress: null,
  error: status === 'FAILURE' ? { code: 'VALIDATION', message: 'Too few labels.' } : null,
  createdAt: 0,
  startedAt: 0,
  finishedAt: 0,
  peakRssBytes: null,
  resumable: false,
})

describe('keep the model fresh (suggest store)', () => {
  it('retrains after every N label changes only while it is on', async () => {
    const { api, retrains } = fakeApi()
    const errors: unknown[] = []
    const report: Reporter = { error: (e) => errors.push(e), info: () => undefined }
    const store = createSuggestStore({ api, report })
    await store.getState().open(DATASET)
    for (let i = 0; i < 5; i++) store.getState().noteEdit()
    expect(retrains()).toBe(0)
    store.getState().setFresh({ on: true, every: 3 })
    store.getState().noteEdit()
    store.getState().noteEdit()
    expect(store.getState().sinceRetrain).toBe(2)
    store.getState().noteEdit()
    await Promise.resolve()
    expect(retrains()).toBe(1)
    expect(store.getState().sinceRetrain).toBe(0)
    for (let i = 0; i < 3; i++) store.getState().noteEdit()
    await Promise.resolve()
    expect(retrains()).toBe(2)
    expect(errors).toEqual([])
  })

  it('reports a failed retrain without stopping, and takes newer suggestions when fresh', async () => {
    const { api, calls, addSource } = fakeApi()
    const errors: unknown[] = []
    const report: Reporter = { error: (e) => errors.push(e), info: () => undefined }
    const store = createSuggestStore({ api, report })
    await store.getState().open(DATASET)
    store.getState().setFresh({ on: true, every: 1 })
    await store.getState().retrain()
    const id = store.getState().retrainTaskId!
    store.getState().applyTaskUpdate(task(id, 'models.train', 'FAILURE'))
    expect(errors).toEqual([{ code: 'VALIDATION', message: 'Too few labels.' }])
    expect(store.getState().retrainTaskId).toBeNull()

    // A retrain's computation finished: its (newest) suggestions are chosen.
    addSource('b'.repeat(32), 2)
    store.getState().applyTaskUpdate(task('c'.repeat(32), 'suggestions.compute', 'SUCCESS'))
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(store.getState().source).toBe('b'.repeat(32))
    // Off: another computation leaves the chosen source alone.
    store.getState().setFresh({ on: false })
    await store.getState().chooseSource('a'.repeat(32))
    const before = calls.length
    store.getState().applyTaskUpdate(task('e'.repeat(32), 'suggestions.compute', 'SUCCESS'))
    expect(calls.length).toBe(before)
  })

  it('takes keep-fresh, the count so far and a pending retrain from the workspace, and saves changes', async () => {
    const { api, status, saved, retrains } = fakeApi()
    const report: Reporter = { error: (e) => expect.fail(String(e)), info: () => undefined }
    Object.assign(status, { every: 4, labelsSinceRetrain: 3, retrainTaskId: '9'.repeat(32) })
    const store = createSuggestStore({ api, report })
    await store.getState().open(DATASET)
    expect(store.getState()).toMatchObject({
      fresh: true,
      freshEvery: 4,
      sinceRetrain: 3,
      retrainTaskId: '9'.repeat(32),
    })
    // The fourth label change since the last retrain (3 of them before the restart) retrains.
    store.getState().noteEdit()
    await Promise.resolve()
    expect(retrains()).toBe(1)
    store.getState().setFresh({ every: 7 })
    store.getState().setFresh({ on: false })
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(saved).toEqual([
      { datasetId: DATASET, every: 7 },
      { datasetId: DATASET, every: null },
    ])
  })
})
