import type { DocumentDetail, DocumentStep } from '@api/models'
import type { GetState, SetState, SliceDeps } from '../types'
import { indexOfDocument, toDocumentFilter } from './selectors'
import {
  getInitialAnnotateState,
  getInitialFilter,
  PAGE_SIZE,
  type AnnotateFilter,
  type AnnotateState,
} from './state'

export interface AnnotateActions {
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
  /** ←/→: the previous or next document of the list. */
  move(direction: 'next' | 'previous'): Promise<void>
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

/** Counts and stats are refreshed this long after the last label change of a burst. */
export const NUMBERS_DEBOUNCE_MS = 150

export const newSessionId = (): string =>
  typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `s-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`

type Prefetch = Promise<DocumentStep | null>

export function createAnnotateActions(
  set: SetState<AnnotateState & AnnotateActions>,
  get: GetState<AnnotateState & AnnotateActions>,
  { api, report }: SliceDeps,
): AnnotateActions {
  // Key presses are applied strictly in order (label, then move), however fast they come.
  let queue: Promise<void> = Promise.resolve()
  const enqueue = (run: () => Promise<void>): Promise<void> => {
    const next = queue.then(async () => {
      set({ working: true })
      try {
        await run()
      } catch (error) {
        report.error(error)
      } finally {
        set({ working: false })
      }
    })
    queue = next
    return next
  }

  // The neighbours of the current document, fetched as soon as it is shown.
  const prefetched = new Map<string, Prefetch>()
  const inflightPages = new Set<string>()
  let numbersTimer: ReturnType<typeof setTimeout> | null = null
  let changedTimer: ReturnType<typeof setTimeout> | null = null
  let numbersSeq = 0

  const apiFilter = () => toDocumentFilter(get().filter)
  const keyOf = (kind: 'next' | 'previous' | 'unlabeled', fromId: number) =>
    `${get().datasetId}|${get().listVersion}|${kind}|${fromId}`

  const fetchNeighbor = (kind: 'next' | 'previous' | 'unlabeled', fromId: number): Prefetch => {
    const datasetId = get().datasetId
    if (!datasetId) return Promise.resolve(null)
    return kind === 'unlabeled'
      ? api.call('annotation.nextUnlabeled', { datasetId, fromDocumentId: fromId })
      : api.call('annotation.step', {
          datasetId,
          fromDocumentId: fromId,
          direction: kind,
          filter: apiFilter(),
        })
  }

  const prefetch = (fromId: number) => {
    prefetched.clear()
    for (const kind of ['next', 'unlabeled', 'previous'] as const) {
      const promise = fetchNeighbor(kind, fromId)
      // A failed prefetch is simply fetched again when the user moves.
      promise.catch(() => prefetched.delete(keyOf(kind, fromId)))
      prefetched.set(keyOf(kind, fromId), promise)
    }
  }

  const neighbor = async (kind: 'next' | 'previous' | 'unlabeled', fromId: number) => {
    const ready = prefetched.get(keyOf(kind, fromId))
    if (ready) {
      const step = await ready.catch(() => undefined)
      if (step !== undefined) return step
    }
    return fetchNeighbor(kind, fromId)
  }

  /** Shows a document; resolves once its place in the list is known (see locate). */
  const show = async (document: DocumentDetail, position: number | null) => {
    const known = indexOfDocument(get().pages, document.id) ?? position
    set({ current: document, position: known, notice: null })
    prefetch(document.id)
    if (known === null) await locate(document.id)
  }

  /**
   * A document reached outside the loaded part of the list (next unlabeled, a link): its place in
   * the filtered list is the one after its predecessor, so the header shows "N of M" and the list
   * scrolls to it. A document outside the filter has no place.
   */
  const locate = async (documentId: number) => {
    const datasetId = get().datasetId
    if (!datasetId) return
    const filter = apiFilter()
    const base = { datasetId, filter }
    try {
      const before = await api.call('annotation.step', {
        ...base,
        fromDocumentId: documentId,
        direction: 'previous',
      })
      const at = await api.call('annotation.step', {
        ...base,
        direction: 'next',
        ...(before ? { fromDocumentId: before.document.id } : {}),
      })
      const { current, position } = get()
      if (at?.document.id === documentId && current?.id === documentId && position === null) {
        set({ position: at.position, total: at.total })
      }
    } catch {
      // Without a position the header leaves out "N of M"; nothing else depends on it.
    }
  }

  /** Keeps a listed row's labels in step with a change made here. */
  const patchRow = (documentId: number, labelIds: number[]) => {
    const { pages } = get()
    for (const [key, rows] of Object.entries(pages)) {
      const at = rows.findIndex((r) => r.id === documentId)
      const row = rows[at]
      if (!row) continue
      const copy = rows.slice()
      copy[at] = { ...row, labelIds }
      set({ pages: { ...pages, [key]: copy } })
      return
    }
  }

  const loadNumbers = async () => {
    const { datasetId, sessionId, filter } = get()
    if (!datasetId) return
    const seq = ++numbersSeq
    const query = filter.query.trim()
    try {
      const [counts, stats] = await Promise.all([
        api.call('annotation.countDocuments', { datasetId, ...(query ? { query } : {}) }),
        api.call('annotation.stats', { datasetId, sessionId }),
      ])
      if (seq === numbersSeq && get().datasetId === datasetId) set({ counts, stats })
    } catch (error) {
      report.error(error)
    }
  }

  const refreshNumbersSoon = () => {
    if (numbersTimer) clearTimeout(numbersTimer)
    numbersTimer = setTimeout(() => {
      numbersTimer = null
      void loadNumbers()
    }, NUMBERS_DEBOUNCE_MS)
  }

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
    patchRow(document.id, document.labelIds)
    if (before.join(',') !== document.labelIds.join(',')) {
      set({ undoable: get().undoable + 1, redoable: 0 })
    }
    refreshNumbersSoon()
  }

