import { TASK_KINDS } from '@api/contract/tasks'
import type { TaskSummary } from '@api/dto'
import type { ApiClient } from '../../api/client'
import type { GetState, Reporter, SetState } from '../types'
import type { SuggestState } from './state'

/** Labels between two retrains when the person does not choose (the default). */
export const DEFAULT_FRESH_EVERY = 50

/**
 * "Keep the model fresh": starts background retrains, follows them, and keeps the learning curve.
 * Fresh suggestions arrive as a finished `suggestions.compute` (see `applyTaskUpdate`).
 */
export function createFresh(
  api: ApiClient,
  get: GetState<SuggestState>,
  set: SetState<SuggestState>,
  report: Reporter,
) {
  const loadCurve = async () => {
    const datasetId = get().datasetId
    if (!datasetId) return
    try {
      const curve = await api.call('suggestions.learningCurve', { datasetId })
      if (get().datasetId === datasetId) set({ curve })
    } catch (error) {
      report.error(error)
    }
  }

  return {
    loadCurve,

    /** Keep-fresh as the workspace stored it: on/off, N, the count so far, a pending retrain. */
    async loadStatus() {
      const datasetId = get().datasetId
      if (!datasetId) return
      const status = await api.call('suggestions.freshStatus', { datasetId })
      if (get().datasetId !== datasetId) return
      set({
        fresh: status.every !== null,
        ...(status.every !== null ? { freshEvery: status.every } : {}),
        sinceRetrain: status.labelsSinceRetrain,
        retrainTaskId: status.retrainTaskId,
      })
    },

    /** Saves the panel's keep-fresh choice for the dataset. */
    async store() {
      const { datasetId, fresh: on, freshEvery } = get()
      if (!datasetId) return
      await api.call('suggestions.setFresh', { datasetId, every: on ? freshEvery : null })
    },

    async retrain() {
      const datasetId = get().datasetId
      if (!datasetId) return
      try {
        // The core aborts a retrain still running: only the latest one is followed.
        const { taskId } = await api.call('suggestions.retrain', { datasetId })
        if (get().datasetId === datasetId) set({ retrainTaskId: taskId })
      } catch (error) {
        report.error(error)
      }
    },

    /** A finished retrain: a failure is told (labelling goes on), a success adds its point. */
    applyRetrainUpdate(task: TaskSummary, finished: boolean) {
      if (task.kind !== TASK_KINDS.train || task.id !== get().retrainTaskId || !finished) return
      set({ retrainTaskId: null })
      if (task.status === 'SUCCESS') void loadCurve()
      else if (task.status !== 'ABORTED')
        report.error(task.error ?? new Error(`Retraining the model ended: ${task.status}`))
    },
  }
}
