import { describe, expect, it } from 'vitest'
import type { ApiClient } from '../../../../../src-renderer/src/api/client'
import { createAnnotateStore } from '../../../../../src-renderer/src/stores/annotate/store'
import type { Reporter } from '../../../../../src-renderer/src/stores/types'
import type { DatasetDetail, DocumentDetail, DocumentStep } from '../../../../../src-main/api/dto'

/** A tiny in-memory annotation API: documents 1..n, labels 1 and 2, a journal. */
function fakeApi(n: number, labelMode: 'single' | 'multi' = 'multi') {
  const labels = new Map<number, number[]>()
  const journal: { id: number; before: number[]; after: number[]; undone: boolean }[] = []
  const calls: string[] = []
  const doc = (id: number): DocumentDetail => ({
    id,
    datasetId: 'd'.repeat(32),
    text: `document ${id}`,
    author: null,
    title: null,
    sourceId: null,
    postTime: null,
    split: null,
    meta: null,
    contentHash: String(id),
    suggestions: [],
    labelIds: labels.get(id) ?? [],
    labeledAt: null,
  })
  const step = (id: number | undefined): DocumentStep | null =>
    id === undefined ? null : { document: doc(id), position: id - 1, total: n }
  const ids = () => Array.from({ length: n }, (_, i) => i + 1)
  const unlabeled = () => ids().filter((id) => (labels.get(id) ?? []).length === 0)
  const set = (id: number, next: number[]) => {
    for (const entry of journal) if (entry.undone) journal.splice(journal.indexOf(entry), 1)
    journal.push({ id, before: labels.get(id) ?? [], after: next, undone: false })
    labels.set(id, next)
    return doc(id)
  }
  const dataset: DatasetDetail = {
    id: 'd'.repeat(32),
    name: 'fake',
    description: '',
    labelMode,
    documentCount: n,
    labeledCount: 0,
    labels: [
      { id: 1, name: 'a', color: '#000000', shortcut: '1', count: 0 },
      { id: 2, name: 'b', color: '#ffffff', shortcut: '2', count: 0 },
    ],
    createdAt: 0,
    updatedAt: 0,
    split: null,
    splitCounts: { train: 0, dev: 0, test: 0, none: n },
  }

  const handlers: Record<string, (p: Record<string, unknown>) => unknown> = {
    'datasets.get': () => dataset,
    'annotation.countDocuments': () => ({
      all: n,
      labeled: n - unlabeled().length,
      unlabeled: unlabeled().length,
      byLabel: {},
      bySplit: { train: 0, dev: 0, test: 0, none: n },
    }),
    'annotation.stats': () => ({
      total: n,
      labeled: n - unlabeled().length,
      perLabel: {},
      sessionLabeled: 0,
      sessionRate: null,
    }),
    'annotation.listDocuments': (p) => ({
      items: ids()
        .slice(Number(p.offset), Number(p.offset) + Number(p.limit))
        .map((id) => ({ ...doc(id), preview: doc(id).text })),
      total: n,
      offset: p.offset,
      // While a search index is built after an import, the answer says how far it got.
      ...((p.filter as { query?: string }).query ? { indexing: 40 } : {}),
    }),
    'annotation.step': (p) => {
      const from = p.fromDocumentId as number | undefined
      const filter = p.filter as { status: string }
      const pool = filter.status === 'unlabeled' ? unlabeled() : ids()
      return step(
        p.direction === 'previous'
          ? pool.filter((id) => id < (from ?? Infinity)).at(-1)
          : pool.find((id) => id > (from ?? 0)),
      )
    },
    'annotation.nextUnlabeled': (p) => {
      const from = Number(p.fromDocumentId ?? 0)
      return step(unlabeled().find((id) => id > from) ?? unlabeled()[0])
    },
    'annotation.getDocument': (p) => doc(Number(p.documentId)),
    'annotation.toggleLabel': (p) => {
      const id = Number(p.documentId)
      const current = labels.get(id) ?? []
      const label = Number(p.labelId)
      return set(
        id,
        current.includes(label) ? current.filter((l) => l !== label) : [...current, label].sort(),
      )
    },
    'annotation.setLabels': (p) => set(Number(p.documentId), p.labelIds as number[]),
    'annotation.undo': () => {
      const entry = journal.filter((e) => !e.undone).at(-1)
      if (!entry) return null
      entry.undone = true
      labels.set(entry.id, entry.before)
      return { documentId: entry.id, labelIds: entry.before, undoable: 0, redoable: 1 }
    },
  }

  const api = {
    call: async (method: string, params: Record<string, unknown>) => {
      calls.push(method)
      // Answer out of order now and then, as a real transport may.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 3))
      const handler = handlers[method]
      if (!handler) throw new Error(`unexpected ${method}`)
      return handler(params)
    },
    on: () => () => undefined,
  } as unknown as ApiClient
  return { api, labels, calls }
}

const errors: unknown[] = []
const report: Reporter = { error: (e) => errors.push(e), info: () => undefined }

