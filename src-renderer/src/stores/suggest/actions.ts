import type { QueueName, TaskStatus, TaskSummary } from '@api/dto'
import type { QueueWalk } from '../annotate/actions'
import type { GetState, SetState, SliceDeps } from '../types'
import { TASK_KINDS } from '@api/contract/tasks'
import { createFresh } from './fresh'
import { getInitialSuggestState, QUEUE_PAGE, type SuggestState } from './state'

export interface SuggestActions {
  /** Opens a dataset: its sources (the newest model's chosen) and the queue. */
  open(datasetId: string | null): Promise<void>
  chooseSource(source: string | null): Promise<void>
  setQueue(queue: QueueName): Promise<void>
  /** Starts suggestions.compute with the latest model trained on the dataset. */
  compute(): Promise<void>
  /** Loads the suggestions of the document Annotate shows. */
  show(documentId: number | null): Promise<void>
  refreshQueue(): Promise<void>
  /**
   * Where Space goes after accepting: the next document of the queue, or null for file order (and
   * past the queue's end).
   */
  nextInQueue(currentId: number): Promise<number | null>
  /**
   * How ←/→ walk the chosen queue (for annotate's move), or undefined in file order, where they
   * follow the list. A queue that needs a model and has none walks nothing.
   */
  walker(): QueueWalk | undefined
  /**
   * Turns "keep the model fresh" on or off, or changes how many label changes it waits for; the
   * workspace remembers it per dataset.
   */
  setFresh(patch: { on?: boolean; every?: number }): void
  /** Retrains the dataset's model in the background (keep the model fresh). */
  retrain(): Promise<void>
  /** One label change in Annotate: with keep-fresh on, every `freshEvery`th one retrains. */
  noteEdit(): void
  /**
   * A pushed task.updated: reload when this panel's computation finished, follow the retrain,
   * and with "keep the model fresh" on take any newer suggestions of the dataset.
   */
  applyTaskUpdate(task: TaskSummary): void
}

const FINISHED: ReadonlySet<TaskStatus> = new Set<TaskStatus>([
  'SUCCESS',
  'FAILURE',
  'ABORTED',
  'INTERRUPTED',
])

