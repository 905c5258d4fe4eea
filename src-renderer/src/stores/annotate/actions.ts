import type { DocumentDetail } from '@api/dto'
import type { GetState, SetState, SliceDeps } from '../types'
import { indexOfDocument, toDocumentFilter } from './selectors'
import {
  getInitialAnnotateState,
  getInitialFilter,
  newSessionId,
  PAGE_SIZE,
  type AnnotateFilter,
  type AnnotateState,
} from './state'
import { toApiError } from '../../api/client'
import { inOrder } from '../../lib/requests'
import { createBulk, type BulkActions, type BulkOutcome } from './bulk'
import { createHistory } from './history'
import { createNavigation } from './navigation'
import { createNumbers } from './numbers'

/** The neighbour of a document in a queue's order; null past either end. */
export type QueueWalk = (fromId: number, direction: 'next' | 'previous') => Promise<number | null>

export interface AnnotateActions extends BulkActions {
  /** A new visit of the screen: a fresh session for undo/redo and the pace. */
  startSession(): void
  /** Opens a dataset at its first unlabeled document, or at `documentId` when given. */
  open(datasetId: string | null, documentId?: number): Promise<void>
  /** Asks the Annotate screen to open this document when it mounts (see takeRequest). */
  requestOpen(datasetId: string, documentId: number): void
  /** The pending request, cleared. */
  takeRequest(): AnnotateState['requested']
  setFilter(patch: Partial<AnnotateFilter>): Promise<void>
  /** Fetches one page of the list unless it is loaded or on its way. */
  loadPage(index: number): Promise<void>
  goTo(documentId: number): Promise<void>
  /**
   * ←/→: the previous or next document of the list, or of a queue when `along` is given (it
   * answers the neighbour's id in the queue's order, null at its end).
   */
  move(direction: 'next' | 'previous', along?: QueueWalk): Promise<void>
  /** Enter: the next unlabeled document after this one (wrapping to the start). */
  nextUnlabeled(): Promise<void>
  /** A label key: toggles it; in single-label mode sets it and moves to the next unlabeled. */
  pressLabel(labelId: number): Promise<void>
  /**
   * Space: the suggestion of `modelVersion` becomes the gold labels (journaled, undoable), then
   * the document `next` opens (a queue's next), or the next unlabeled one when next is null.
   */
  acceptSuggestion(modelVersion: string, next: () => Promise<number | null>): Promise<void>
  undo(): Promise<void>
  redo(): Promise<void>
  /** A `dataset.changed` push (another window, an import, a label edit): refresh soon. */
  applyChanged(datasetId: string): void
}