describe('annotate store', () => {
  it('keeps how far the search index is built, from the list answer', async () => {
    const { api } = fakeApi(20)
    const store = createAnnotateStore({ api, report })
    store.getState().startSession()
    await store.getState().open('d'.repeat(32))
    expect(store.getState().indexing).toBeNull()
    await store.getState().setFilter({ query: '珍奶' })
    expect(store.getState().indexing).toBe(40)
    await store.getState().setFilter({ query: '' })
    expect(store.getState().indexing).toBeNull()
  })

  it('opens a dataset on its first unlabeled document and loads the first page', async () => {
    const { api } = fakeApi(250)
    const store = createAnnotateStore({ api, report })
    store.getState().startSession()
    await store.getState().open('d'.repeat(32))
    expect(store.getState().current?.id).toBe(1)
    expect(store.getState().total).toBe(250)
    expect(store.getState().pages[0]).toHaveLength(100)
    expect(store.getState().position).toBe(0)
    expect(errors).toEqual([])
  })

  it('applies fast key presses in order: label, confirm, label, confirm…', async () => {
    const { api, labels } = fakeApi(20)
    const store = createAnnotateStore({ api, report })
    await store.getState().open('d'.repeat(32))
    const s = store.getState()
    // Not awaited one by one: the way keydown handlers fire them.
    const pending = [
      s.pressLabel(1),
      s.nextUnlabeled(),
      s.pressLabel(2),
      s.pressLabel(1),
      s.nextUnlabeled(),
      s.pressLabel(2),
      s.nextUnlabeled(),
    ]
    await Promise.all(pending)
    expect(Object.fromEntries(labels)).toEqual({ 1: [1], 2: [1, 2], 3: [2] })
    expect(store.getState().current?.id).toBe(4)
    expect(store.getState().undoable).toBe(4)
  })

  it('walks a queue with ←/→ when one is given, in its order, and says where it ends', async () => {
    const { api, labels } = fakeApi(6)
    const store = createAnnotateStore({ api, report })
    await store.getState().open('d'.repeat(32))
    const order = [5, 2, 6]
    const walk = (from: number, direction: 'next' | 'previous') => {
      const at = order.indexOf(from)
      const to = at < 0 ? (direction === 'next' ? 0 : -1) : at + (direction === 'next' ? 1 : -1)
      return Promise.resolve(order[to] ?? null)
    }
    const s = store.getState()
    // A label then two moves, fired together: applied in order, the label on document 1.
    await Promise.all([s.pressLabel(1), s.move('next', walk), s.move('next', walk)])
    expect(labels.get(1)).toEqual([1])
    expect(store.getState().current?.id).toBe(2)
    await s.move('next', walk)
    await s.move('next', walk)
    expect(store.getState().current?.id).toBe(6)
    expect(store.getState().notice).toBe('This is the last document of the queue.')
    await s.move('previous', walk)
    expect(store.getState().current?.id).toBe(2)
    // Without a queue, ←/→ follow the list again.
    await s.move('next')
    expect(store.getState().current?.id).toBe(3)
  })

  it('labels and advances with one key in single-label mode', async () => {
    const { api, labels } = fakeApi(5, 'single')
    const store = createAnnotateStore({ api, report })
    await store.getState().open('d'.repeat(32))
    await store.getState().pressLabel(2)
    await store.getState().pressLabel(1)
    expect(Object.fromEntries(labels)).toEqual({ 1: [2], 2: [1] })
    expect(store.getState().current?.id).toBe(3)
  })

  it('undo jumps back to the changed document and shows its old labels', async () => {
    const { api, labels } = fakeApi(5)
    const store = createAnnotateStore({ api, report })
    await store.getState().open('d'.repeat(32))
    await store.getState().pressLabel(1)
    await store.getState().nextUnlabeled()
    expect(store.getState().current?.id).toBe(2)
    await store.getState().undo()
    expect(store.getState().current?.id).toBe(1)
    expect(store.getState().current?.labelIds).toEqual([])
    expect(labels.get(1)).toEqual([])
    expect(store.getState().pages[0]?.[0]?.labelIds).toEqual([])
  })

  it('moves with the prefetched neighbour and says so at the ends', async () => {
    const { api } = fakeApi(3)
    const store = createAnnotateStore({ api, report })
    await store.getState().open('d'.repeat(32))
    await store.getState().move('previous')
    expect(store.getState().notice).toBe('This is the first document.')
    await store.getState().move('next')
    await store.getState().move('next')
    expect(store.getState().current?.id).toBe(3)
    expect(store.getState().position).toBe(2)
    await store.getState().move('next')
    expect(store.getState().notice).toBe('This is the last document.')
  })

  it('a filter change reloads the list and shows its first document', async () => {
    const { api } = fakeApi(10)
    const store = createAnnotateStore({ api, report })
    await store.getState().open('d'.repeat(32))
    await store.getState().pressLabel(1)
    await store.getState().setFilter({ status: 'unlabeled' })
    expect(store.getState().current?.id).toBe(2)
    expect(store.getState().filter.status).toBe('unlabeled')
    expect(errors).toEqual([])
  })
})

describe('annotate store keeps the place', () => {
  it('knows "N of M" for a document reached beyond the loaded part of the list', async () => {
    const { api } = fakeApi(300)
    const store = createAnnotateStore({ api, report })
    store.getState().startSession()
    await store.getState().open('d'.repeat(32))
    await store.getState().goTo(250)
    expect(store.getState().current?.id).toBe(250)
    expect(store.getState().position).toBe(249)
    expect(store.getState().total).toBe(300)
  })
})
