import type { PredictStats, TaskSummary } from '@api/dto'
import type { PredictState } from './state'

export const selectPredictTasks = (s: PredictState) => s.tasks
export const selectPredictLoaded = (s: PredictState) => s.loaded
export const selectPredictLoading = (s: PredictState) => s.loading
export const selectView = (s: PredictState) => s.view
export const selectStarting = (s: PredictState) => s.starting
export const selectTask = (id: string) => (s: PredictState) => s.tasks.find((t) => t.id === id)
export const selectStats = (id: string) => (s: PredictState) => s.stats[id]
export const selectSample = (id: string) => (s: PredictState) => s.samples[id]
export const selectModelVersions = (s: PredictState) => s.modelVersions
export const selectExclusionSets = (s: PredictState) => s.exclusionSets
export const selectPendingView = (s: PredictState) => s.pendingView
export const selectTemplates = (s: PredictState) => s.templates
export const selectPredictPending = (id: string) => (s: PredictState) => s.pending[id]

/** The numbers pushed with progress (PredictStats), when the task has reported any. */
export function liveStats(task: TaskSummary | undefined): Partial<PredictStats> | null {
  const data = task?.progress?.data
  if (!data || typeof data !== 'object') return null
  return data
}

/** Live numbers win while the task runs; the stored stats win once it stopped. */
export function currentStats(
  task: TaskSummary | undefined,
  stored: PredictStats | undefined,
): Partial<PredictStats> | null {
  const live = liveStats(task)
  if (task && (task.status === 'RUNNING' || task.status === 'PENDING'))
    return live ?? stored ?? null
  return stored ?? live
}