export function createAnnotateActions(
  set: SetState<AnnotateState & AnnotateActions>,
  get: GetState<AnnotateState & AnnotateActions>,
  { api, report }: SliceDeps,
): AnnotateActions {
  // Key presses are applied strictly in order (label, then move), however fast they come.
  const enqueue = inOrder((working) => set({ working }), report)

  const inflightPages = new Set<string>()
  let changedTimer: ReturnType<typeof setTimeout> | null = null

  const apiFilter = () => toDocumentFilter(get().filter)
  const nav = createNavigation(api, get, set, apiFilter)
  const { neighbors, showFirst, showDocument, advanceUnlabeled } = nav
  const numbers = createNumbers(api, get, set, report)

  /** After a bulk action or its undo: the list again (new version), counts, dataset, document. */
  const refresh = async () => {
    const { datasetId, current } = get()
    if (!datasetId) return
    neighbors.clear()
    set({ listVersion: get().listVersion + 1, pages: {}, total: null, position: null })
    // Awaited together: when the action's promise settles, everything on screen is current.
    await Promise.all([numbers.load(), loadDataset(), get().loadPage(0)])
    if (current) await showDocument(current.id)
  }
  const replay = createHistory(api, get, set, nav, () => numbers.soon(), refresh)
  const bulk = createBulk({ api, get, set, nav, apiFilter, refresh })

  const loadDataset = async () => {
    const id = get().datasetId
    if (!id) return
    try {
      const dataset = await api.call('datasets.get', { id })
      if (get().datasetId === id) set({ dataset })
    } catch (error) {
      report.error(error)
    }
  }

  const labelChanged = (document: DocumentDetail, before: number[]) => {
    if (get().current?.id === document.id) set({ current: document })
    nav.patchRow(document.id, document.labelIds)
    if (before.join(',') !== document.labelIds.join(',')) {
      set({ undoable: get().undoable + 1, redoable: 0, edits: get().edits + 1 })
    }
    numbers.soon()
  }

  return {
    ...bulk,

    async bulkLabel(request) {
      // In line with key presses; the caller gets the outcome or the error (CONFLICT) itself.
      const settled: { outcome?: BulkOutcome; error?: unknown } = {}
      await enqueue(async () => {
        try {
          settled.outcome = await bulk.bulkLabel(request)
        } catch (error) {
          settled.error = error
        }
      })
      if (!settled.outcome) throw toApiError(settled.error)
      return settled.outcome
    },

    startSession() {
      neighbors.clear()
      set({ sessionId: newSessionId(), undoable: 0, redoable: 0, stats: null })
    },

    async open(datasetId, documentId) {
      neighbors.clear()
      inflightPages.clear()
      set({
        ...getInitialAnnotateState(get().sessionId),
        requested: get().requested,
        edits: get().edits,
        datasetId,
        filter: getInitialFilter(),
        listVersion: get().listVersion + 1,
      })
      if (!datasetId) return
      await Promise.all([
        loadDataset(),
        numbers.load(),
        get().loadPage(0),
        enqueue(() => (documentId === undefined ? showFirst(true) : showDocument(documentId))),
      ])
    },

    requestOpen(datasetId, documentId) {
      set({ requested: { datasetId, documentId } })
    },

    takeRequest() {
      const { requested } = get()
      if (requested) set({ requested: null })
      return requested
    },

    async setFilter(patch) {
      const before = get().filter
      const filter = { ...before, ...patch }
      neighbors.clear()
      set({ filter, listVersion: get().listVersion + 1, pages: {}, total: null, position: null })
      if (filter.query !== before.query) void numbers.load()
      await Promise.all([get().loadPage(0), enqueue(() => showFirst(false))])
    },

    async loadPage(index) {
      const { datasetId, listVersion } = get()
      const key = `${listVersion}:${index}`
      if (!datasetId || get().pages[index] || inflightPages.has(key)) return
      inflightPages.add(key)
      try {
        const page = await api.call('annotation.listDocuments', {
          datasetId,
          filter: apiFilter(),
          offset: index * PAGE_SIZE,
          limit: PAGE_SIZE,
        })
        if (get().datasetId !== datasetId || get().listVersion !== listVersion) return
        const pages = { ...get().pages, [index]: page.items }
        const current = get().current
        const position =
          get().position ?? (current ? indexOfDocument({ [index]: page.items }, current.id) : null)
        set({ pages, total: page.total, position, indexing: page.indexing ?? null })
      } catch (error) {
        report.error(error)
      } finally {
        inflightPages.delete(key)
      }
    },

    goTo(documentId) {
      return enqueue(() => showDocument(documentId))
    },

    move(direction, along) {
      return enqueue(async () => {
        const current = get().current
        if (!along || !current) return nav.moveInList(direction)
        const nextId = await along(current.id, direction)
        if (nextId !== null) await showDocument(nextId)
        else
          set({
            notice:
              direction === 'next'
                ? 'This is the last document of the queue.'
                : 'This is the first document of the queue.',
          })
      })
    },

    nextUnlabeled() {
      return enqueue(advanceUnlabeled)
    },

    pressLabel(labelId) {
      return enqueue(async () => {
        const { datasetId, sessionId, current, dataset } = get()
        if (!datasetId || !current) return
        const single = dataset?.labelMode === 'single'
        const document = single
          ? await api.call('annotation.setLabels', {
              datasetId,
              documentId: current.id,
              labelIds: [labelId],
              sessionId,
            })
          : await api.call('annotation.toggleLabel', {
              datasetId,
              documentId: current.id,
              labelId,
              sessionId,
            })
        labelChanged(document, current.labelIds)
        // Single-label mode: one key press labels and advances.
        if (single) await advanceUnlabeled()
      })
    },

    acceptSuggestion(modelVersion, next) {
      return enqueue(async () => {
        const { datasetId, sessionId, current } = get()
        if (!datasetId || !current) return
        const document = await api.call('suggestions.accept', {
          datasetId,
          documentId: current.id,
          modelVersion,
          sessionId,
        })
        labelChanged(document, current.labelIds)
        const nextId = await next()
        if (nextId === null) await advanceUnlabeled()
        else await showDocument(nextId)
      })
    },

    undo: () => enqueue(() => replay('undo')),
    redo: () => enqueue(() => replay('redo')),

    applyChanged(datasetId) {
      if (get().datasetId !== datasetId) return
      if (changedTimer) clearTimeout(changedTimer)
      changedTimer = setTimeout(() => {
        changedTimer = null
        void loadDataset()
        numbers.soon()
      }, 300)
    },
  }
}
