import type { QueueName, TaskStatus, TaskSummary } from '@api/models'
import type { QueueWalk } from '../annotate/actions'
import type { GetState, SetState, SliceDeps } from '../types'
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
  /** A pushed task.updated: reload when this panel's computation finished. */
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

  const loadQueue = async () => {
    const { datasetId, queue, source } = get()
    if (!datasetId) return
    const modelVersion = source && source !== 'imported' ? source : undefined
    if (queue !== 'file' && queue !== 'random' && !modelVersion) {
      set({ queueItems: [], queueTotal: null })
      return
    }
    const page = await api.call('suggestions.queue', {
      datasetId,
      queue,
      ...(modelVersion ? { modelVersion } : {}),
      limit: QUEUE_PAGE,
    })
    if (get().datasetId === datasetId && get().queue === queue)
      set({ queueItems: page.items, queueTotal: page.total })
  }

  const loadSources = async (datasetId: string) => {
    const sources = await api.call('suggestions.sources', { datasetId })
    if (get().datasetId !== datasetId) return
    const keep = sources.some((s) => s.modelVersion === get().source)
    set({ sources, source: keep ? get().source : (sources[0]?.modelVersion ?? null) })
  }

  return {
    open: (datasetId) =>
      guarded(async () => {
        set({ ...getInitialSuggestState(), datasetId, queue: get().queue })
        if (!datasetId) return
        await loadSources(datasetId)
        await loadQueue()
      }),

    chooseSource: (source) =>
      guarded(async () => {
        set({ source })
        const documentId = get().documentId
        await Promise.all([get().show(documentId), loadQueue()])
      }),

    setQueue: (queue) =>
      guarded(async () => {
        set({ queue, queueItems: [], queueTotal: null, queuePosition: null })
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
        if (get().datasetId === datasetId && get().queue === queue)
          set({ queuePosition: step?.position ?? null })
        return step?.documentId ?? null
      }
    },

    applyTaskUpdate(task) {
      if (task.id !== get().computeTaskId || !FINISHED.has(task.status)) return
      set({ computeTaskId: null })
      if (task.status !== 'SUCCESS') {
        report.error(task.error ?? new Error(`Computing suggestions ended: ${task.status}`))
        return
      }
      const datasetId = get().datasetId
      if (!datasetId) return
      void guarded(async () => {
        await loadSources(datasetId)
        await Promise.all([get().show(get().documentId), loadQueue()])
      })
    },
  }
}
