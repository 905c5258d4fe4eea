import { TASK_KINDS } from '@api/contract/tasks'
import type { MethodParams } from '@api/methods'
import type { ModelVersionDetail } from '@api/contract/models'
import type { TaskSummary } from '@api/dto'
import type { GetState, SetState, SliceDeps } from '../types'
import {
  getInitialRowFilter,
  ROWS_PAGE_SIZE,
  type ModelsState,
  type ModelsView,
  type RowFilter,
} from './state'
import type { EvaluationFile, ModelSource, Written } from './sources'
import { busy, latest, latestLoad } from '../../lib/requests'

export type TrainingInput = MethodParams<'models.startTraining'>
type ExportEvaluation = Omit<MethodParams<'models.exportEvaluation'>, 'evaluationId'>

export interface ModelsActions {
  /** Reloads the versions list (and the open version). */
  refresh(): Promise<void>
  /** Loads the rule sets and exclusion sets the training form offers. */
  loadOptions(): Promise<void>
  show(view: ModelsView): void
  openVersion(id: string): Promise<void>
  selectEvaluation(evaluationId: string): Promise<void>
  setRowFilter(patch: Partial<RowFilter>): Promise<void>
  startTraining(input: TrainingInput): Promise<string | null>
  startEvaluation(
    input:
      { datasetId: string; split?: 'train' | 'dev' | 'test' | 'none' } | { file: EvaluationFile },
  ): Promise<string | null>
  rename(id: string, name: string): Promise<boolean>
  remove(id: string): Promise<boolean>
  setThreshold(label: string, threshold: number): Promise<boolean>
  /** Writes the details file; resolves to where it was written, or null (a toast says why). */
  exportEvaluation(p: ExportEvaluation): Promise<Written | null>
  /** To `path` (desktop Save as), or into the workspace's exports folder. */
  exportFile(id: string, path?: string): Promise<Written | null>
  /** From a path (desktop open dialog) or uploaded bytes (browser). */
  importFile(source: ModelSource, name?: string): Promise<ModelVersionDetail | null>
  compare(a: string, b: string): Promise<void>
  /** A pushed task.updated: finished trainings and evaluations change what this screen shows. */
  applyTaskUpdate(task: TaskSummary): void
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null

export function createModelsActions(
  set: SetState<ModelsState & ModelsActions>,
  get: GetState<ModelsState & ModelsActions>,
  { api, report }: SliceDeps,
): ModelsActions {
  // Answers to superseded calls are dropped (a fast click through cells fires several).
  const loadLatestList = latestLoad((loading) => set({ loading }), report)
  const versionRequest = latest()
  const evaluationRequest = latest()
  const rowsRequest = latest()
  const seenFinished = new Set<string>()

  const openId = () => {
    const view = get().view
    return view.kind === 'version' ? view.id : null
  }

  const loadList = () =>
    loadLatestList(
      () => api.call('models.list', {}),
      (versions) => set({ versions, loaded: true }),
    )

  const loadRows = async () => {
    const evaluationId = get().evaluationId
    const isLatest = rowsRequest()
    if (!evaluationId) return set({ rows: null })
    const { errorsOnly, cell, offset } = get().rowFilter
    set({ rowsLoading: true })
    try {
      const rows = await api.call('models.evaluationRows', {
        evaluationId,
        errorsOnly,
        ...(cell ?? {}),
        offset,
        limit: ROWS_PAGE_SIZE,
      })
      if (isLatest()) set({ rows })
    } catch (error) {
      if (isLatest()) set({ rows: null })
      report.error(error)
    } finally {
      if (isLatest()) set({ rowsLoading: false })
    }
  }

  const loadEvaluation = async () => {
    const evaluationId = get().evaluationId
    const isLatest = evaluationRequest()
    if (!evaluationId) return set({ evaluation: null, rows: null })
    try {
      const evaluation = await api.call('models.getEvaluation', { evaluationId })
      if (isLatest()) set({ evaluation })
    } catch (error) {
      report.error(error)
    }
  }

  const loadVersion = async (id: string, keepEvaluation: boolean) => {
    const isLatest = versionRequest()
    try {
      const [detail, evaluations] = await Promise.all([
        api.call('models.get', { id }),
        api.call('models.listEvaluations', { id }),
      ])
      if (!isLatest() || openId() !== id) return
      const current = get().evaluationId
      const keep = keepEvaluation && evaluations.some((e) => e.id === current)
      const evaluationId = keep ? current : (detail.evaluationId ?? evaluations[0]?.id ?? null)
      set({ detail, evaluations })
      if (!keep) {
        set({ evaluationId, evaluation: null, rowFilter: getInitialRowFilter(), rows: null })
        await Promise.all([loadEvaluation(), loadRows()])
      }
    } catch (error) {
      if (isLatest()) set({ view: { kind: 'list' }, detail: null })
      report.error(error)
    }
  }

  const mutate = busy(set, report)

  return {
    async refresh() {
      const id = openId()
      await Promise.all([loadList(), id ? loadVersion(id, true) : Promise.resolve()])
    },

    async loadOptions() {
      try {
        const [ruleSets, exclusionSets] = await Promise.all([
          api.call('rules.listSets', {}),
          api.call('preprocessing.listSets', {}),
        ])
        set({ ruleSets, exclusionSets })
      } catch (error) {
        report.error(error)
      }
    },

    show(view) {
      set({ view })
      if (view.kind !== 'compare') set({ comparison: null })
    },

    async openVersion(id) {
      set({
        view: { kind: 'version', id },
        detail: null,
        evaluations: [],
        evaluationId: null,
        evaluation: null,
        rows: null,
        rowFilter: getInitialRowFilter(),
      })
      await loadVersion(id, false)
    },

    async selectEvaluation(evaluationId) {
      set({ evaluationId, evaluation: null, rows: null, rowFilter: getInitialRowFilter() })
      await Promise.all([loadEvaluation(), loadRows()])
    },

    async setRowFilter(patch) {
      const next = { ...get().rowFilter, ...patch }
      // Any change other than paging starts again from the first row.
      if (patch.offset === undefined) next.offset = 0
      set({ rowFilter: next })
      await loadRows()
    },

    async startTraining(input) {
      const started = await mutate(() => api.call('models.startTraining', input))
      if (!started) return null
      set({ trainingTaskId: started.taskId })
      return started.taskId
    },

    async startEvaluation(input) {
      const id = openId()
      if (!id) return null
      const started = await mutate(() => api.call('models.startEvaluation', { id, ...input }))
      if (!started) return null
      set({ evaluationTaskId: started.taskId })
      return started.taskId
    },

    async rename(id, name) {
      const renamed = await mutate(() => api.call('models.rename', { id, name }))
      if (!renamed) return false
      if (openId() === id) set({ detail: renamed })
      await loadList()
      return true
    },

    async remove(id) {
      const deleted = await mutate(() => api.call('models.delete', { id }))
      if (!deleted) return false
      if (openId() === id) set({ view: { kind: 'list' }, detail: null })
      await loadList()
      return true
    },

    async setThreshold(label, threshold) {
      const id = openId()
      if (!id) return false
      const updated = await mutate(() => api.call('models.setThreshold', { id, label, threshold }))
      if (!updated) return false
      if (openId() === id) set({ detail: updated })
      report.info(
        'Threshold saved',
        `"${label}" now needs a score of ${threshold}. Evaluate again to see its effect on the report.`,
      )
      return true
    },

    async exportEvaluation(p) {
      const evaluationId = get().evaluationId
      if (!evaluationId) return null
      return mutate(() => api.call('models.exportEvaluation', { evaluationId, ...p }))
    },

    async exportFile(id, path) {
      return mutate(() => api.call('models.exportFile', { id, ...(path ? { path } : {}) }))
    },

    async importFile(source, name) {
      const imported = await mutate(() =>
        api.call('models.importFile', { ...source, ...(name ? { name } : {}) }),
      )
      if (!imported) return null
      report.info('Model imported', `"${imported.name}" is a new version.`)
      await loadList()
      return imported
    },

    async compare(a, b) {
      set({ view: { kind: 'compare', a, b }, comparing: true, comparison: null })
      try {
        const comparison = await api.call('models.compare', { a, b })
        const view = get().view
        if (view.kind === 'compare' && view.a === a && view.b === b) set({ comparison })
      } catch (error) {
        report.error(error)
      } finally {
        set({ comparing: false })
      }
    },

    applyTaskUpdate(task) {
      if (task.kind !== TASK_KINDS.train && task.kind !== TASK_KINDS.evaluate) return
      if (task.status !== 'SUCCESS' || seenFinished.has(task.id)) return
      seenFinished.add(task.id)
      if (task.kind === TASK_KINDS.train) {
        void loadList()
        return
      }
      const id = openId()
      if (!id) return
      const mine = task.id === get().evaluationTaskId
      void (async () => {
        await loadVersion(id, true)
        if (!mine) return
        try {
          const shown = await api.call('tasks.show', { id: task.id })
          const stats = isRecord(shown.stats) ? shown.stats : {}
          const evaluationId = typeof stats.evaluationId === 'string' ? stats.evaluationId : null
          if (evaluationId && openId() === id) await get().selectEvaluation(evaluationId)
        } catch (error) {
          report.error(error)
        }
      })()
    },
  }
}
