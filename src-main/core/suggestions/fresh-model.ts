import type { TrainingStats } from '../../api/contract/models'
import { FRESH_MODEL_KIND, type LearningPoint } from '../../api/contract/suggestions'
import type { DatasetService } from '../datasets/datasets.service'
import type { ModelsService } from '../models/models.service'
import type { CoreTasks } from '../tasks/task-kinds'
import type { SuggestionsRepo } from './suggestions.repo'

interface FreshDeps {
  repo: SuggestionsRepo
  tasks: CoreTasks
  datasets: DatasetService
  training: Pick<ModelsService, 'startTraining' | 'get'>
  compute: (datasetId: string, versionId: string) => { taskId: string }
}

/** Folds of the cross-validation each retrain is scored by (the learning curve's score). */
const FOLDS = 5

/**
 * "Keep the model fresh": a background retrain (the training task, on the worker pool, so
 * annotation calls are answered meanwhile), then its learning-curve point and fresh suggestions.
 * The latest retrain of a dataset wins: starting one aborts the one still training.
 */
export function createFreshModel(deps: FreshDeps) {
  const { tasks, repo } = deps
  /** The training task of each dataset's latest retrain, while it runs. */
  const latest = new Map<string, string>()

  function afterTraining(datasetId: string, taskId: string, succeeded: boolean) {
    if (latest.get(datasetId) !== taskId) return
    latest.delete(datasetId)
    if (!succeeded) return
    const stats = tasks.show(taskId).stats as TrainingStats
    const version = deps.training.get(stats.modelId)
    const chosen = version.selection?.candidates.find((c) => c.chosen)
    const point: LearningPoint = {
      modelVersion: version.id,
      labels: stats.trainDocuments,
      macroF1: chosen ? chosen.meanMacroF1 : version.macroF1,
      metric: chosen ? 'cv' : 'holdout',
      createdAt: version.createdAt,
    }
    const older = repo.curve(datasetId).map((p) => p.modelVersion)
    repo.addPoint(datasetId, point)
    const { taskId: computeId } = deps.compute(datasetId, version.id)
    // Once the fresh suggestions are in, the older retrains' are dropped (their curve points
    // stay): the suggestions table holds one fresh model's per dataset, not one per retrain.
    void tasks
      .settled(computeId)
      .then((task) => {
        if (task.status !== 'SUCCESS') return
        for (const old of older) if (old !== version.id) repo.clear(datasetId, old)
      })
      .catch(() => undefined)
  }

  return {
    retrain(datasetId: string): { taskId: string } {
      const dataset = deps.datasets.requireLive(datasetId)
      const previous = latest.get(datasetId)
      // Its result would be older than this one's: it is not waited for.
      if (previous) void tasks.abort(previous).catch(() => undefined)
      const { taskId } = deps.training.startTraining({
        datasetId,
        name: `Fresh model on ${dataset.name}`,
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
      latest.set(datasetId, taskId)
      // A failed retrain is a failed task (reported like any); the chain just stops there.
      void tasks
        .settled(taskId)
        .then((task) => afterTraining(datasetId, taskId, task.status === 'SUCCESS'))
        .catch(() => latest.delete(datasetId))
      return { taskId }
    },
  }
}