export function createSuggestActions(
  set: SetState<SuggestState & SuggestActions>,
  get: GetState<SuggestState & SuggestActions>,
  { api, report }: SliceDeps,
): SuggestActions {
  const guarded = async (run: () => Promise<void>) => {
    try {
      await run()
    } catch (error) {
      report.error(error)
    }
  }

  /**
   * The part of the queue the panel lists: its head, or the page around the document ←/→ last
   * reached when that lies further down.
   */
  const loadQueue = async () => {
    const { datasetId, queue, source, queuePosition } = get()
    if (!datasetId) return
    const modelVersion = source && source !== 'imported' ? source : undefined
    if (queue !== 'file' && queue !== 'random' && !modelVersion) {
      set({ queueItems: [], queueTotal: null, queueOffset: 0 })
      return
    }
    const offset = queuePosition !== null && queuePosition >= QUEUE_PAGE ? queuePosition - 2 : 0
    const page = await api.call('suggestions.queue', {
      datasetId,
      queue,
      ...(modelVersion ? { modelVersion } : {}),
      offset,
      limit: QUEUE_PAGE,
    })
    if (get().datasetId === datasetId && get().queue === queue)
      set({ queueItems: page.items, queueTotal: page.total, queueOffset: offset })
  }

  /** The dataset's sources; the chosen one stays unless `newest` (fresh suggestions) is asked. */
  const loadSources = async (datasetId: string, newest = false) => {
    const sources = await api.call('suggestions.sources', { datasetId })
    if (get().datasetId !== datasetId) return
    const keep = !newest && sources.some((s) => s.modelVersion === get().source)
    set({ sources, source: keep ? get().source : (sources[0]?.modelVersion ?? null) })
  }

  const fresh = createFresh(api, get, set, report)

  const reload = (datasetId: string, newest: boolean) =>
    guarded(async () => {
      await loadSources(datasetId, newest)
      await Promise.all([get().show(get().documentId), loadQueue()])
    })

  return {
    open: (datasetId) =>
      guarded(async () => {
        const { queue, freshEvery } = get()
        set({ ...getInitialSuggestState(), datasetId, queue, freshEvery })
        if (!datasetId) return
        await loadSources(datasetId)
        // The document shown meanwhile was asked for before there was a source: ask again.
        const shown = get().show(get().documentId)
        await Promise.all([shown, loadQueue(), fresh.loadCurve(), fresh.loadStatus()])
      }),

    chooseSource: (source) =>
      guarded(async () => {
        set({ source })
        const documentId = get().documentId
        await Promise.all([get().show(documentId), loadQueue()])
      }),

    setQueue: (queue) =>
      guarded(async () => {
        set({ queue, queueItems: [], queueTotal: null, queuePosition: null, queueOffset: 0 })
        await loadQueue()
      }),

    compute: () =>
      guarded(async () => {
        const datasetId = get().datasetId
        if (!datasetId) return
        const started = await api.call('suggestions.compute', { datasetId })
        set({ computeTaskId: started.taskId, source: started.modelVersionId })
      }),

    show: (documentId) =>
      guarded(async () => {
        const { datasetId, source } = get()
        set({ documentId })
        if (!datasetId || !source || documentId === null) {
          set({ suggestions: [], reason: null })
          return
        }
        const found = await api.call('suggestions.forDocument', {
          datasetId,
          documentId,
          modelVersion: source,
        })
        if (get().documentId === documentId && get().source === source)
          set({ suggestions: found.suggestions, reason: found.reason })
      }),

    refreshQueue: () => guarded(loadQueue),

    async nextInQueue(currentId) {
      const walk = get().walker()
      if (!walk) return null
      let next: number | null = null
      // Accepting usually takes the document out of its queue: the step then answers the head.
      await guarded(async () => {
        next = await walk(currentId, 'next')
      })
      return next
    },

    walker() {
      const { datasetId, queue, source } = get()
      if (!datasetId || queue === 'file') return undefined
      const modelVersion = source && source !== 'imported' ? source : undefined
      return async (fromDocumentId, direction) => {
        if (queue !== 'random' && !modelVersion) return null
        const step = await api.call('suggestions.queueStep', {
          datasetId,
          queue,
          ...(modelVersion ? { modelVersion } : {}),
          fromDocumentId,
          direction,
        })
        if (get().datasetId === datasetId && get().queue === queue) {
          const { queueOffset, queueItems } = get()
          const position = step?.position ?? null
          set({ queuePosition: position })
          // Past the listed part: list the page around it.
          const listed = position !== null && position >= queueOffset
          if (!listed || position >= queueOffset + queueItems.length) void guarded(loadQueue)
        }
        return step?.documentId ?? null
      }
    },

    setFresh({ on, every }) {
      const turnedOn = on === true && !get().fresh
      set({
        ...(on !== undefined ? { fresh: on } : {}),
        ...(turnedOn ? { sinceRetrain: 0 } : {}),
        ...(every !== undefined ? { freshEvery: every } : {}),
      })
      // The workspace keeps it (the core counts from now when it is turned on).
      void guarded(() => fresh.store())
    },

    retrain: () => {
      set({ sinceRetrain: 0 })
      return fresh.retrain()
    },

    noteEdit() {
      const { fresh: on, freshEvery, sinceRetrain } = get()
      if (!on) return
      if (sinceRetrain + 1 < freshEvery) set({ sinceRetrain: sinceRetrain + 1 })
      else void get().retrain()
    },

    applyTaskUpdate(task) {
      const finished = FINISHED.has(task.status)
      fresh.applyRetrainUpdate(task, finished)
      const datasetId = get().datasetId
      if (task.id !== get().computeTaskId) {
        // Another computation (a retrain's): with the model kept fresh, its suggestions lead.
        if (
          task.kind === TASK_KINDS.suggest &&
          task.status === 'SUCCESS' &&
          get().fresh &&
          datasetId
        )
          void reload(datasetId, true)
        return
      }
      if (!finished) return
      set({ computeTaskId: null })
      if (task.status !== 'SUCCESS') {
        report.error(task.error ?? new Error(`Computing suggestions ended: ${task.status}`))
        return
      }
      if (datasetId) void reload(datasetId, false)
    },
  }
}
