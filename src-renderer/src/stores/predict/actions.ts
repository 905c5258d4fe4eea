import type { MethodParams } from '@api/methods'
import type { PreviewResult, TaskSummary } from '@api/dto'
import { toApiError } from '../../api/client'
import { mergeTasks } from '../tasks/merge'
import type { GetState, SetState, SliceDeps } from '../types'
import { TASK_KINDS } from '@api/contract/tasks'
import { type PredictState, type PredictView, type SampleState } from './state'

export type PredictStartInput = MethodParams<'predict.start'>
export type PreviewInput = MethodParams<'predict.preview'>['source']
export type PreviewOutcome = { ok: true; value: PreviewResult } | { ok: false; message: string }

export interface PredictActions {
  refresh(): Promise<void>
  /** Applies a pushed task.updated; tasks of other kinds are ignored. */
  applyUpdate(task: TaskSummary): void
  /** Shows a view; while the form guards unsaved input, records it in pendingView instead. */
  show(view: PredictView): void
  /** The new-task form registers whether it holds unsaved input; null removes the guard. */
  guardForm(hasUnsaved: (() => boolean) | null): void
  /** Drops the form's input and shows the pending view. */
  discardForm(): void
  /** Keeps the form: forgets the pending view. */
  keepForm(): void
  /** Starts a task and opens its page; resolves to its id, or null (a toast says why). */
  start(params: PredictStartInput): Promise<string | null>
  /** 10 mapped rows and a row estimate; failures come back as a message to show by the source. */
  preview(source: PreviewInput): Promise<PreviewOutcome>
  loadStats(id: string): Promise<void>
  loadSample(id: string, perLabel: number): Promise<void>
  /** Loads the model versions and exclusion sets the form offers (failures stay inline). */
  loadChoices(): Promise<void>
  abort(id: string): Promise<void>
  resume(id: string): Promise<void>
}

type Store = PredictState & PredictActions

export function createPredictActions(
  set: SetState<Store>,
  get: GetState<Store>,
  { api, report }: SliceDeps,
): PredictActions {
  const command = async (id: string, kind: 'abort' | 'resume') => {
    if (get().pending[id]) return
    set({ pending: { ...get().pending, [id]: kind } })
    try {
      const task = await api.call(kind === 'abort' ? 'tasks.abort' : 'tasks.resume', { id })
      get().applyUpdate(task)
      // A resumed run starts from its checkpoint; old samples may no longer be representative.
      if (kind === 'resume') void get().loadStats(id)
    } catch (error) {
      report.error(error)
    } finally {
      const { [id]: _done, ...rest } = get().pending
      set({ pending: rest })
    }
  }

  let formGuard: (() => boolean) | null = null

  const putSample = (id: string, sample: SampleState) =>
    set({ samples: { ...get().samples, [id]: sample } })

  return {
    async refresh() {
      set({ loading: true })
      try {
        const tasks = await api.call('tasks.list', { kind: TASK_KINDS.predict, limit: 100 })
        set({ tasks: mergeTasks(get().tasks, tasks), loaded: true })
      } catch (error) {
        report.error(error)
      } finally {
        set({ loading: false })
      }
    },
    applyUpdate(task) {
      if (task.kind !== TASK_KINDS.predict) return
      set({ tasks: mergeTasks(get().tasks, [task]) })
    },
    show(view) {
      if (formGuard?.()) return set({ pendingView: view })
      set({ view, pendingView: null })
    },
    guardForm(hasUnsaved) {
      formGuard = hasUnsaved
    },
    discardForm() {
      const view = get().pendingView
      formGuard = null
      if (view) set({ view, pendingView: null })
    },
    keepForm() {
      set({ pendingView: null })
    },
    async start(params) {
      set({ starting: true })
      try {
        const { taskId } = await api.call('predict.start', params)
        report.info('Predicting task started', 'Progress, samples and stats are on its page.')
        set({ view: { kind: 'task', id: taskId } })
        void get().refresh()
        return taskId
      } catch (error) {
        report.error(error)
        return null
      } finally {
        set({ starting: false })
      }
    },
    async preview(source) {
      try {
        return { ok: true, value: await api.call('predict.preview', { source }) }
      } catch (error) {
        return { ok: false, message: toApiError(error).message }
      }
    },
    async loadStats(id) {
      try {
        const stats = await api.call('predict.stats', { taskId: id })
        set({ stats: { ...get().stats, [id]: stats } })
      } catch (error) {
        report.error(error)
      }
    },
    async loadSample(id, perLabel) {
      const rows = get().samples[id]?.rows ?? []
      putSample(id, { status: 'loading', rows })
      try {
        const fresh = await api.call('predict.sample', { taskId: id, perLabel })
        putSample(id, { status: 'ready', rows: fresh, fetchedAt: Date.now() })
      } catch (error) {
        const e = toApiError(error)
        putSample(id, {
          status: e.code === 'NO_RESULTS_YET' ? 'waiting' : 'error',
          rows,
          message: e.message,
        })
      }
    },
    async loadChoices() {
      set({ modelVersions: { status: 'loading' }, exclusionSets: { status: 'loading' } })
      const [versions, sets] = await Promise.allSettled([
        api.call('models.list', {}),
        api.call('preprocessing.listSets', {}),
      ])
      set({
        modelVersions:
          versions.status === 'fulfilled'
            ? { status: 'ready', value: versions.value }
            : { status: 'error', message: toApiError(versions.reason).message },
        exclusionSets:
          sets.status === 'fulfilled'
            ? { status: 'ready', value: sets.value }
            : { status: 'error', message: toApiError(sets.reason).message },
      })
    },
    abort: (id) => command(id, 'abort'),
    resume: (id) => command(id, 'resume'),
  }
}
