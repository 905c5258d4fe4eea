import type { PredictTaskConfig } from '../../api/contract/predicting'
import type { TaskStats } from '../../api/contract/tasks'
import type { SelfTestInput } from '../../../src-worker/selftest'
import type { ExportConfig } from '../datasets/export.task'
import type { ImportConfig } from '../datasets/import.task'
import type { EvaluationConfig } from '../models/evaluation.task'
import type { TrainingConfig } from '../models/training-config'
import type { PredictCheckpoint } from '../predicting/counters'
import type { ReviewParams } from '../suggestions/review'
import type { SuggestConfig } from '../suggestions/suggestions.task'
import type { TaskRegistry } from './task-registry'

/**
 * Every task kind of the core: what it is started with, what it reports (the contract's TaskStats,
 * which clients read) and what it saves to resume. The registry's define/start check against it.
 */
export interface TaskKinds {
  'datasets.import': { config: ImportConfig; stats: TaskStats['datasets.import']; checkpoint: null }
  'datasets.export': { config: ExportConfig; stats: TaskStats['datasets.export']; checkpoint: null }
  'models.train': { config: TrainingConfig; stats: TaskStats['models.train']; checkpoint: null }
  'models.evaluate': {
    config: EvaluationConfig
    stats: TaskStats['models.evaluate']
    checkpoint: null
  }
  'predict.run': {
    config: PredictTaskConfig
    stats: TaskStats['predict.run']
    checkpoint: PredictCheckpoint
  }
  'suggestions.compute': {
    config: SuggestConfig
    stats: TaskStats['suggestions.compute']
    checkpoint: null
  }
  'suggestions.review': {
    config: ReviewParams
    stats: TaskStats['suggestions.review']
    checkpoint: null
  }
  'system.selftest': {
    config: SelfTestInput
    stats: TaskStats['system.selftest']
    checkpoint: null
  }
}

/** The core's task registry, typed by its kinds. */
export type CoreTasks = TaskRegistry<TaskKinds>
