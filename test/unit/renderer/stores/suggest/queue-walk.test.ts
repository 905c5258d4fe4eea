import { describe, expect, it } from 'vitest'
import type { ApiClient } from '../../../../../src-renderer/src/api/client'
import { createSuggestStore } from '../../../../../src-renderer/src/stores/suggest/store'
import { QUEUE_PAGE } from '../../../../../src-renderer/src/stores/suggest/state'
import type { Reporter } from '../../../../../src-renderer/src/stores/types'

const DATASET = 'd'.repeat(32)
const VERSION = 'a'.repeat(32)

/** A queue of 60 documents in the order 1000, 999, …: pages and steps answered from it. */
function fakeApi() {
  const order = Array.from({ length: 60 }, (_, i) => 1000 - i)
  const offsets: number[] = []
  const handlers: Record<string, (p: Record<string, unknown>) => unknown> = {
    'suggestions.sources': () => [
      { modelVersion: VERSION, name: 'm', documents: 60, computedAt: 1 },
    ],
    'suggestions.learningCurve': () => [],
    'suggestions.forDocument': (p) => ({
      suggestions: [{ labelId: Number(p.documentId) % 7, score: 0.9 }],
      reason: null,
    }),
    'suggestions.freshStatus': () => ({ every: null, labelsSinceRetrain: 0, retrainTaskId: null }),
    'suggestions.queue': (p) => {
      const offset = Number(p.offset ?? 0)
      offsets.push(offset)
      const items = order
        .slice(offset, offset + Number(p.limit))
        .map((documentId) => ({ documentId, score: -0.1, reason: null }))
      return { items, total: order.length, offset }
    },
    'suggestions.queueStep': (p) => {
      const at = order.indexOf(Number(p.fromDocumentId))
      const to = at + (p.direction === 'next' ? 1 : -1)
      const documentId = order[to]
      return documentId === undefined ? null : { documentId, position: to, total: order.length }
    },
  }
  const api = {
    call: (method: string, params: Record<string, unknown>) => {
      const handler = handlers[method]
      if (!handler) return Promise.reject(new Error(`unexpected ${method}`))
      return Promise.resolve(handler(params))
    },
    on: () => () => undefined,
  } as unknown as ApiClient
  return { api, offsets }
}

const errors: unknown[] = []
const report: Reporter = { error: (e) => errors.push(e), info: () => undefined }

describe('walking a queue (suggest store)', () => {
  it('walks nothing in file order, and lists the page around a document past the head', async () => {
    const { api, offsets } = fakeApi()
    const store = createSuggestStore({ api, report })
    await store.getState().open(DATASET)
    expect(store.getState().walker()).toBeUndefined()
    await store.getState().setQueue('uncertain')
    expect(store.getState().queueItems).toHaveLength(QUEUE_PAGE)
    const walk = store.getState().walker()!
    expect(await walk(1000, 'next')).toBe(999)
    expect(await walk(1000, 'previous')).toBeNull()
    expect(store.getState().queueOffset).toBe(0)
    // Document 980 is 21st: the step goes past the listed head, so the list follows it.
    expect(await walk(981, 'next')).toBe(980)
    expect(store.getState().queuePosition).toBe(20)
    await expect.poll(() => store.getState().queueOffset).toBe(18)
    expect(store.getState().queueItems[0]?.documentId).toBe(982)
    expect(offsets.at(-1)).toBe(18)
    expect(errors).toEqual([])
  })

  it('shows the suggestions of a document opened while the sources were still loading', async () => {
    const { api } = fakeApi()
    const store = createSuggestStore({ api, report })
    // As the Annotate screen does: open the dataset, then show its document at once.
    const opening = store.getState().open(DATASET)
    await store.getState().show(1000)
    await opening
    expect(store.getState().source).toBe(VERSION)
    expect(store.getState().documentId).toBe(1000)
    expect(store.getState().suggestions).toEqual([{ labelId: 1000 % 7, score: 0.9 }])
    expect(errors).toEqual([])
  })
})
