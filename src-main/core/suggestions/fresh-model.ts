import type { TrainingStats } from '../../api/contract/models'
import {
  FRESH_MODEL_KIND,
  FRESH_VERSIONS_KEPT,
  type FreshStatus,
  type LearningPoint,
} from '../../api/contract/suggestions'
import type { TaskSummary } from '../../api/contract/tasks'
import type { DatasetService } from '../datasets/datasets.service'
import type { ModelsService } from '../models/models.service'
import type { CoreTasks } from '../tasks/task-kinds'
import type { FreshRepo } from './fresh-model.repo'
import type { SuggestionsRepo } from './suggestions.repo'

interface FreshDeps {
  repo: SuggestionsRepo
  fresh: FreshRepo
  tasks: CoreTasks
  datasets: DatasetService
  training: Pick<ModelsService, 'startTraining' | 'get' | 'remove'>
  compute: (datasetId: string, versionId: string) => { taskId: string }
}

/** Folds of the cross-validation each retrain is scored by (the learning curve's score). */
const FOLDS = 5
/** Retrained versions are named so; a version the person renamed is theirs to keep. */
const FRESH_NAME = 'Fresh model on '

/**
 * "Keep the model fresh": a background retrain (the training task, on the worker pool, so
 * annotation calls are answered meanwhile), then its learning-curve point and fresh suggestions.
 * The latest retrain of a dataset wins: starting one aborts the one still training. The chain's
 * state is stored (fresh-model.repo), so a retrain pending when the app stopped is finished or
 * started again by `resume` when the core starts.
 */
export function createFreshModel(deps: FreshDeps) {
  const { tasks, repo, fresh } = deps

  const isPending = (datasetId: string, taskId: string) =>
    fresh.get(datasetId).pendingTaskId === taskId

  function follow(datasetId: string, taskId: string) {
    void tasks
      .settled(taskId)
      .then((task) => afterTraining(datasetId, task))
      .catch(() => undefined)
  }

  function afterTraining(datasetId: string, task: TaskSummary) {
    // Stopped by a shutdown: still pending, `resume` starts it again.
    if (task.status === 'INTERRUPTED' || !isPending(datasetId, task.id)) return
    // A failed retrain is a failed task (reported like any); the chain just stops there.
    if (task.status === 'SUCCESS') finish(datasetId, task.id)
    else fresh.patch(datasetId, { pendingTaskId: null })
  }

  /** A retrain's training succeeded: its curve point, then its suggestions, then pruning. */
  function finish(datasetId: string, trainTaskId: string) {
    const stats = tasks.show(trainTaskId).stats as TrainingStats
    const version = deps.training.get(stats.modelId)
    const points = repo.curve(datasetId)
    if (!points.some((p) => p.modelVersion === version.id)) {
      const chosen = version.selection?.candidates.find((c) => c.chosen)
      const point: LearningPoint = {
        modelVersion: version.id,
        labels: stats.trainDocuments,
        macroF1: chosen ? chosen.meanMacroF1 : version.macroF1,
        metric: chosen ? 'cv' : 'holdout',
        createdAt: version.createdAt,
      }
      repo.addPoint(datasetId, point)
    }
    const { taskId: computeId } = deps.compute(datasetId, version.id)
    void tasks
      .settled(computeId)
      .then((task) => {
        if (task.status === 'INTERRUPTED' || !isPending(datasetId, trainTaskId)) return
        fresh.patch(datasetId, { pendingTaskId: null })
        if (task.status !== 'SUCCESS') return
        // Once the fresh suggestions are in, the older retrains' are dropped (their curve points
        // stay): the suggestions table holds one fresh model's per dataset, not one per retrain.
        for (const p of points)
          if (p.modelVersion !== version.id) repo.clear(datasetId, p.modelVersion)
        prune(datasetId)
      })
      .catch(() => undefined)
  }

  /**
   * Deletes the dataset's retrained versions past the newest FRESH_VERSIONS_KEPT, with their
   * files and suggestions, unless in use (a predict or evaluation task, a template, a running
   * task) or renamed by the person. Their learning-curve points stay.
   */
  function prune(datasetId: string): void {
    for (const v of fresh.versions(datasetId).slice(FRESH_VERSIONS_KEPT)) {
      if (!v.name.startsWith(FRESH_NAME) || fresh.inUse(v.id)) continue
      repo.clear(datasetId, v.id)
      deps.training.remove(v.id)
    }
  }

  function retrain(datasetId: string): { taskId: string } {
    const dataset = deps.datasets.requireLive(datasetId)
    const previous = fresh.get(datasetId).pendingTaskId
    // Its result would be older than this one's: it is not waited for.
    if (previous) void tasks.abort(previous).catch(() => undefined)
    const { taskId } = deps.training.startTraining({
      datasetId,
      name: `${FRESH_NAME}${dataset.name}`,
      kind: FRESH_MODEL_KIND,
      field: 'content',
      params: {},
      crossValidate: FOLDS,
      // Every labelled document but the test split's, which scores it when there is one.
      trainSplits: ['train', 'dev', 'none'],
      testSplit: 'test',
      exclusionSetIds: [],
      seed: 1,
    })
    fresh.patch(datasetId, { pendingTaskId: taskId, since: fresh.journalHead() })
    follow(datasetId, taskId)
    return { taskId }
  }

  function status(datasetId: string): FreshStatus {
    deps.datasets.requireLive(datasetId)
    const r = fresh.get(datasetId)
    return {
      every: r.every,
      labelsSinceRetrain: fresh.labelsSince(datasetId, r.since),
      retrainTaskId: r.pendingTaskId,
    }
  }

  function taskOrNull(id: string): TaskSummary | null {
    try {
      return tasks.show(id)
    } catch {
      return null
    }
  }

  /** The pending retrain of one dataset after a restart: finished, started again, or dropped. */
  function resumeOne(datasetId: string, pendingTaskId: string) {
    const task = taskOrNull(pendingTaskId)
    if (task?.status === 'INTERRUPTED') retrain(datasetId)
    else if (task?.status === 'SUCCESS') finish(datasetId, pendingTaskId)
    else if (task?.status === 'RUNNING' || task?.status === 'PENDING') follow(datasetId, task.id)
    else fresh.patch(datasetId, { pendingTaskId: null })
  }

  return {
    retrain,
    status,

    setFresh(datasetId: string, every: number | null): FreshStatus {
      deps.datasets.requireLive(datasetId)
      const on = every !== null && fresh.get(datasetId).every === null
      fresh.patch(datasetId, { every, ...(on ? { since: fresh.journalHead() } : {}) })
      return status(datasetId)
    },

    /**
     * When the core starts (after the task registry marked the dead process's tasks
     * INTERRUPTED): each dataset's pending retrain is finished (trained, but its point or
     * suggestions missing) or started again (interrupted), and a dataset that reached its
     * keep-fresh count while no retrain ran gets one.
     */
    resume(): void {
      for (const r of fresh.all()) {
        try {
          deps.datasets.requireLive(r.datasetId)
          if (r.pendingTaskId) resumeOne(r.datasetId, r.pendingTaskId)
          else if (r.every !== null && fresh.labelsSince(r.datasetId, r.since) >= r.every)
            retrain(r.datasetId)
        } catch {
          // A deleted dataset, or a retrain that cannot start: nothing to resume.
          fresh.patch(r.datasetId, { pendingTaskId: null })
        }
      }
    },
  }
}
