import { z } from 'zod'
import type { ApiErrorData } from '../errors'
import { hexId, type EpochMs } from './common'
import type { ExportReport, ImportReport } from './datasets'
import type { EvaluationStats, TrainingStats } from './models'
import type { PredictStats } from './predicting'
import type { SuggestStats } from './suggestions'
import type { SelfTestResult } from './system'

/** The name of every task kind: services start tasks by these, clients filter and match on them. */
export const TASK_KINDS = {
  import: 'datasets.import',
  export: 'datasets.export',
  train: 'models.train',
  evaluate: 'models.evaluate',
  predict: 'predict.run',
  suggest: 'suggestions.compute',
  review: 'suggestions.review',
  selfTest: 'system.selftest',
} as const

/** What a successful task of each kind reports in TaskDetail.stats. */
export interface TaskStats {
  'datasets.import': ImportReport
  'datasets.export': ExportReport
  'models.train': TrainingStats
  'models.evaluate': EvaluationStats
  'predict.run': PredictStats
  'suggestions.compute': SuggestStats
  /** Review from predictions ends as the import it runs: its report. */
  'suggestions.review': ImportReport
  'system.selftest': SelfTestResult
}

export const TASK_STATUSES = [
  'PENDING',
  'RUNNING',
  'SUCCESS',
  'FAILURE',
  'ABORTED',
  'INTERRUPTED',
] as const
export type TaskStatus = (typeof TASK_STATUSES)[number]

/** Statuses a task can no longer leave on its own. */
export const FINISHED_TASK_STATUSES: readonly TaskStatus[] = [
  'SUCCESS',
  'FAILURE',
  'ABORTED',
  'INTERRUPTED',
]

export interface TaskProgress {
  /** Units of work done so far (rows, steps...). */
  done: number
  /** Units expected in total when known. */
  total?: number
  /** done / total in [0, 1] when total is known. */
  ratio?: number
  /** Short human text: the current stage or window. */
  message?: string
  /** Units per second, averaged over the recent past. */
  rate?: number
  /** Estimated milliseconds left. */
  etaMs?: number
  /** Kind-specific live numbers (per-label counts...). */
  data?: Record<string, unknown>
}

export interface TaskSummary {
  id: string
  kind: string
  title: string
  status: TaskStatus
  progress: TaskProgress | null
  error: ApiErrorData | null
  createdAt: EpochMs
  startedAt: EpochMs | null
  finishedAt: EpochMs | null
  /** Peak resident set size of the process while the task ran, in bytes. */
  peakRssBytes: number | null
  /** True when the task can continue from its checkpoint. */
  resumable: boolean
}

export interface TaskDetail extends TaskSummary {
  config: unknown
  stats: unknown
  checkpoint: unknown
  updatedAt: EpochMs
}

export const taskSchemas = {
  'tasks.list': z
    .object({
      status: z.enum(TASK_STATUSES).optional(),
      kind: z.string().min(1).max(64).optional(),
      limit: z.number().int().min(1).max(1000).default(100),
    })
    .strict(),
  'tasks.show': z.object({ id: hexId }).strict(),
  'tasks.abort': z.object({ id: hexId }).strict(),
  'tasks.resume': z.object({ id: hexId }).strict(),
}

export interface TaskMethods {
  /** Lists tasks, newest first, optionally filtered by status or kind. */
  'tasks.list': (p: z.input<(typeof taskSchemas)['tasks.list']>) => Promise<TaskSummary[]>
  /** Shows one task with its config, stats and checkpoint. */
  'tasks.show': (p: z.input<(typeof taskSchemas)['tasks.show']>) => Promise<TaskDetail>
  /** Asks a running or pending task to stop; it ends ABORTED. Finished tasks are left as they are. */
  'tasks.abort': (p: z.input<(typeof taskSchemas)['tasks.abort']>) => Promise<TaskSummary>
  /** Continues an ABORTED, FAILED or INTERRUPTED task from its checkpoint. */
  'tasks.resume': (p: z.input<(typeof taskSchemas)['tasks.resume']>) => Promise<TaskSummary>
}

export interface TaskEvents {
  /** A task's status, progress or error changed. Progress pushes are throttled. */
  'task.updated': TaskSummary
  /** Tasks left running by a stopped process were marked INTERRUPTED: refresh any task list. */
  'tasks.recovered': Record<string, never>
}
