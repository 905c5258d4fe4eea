import { TASK_KINDS } from '../../api/contract/tasks'
import type {
  PredictOutput,
  PredictStartParams,
  PredictStats,
  PredictTaskConfig,
  PreviewResult,
  PreviewRow,
  SampleRow,
  SourceSpec,
  TextField,
} from '../../api/contract/predicting'
import { ApiError } from '../../api/errors'
import type { CoreTasks } from '../tasks/task-kinds'
import { emptyCounters, statsOf, type PredictCheckpoint } from './counters'
import { recallModel } from './labeling/model-refs'
import {
  openPlan,
  openSource,
  readOutput,
  sampleOutput,
  sourceName,
  tableRouter,
  type PlanDeps,
} from './plan'
import { countOutput, scanOutput, type ScanFilter, type ScanOptions } from './sinks/output-scan'
import { outputsOf } from './outputs'
import { fieldOfModel, withTexts } from './sample-texts'
import type { OutputRow, SourceBatch } from './types'

const PREVIEW_ROWS = 10
/** Rows whose texts are fetched from the sources at once when the output is scanned. */
const TEXT_PAGE = 5000

export interface PredictingServiceDeps extends PlanDeps {
  tasks: CoreTasks
}

/** predict.* behind the handlers: checks before a task exists, samples and stats while it runs. */
export function createPredictingService(deps: PredictingServiceDeps) {
  const { tasks } = deps

  const predictTaskOf = (id: string) => tasks.showOfKind(id, TASK_KINDS.predict)

  async function preview(spec: SourceSpec): Promise<PreviewResult> {
    const { reader } = await openSource(deps, spec)
    try {
      const estimate = await reader.estimate()
      const batch = await reader.read(null, PREVIEW_ROWS)
      const columns = Object.entries(spec.columns).flatMap(([, c]) => (c ? [c] : []))
      return {
        columns,
        rows: batch ? previewRows(batch) : [],
        estimatedRows: estimate.rows,
        estimateExact: estimate.exact,
      }
    } finally {
      await reader.close()
    }
  }

  async function start(params: PredictStartParams): Promise<{ taskId: string }> {
    // Everything is checked (and the output tables created) before the task row exists.
    const checked = await openPlan(deps, params, { mode: 'check' })
    const title =
      params.title ?? `Predict ${params.sources.map(sourceName).join(', ')} → ${sinkName(params)}`
    const config: PredictTaskConfig = { ...params, resolvedModels: checked.models }
    return { taskId: tasks.start(TASK_KINDS.predict, config, title).id }
  }

  function stats(taskId: string): PredictStats {
    const task = predictTaskOf(taskId)
    if (task.stats) return task.stats
    const cp = task.checkpoint
    return cp ? statsOf(cp, cp.runMs) : statsOf(zeroCheckpoint(), 0)
  }

  /** A predict task that has written rows, and the field each of its models read. */
  function writtenTask(taskId: string) {
    const task = predictTaskOf(taskId)
    const cp = task.checkpoint
    if (!cp || cp.counters.written === 0) {
      throw new ApiError(
        'NO_RESULTS_YET',
        `Task ${taskId} has not written a batch yet. Retry in a few seconds.`,
      )
    }
    const config = task.config
    const models =
      config.resolvedModels ?? config.models.map((m) => recallModel(deps.modelSources, m))
    return { config, counters: cp.counters, fieldOf: fieldOfModel(models) }
  }

  async function sample(taskId: string, perLabel: number, label?: string): Promise<SampleRow[]> {
    const { config, counters, fieldOf } = writtenTask(taskId)
    const labels = label ? [label] : Object.keys(counters.perLabel).sort()
    // Only the output is opened; the sources are read for the rows' texts alone.
    const rows = await sampleOutput(deps, config.sink, { taskId, labels, perLabel })
    return withTexts(deps, config.sources, rows, fieldOf)
  }

  /**
   * Every written row the filter keeps, with its whole text, in pages of at least TEXT_PAGE rows
   * (the last may be smaller) that never split one source row's rows: the output is read a page
   * at a time and the sources once per page, so memory stays bounded whatever the task wrote.
   * `watch` stops it between pages and follows the output rows read.
   */
  async function scan(
    taskId: string,
    filter: ScanFilter,
    onPage: (rows: SampleRow[]) => Promise<void>,
    watch: Omit<ScanOptions, 'page'> = {},
  ): Promise<void> {
    const { config, fieldOf } = writtenTask(taskId)
    let pending: OutputRow[] = []
    const flush = async () => {
      if (pending.length === 0) return
      const rows = pending
      pending = []
      await onPage(await withTexts(deps, config.sources, rows, fieldOf, Infinity))
    }
    await readOutput(deps, config.sink, taskId, (output) =>
      scanOutput(
        output,
        taskId,
        filter,
        async (rows) => {
          pending.push(...rows)
          if (pending.length >= TEXT_PAGE) await flush()
        },
        watch,
      ),
    )
    await flush()
  }

  /** The output rows a task wrote so far; NO_RESULTS_YET before its first batch. */
  const written = (taskId: string): number => writtenTask(taskId).counters.written

  /** How many written rows the filter keeps. */
  function count(taskId: string, filter: ScanFilter): Promise<number> {
    const { config } = writtenTask(taskId)
    return readOutput(deps, config.sink, taskId, (output) => countOutput(output, taskId, filter))
  }

  /** The files and tables the task writes (they need not exist yet). */
  function outputs(taskId: string): PredictOutput[] {
    return outputsOf(predictTaskOf(taskId).config.sink, taskId, deps.dataDir)
  }

  return { preview, start, stats, sample, scan, count, written, outputs, tableRouter }
}

function previewRows(batch: SourceBatch): PreviewRow[] {
  return batch.ids.map((id, r) => {
    const row: PreviewRow = { id }
    for (const [field, column] of Object.entries(batch.texts))
      row[field as TextField] = column[r] ?? null
    if (batch.postTimes) row.postTime = batch.postTimes[r] ?? null
    return row
  })
}

const zeroCheckpoint = (): PredictCheckpoint => ({
  source: 0,
  after: null,
  counters: emptyCounters(),
  runMs: 0,
  peakRssBytes: 0,
  estimatedRows: 0,
  estimateExact: true,
})

const sinkName = (p: PredictStartParams) =>
  p.sink.kind === 'mariadb'
    ? `${p.sink.schema}.${p.sink.table}`
    : (p.sink.path ?? `SQLite (${p.sink.kind === 'sqlite' ? p.sink.table : 'results'})`)

export type PredictingService = ReturnType<typeof createPredictingService>