  /** Shows the first document of the list (used when the dataset opens or the filter changes). */
  const showFirst = async (preferUnlabeled: boolean) => {
    const datasetId = get().datasetId
    if (!datasetId) return
    const version = get().listVersion
    const first =
      (preferUnlabeled
        ? await api.call('annotation.step', {
            datasetId,
            direction: 'next',
            filter: { ...apiFilter(), status: 'unlabeled' },
          })
        : null) ??
      (await api.call('annotation.step', { datasetId, direction: 'next', filter: apiFilter() }))
    if (get().datasetId !== datasetId || get().listVersion !== version) return
    if (first) await show(first.document, preferUnlabeled ? null : first.position)
    else set({ current: null, position: null, notice: 'No document matches this filter.' })
  }

  const showDocument = async (documentId: number) => {
    const datasetId = get().datasetId
    if (!datasetId) return
    await show(await api.call('annotation.getDocument', { datasetId, documentId }), null)
  }

  const advanceUnlabeled = async () => {
    const current = get().current
    if (!current) return showFirst(true)
    let step = await neighbor('unlabeled', current.id)
    // The prefetch ran before this document was labeled: it may have wrapped back to it.
    if (step && (step.document.id === current.id || step.document.labelIds.length > 0)) {
      step = await fetchNeighbor('unlabeled', current.id)
    }
    if (step && step.document.id !== current.id) await show(step.document, null)
    else set({ notice: 'Every document is labeled.' })
  }

  const replay = async (direction: 'undo' | 'redo') => {
    const { datasetId, sessionId } = get()
    if (!datasetId) return
    const step = await api.call(direction === 'undo' ? 'annotation.undo' : 'annotation.redo', {
      datasetId,
      sessionId,
    })
    if (!step) {
      set({ notice: direction === 'undo' ? 'Nothing to undo.' : 'Nothing to redo.' })
      return
    }
    prefetched.clear()
    set({ undoable: step.undoable, redoable: step.redoable })
    patchRow(step.documentId, step.labelIds)
    const current = get().current
    if (current?.id === step.documentId) {
      await show({ ...current, labelIds: step.labelIds }, get().position)
    } else {
      await show(
        await api.call('annotation.getDocument', { datasetId, documentId: step.documentId }),
        null,
      )
    }
    set({
      notice: `${direction === 'undo' ? 'Undid' : 'Redid'} the change to document ${step.documentId}.`,
    })
    refreshNumbersSoon()
  }

  return {
    startSession() {
      prefetched.clear()
      set({ sessionId: newSessionId(), undoable: 0, redoable: 0, stats: null })
    },

    async open(datasetId, documentId) {
      prefetched.clear()
      inflightPages.clear()
      set({
        ...getInitialAnnotateState(get().sessionId),
        requested: get().requested,
        datasetId,
        filter: getInitialFilter(),
        listVersion: get().listVersion + 1,
      })
      if (!datasetId) return
      await Promise.all([
        loadDataset(),
        loadNumbers(),
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
      prefetched.clear()
      set({ filter, listVersion: get().listVersion + 1, pages: {}, total: null, position: null })
      if (filter.query !== before.query) void loadNumbers()
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

    move(direction) {
      return enqueue(async () => {
        const current = get().current
        if (!current) return showFirst(false)
        const version = get().listVersion
        const step = await neighbor(direction, current.id)
        if (get().listVersion !== version) return
        if (step) await show(step.document, step.position)
        else
          set({
            notice:
              direction === 'next' ? 'This is the last document.' : 'This is the first document.',
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
        refreshNumbersSoon()
      }, 300)
    },
  }
}
