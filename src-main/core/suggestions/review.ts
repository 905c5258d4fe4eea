import { TASK_KINDS } from '../../api/contract/tasks'
import { open, rm, writeFile } from 'node:fs/promises'
import { performance } from 'node:perf_hooks'
import { importOptions, type ImportReport } from '../../api/contract/datasets'
import type { SampleRow } from '../../api/contract/predicting'
import type { ReviewCount } from '../../api/contract/suggestions'
import { ApiError } from '../../api/errors'
import type { ImportOptions, ImportSource } from '../datasets/datasets-io.service'
import type { ImportTarget } from '../datasets/import-writer'
import type { ImportConfig } from '../datasets/import.task'
import type { ScanFilter, ScanOptions } from '../predicting/sinks/output-scan'
import type { CoreTasks } from '../tasks/task-kinds'
import type { TaskContext, TaskKind } from '../tasks/task-registry'

interface ReviewDeps {
  tasks: CoreTasks
  sample: (taskId: string, perLabel: number, label?: string) => Promise<SampleRow[]>
  /** Every written row the filter keeps, with its whole text, a page at a time. */
  scan: (
    taskId: string,
    filter: ScanFilter,
    onPage: (rows: SampleRow[]) => Promise<void>,
    watch: Omit<ScanOptions, 'page'>,
  ) => Promise<void>
  count: (taskId: string, filter: ScanFilter) => Promise<number>
  /** Output rows the task wrote so far; NO_RESULTS_YET before its first batch. */
  written: (taskId: string) => number
  /** Rows written per label so far (the task's counters). */
  perLabel: (taskId: string) => Record<string, number>
  io: {
    stagingPath: (fileName: string) => string
    checkTarget: (target: ImportTarget) => void
    targetName: (target: ImportTarget) => string
    importConfig: (
      target: ImportTarget,
      source: ImportSource,
      options: ImportOptions,
    ) => ImportConfig
  }
  /** The import task's run: the staged documents are imported within the review task. */
  runImport: (ctx: TaskContext<ImportConfig, null>) => Promise<ImportReport>
  /** Test-only: awaited after each page of documents is staged. */
  stagedGate?: ((page: number, signal: AbortSignal) => Promise<void>) | undefined
}

export interface ReviewRows {
  taskId: string
  select: 'sample' | 'all'
  perLabel: number
  label?: string | undefined
  below?: number | undefined
}

export interface ReviewParams extends ReviewRows {
  target: ImportTarget
  duplicates: 'skip' | 'keep'
}

/** A predicted row as a Label Studio task: its labels are predictions, its origin is kept. */
interface ReviewTask {
  data: Record<string, string | null>
  predictions: {
    model_version: string
    score: number
    result: { value: { choices: string[] } }[]
  }[]
}

const FILE_NAME = 'review-from-predict.json'
const labelStudio = (p: ReviewParams) =>
  importOptions.parse({ format: 'label-studio', duplicates: p.duplicates })

/** One document per source row: its labels (from several models or a multi-label model) merge. */
function reviewTasks(taskId: string, rows: readonly SampleRow[]): ReviewTask[] {
  const byRow = new Map<string, ReviewTask>()
  for (const r of rows) {
    if (r.text === null) continue
    const key = `${r.table}\u0000${r.id}`
    const prediction = {
      model_version: r.model,
      score: r.score,
      result: [{ value: { choices: [r.label] } }],
    }
    const known = byRow.get(key)
    if (known) known.predictions.push(prediction)
    else
      byRow.set(key, {
        data: {
          text: r.text,
          author: r.author,
          source_id: r.sourceId,
          post_time: r.postTime,
          review_task: taskId,
          review_table: r.table,
          review_row: r.id,
        },
        predictions: [prediction],
      })
  }
  return [...byRow.values()]
}

function nothingToReview(p: ReviewRows): ApiError {
  const what = [
    p.label !== undefined ? `labelled "${p.label}"` : null,
    p.below !== undefined ? `scored below ${p.below}` : null,
  ].filter((w) => w !== null)
  return new ApiError(
    'VALIDATION',
    p.below !== undefined && p.select === 'sample'
      ? `No sampled row of task ${p.taskId} scores below ${p.below}. Raise the threshold or the sample size.`
      : what.length > 0
        ? `Task ${p.taskId} wrote no row ${what.join(' and ')} with its text to review. Pick another label or raise the threshold.`
        : `Task ${p.taskId} has no written row with its text to review. Check its source can be read.`,
  )
}

type ReviewContext = TaskContext<ReviewParams, null>

/** Reports one phase of the task: its own count, and a rate measured since the phase began. */
function phaseProgress(ctx: ReviewContext, phase: 'read' | 'import') {
  const began = performance.now()
  return (done: number, total: number | undefined, message: string) => {
    const seconds = (performance.now() - began) / 1000
    ctx.progress({
      done,
      ...(total !== undefined ? { total } : {}),
      ...(seconds > 0 && done > 0 ? { rate: done / seconds } : {}),
      message,
      data: { phase },
    })
  }
}

const count = (n: number) => n.toLocaleString('en')

/** Which rows, in a task's title. */
function rowsTitle(p: ReviewRows): string {
  const of = p.label !== undefined ? ` of "${p.label}"` : ''
  const below = p.below !== undefined ? ` scored below ${p.below}` : ''
  return p.select === 'sample' ? `a sample${of}${below}` : `every row${of}${below}`
}

/**
 * Review from predictions: rows a predict task wrote (a sample per label, or every row of one
 * label and/or scored below a threshold) become unlabelled documents of a dataset, carrying the
 * model's labels as (imported) suggestions and a link back to their source row in their meta.
 * One task reads the rows into a staged file, then imports it as an import task would (so
 * duplicates are skipped the same way): one progress bar by phase, one abort. "all" streams the
 * rows a page at a time, so there is no cap on their number and memory stays bounded. The staged
 * file is removed however the task ends, and an import that did not finish leaves no document.
 */
export function createReviewFromPredict(deps: ReviewDeps) {
  const filterOf = (p: ReviewRows): ScanFilter => ({ label: p.label, below: p.below })

  /** A sample: small (per label), drawn and written at once. */
  async function stageSample(p: ReviewParams, path: string, ctx: ReviewContext) {
    ctx.progress({
      done: 0,
      message: 'Reading predictions: drawing the sample',
      data: { phase: 'read' },
    })
    const rows = (await deps.sample(p.taskId, p.perLabel, p.label)).filter(
      (r) => p.below === undefined || r.score < p.below,
    )
    ctx.signal.throwIfAborted()
    const tasks = reviewTasks(p.taskId, rows)
    await writeFile(path, JSON.stringify(tasks))
    await deps.stagedGate?.(0, ctx.signal)
    return tasks.length
  }

  /** Every kept row, a page at a time, appended to the staged file as JSON. */
  async function stageEvery(p: ReviewParams, path: string, ctx: ReviewContext) {
    const written = deps.written(p.taskId)
    const progress = phaseProgress(ctx, 'read')
    const file = await open(path, 'w')
    let documents = 0
    let pages = 0
    const onRead = (read: number) =>
      progress(
        read,
        Math.max(written, read),
        `Reading predictions: ${count(read)} of ${count(written)} rows, ${count(documents)} documents to send`,
      )
    try {
      onRead(0)
      await file.write('[')
      await deps.scan(
        p.taskId,
        filterOf(p),
        async (rows) => {
          for (const task of reviewTasks(p.taskId, rows))
            await file.write(`${documents++ > 0 ? ',\n' : ''}${JSON.stringify(task)}`)
          await deps.stagedGate?.(pages++, ctx.signal)
        },
        { signal: ctx.signal, onRead },
      )
      await file.write(']')
    } finally {
      await file.close()
    }
    return documents
  }

  /** The import of the staged documents, its progress counted in documents. */
  function importStaged(p: ReviewParams, path: string, documents: number, ctx: ReviewContext) {
    const config = deps.io.importConfig(
      p.target,
      { staged: path, fileName: FILE_NAME },
      labelStudio(p),
    )
    const progress = phaseProgress(ctx, 'import')
    return deps.runImport({
      ...ctx,
      config,
      // The import counts bytes of the staged file; its documents are what the user sent.
      progress: (q) =>
        progress(
          q.total ? Math.round((documents * q.done) / q.total) : 0,
          documents,
          q.message ?? 'Importing',
        ),
    })
  }

  async function run(ctx: ReviewContext): Promise<ImportReport> {
    const p = ctx.config
    const path = deps.io.stagingPath(FILE_NAME)
    try {
      const documents =
        p.select === 'all' ? await stageEvery(p, path, ctx) : await stageSample(p, path, ctx)
      if (documents === 0) throw nothingToReview(p)
      ctx.signal.throwIfAborted()
      return await importStaged(p, path, documents, ctx)
    } finally {
      await rm(path, { force: true })
    }
  }

  const kind: TaskKind<ReviewParams, null, ImportReport, typeof TASK_KINDS.review> = {
    kind: TASK_KINDS.review,
    resumable: false,
    run,
  }

  return {
    kind,

    /** Starts the review task once the predict task has written rows and the target is free. */
    review(p: ReviewParams): { taskId: string } {
      deps.written(p.taskId)
      deps.io.checkTarget(p.target)
      const title = `Send ${rowsTitle(p)} of predictions to review into ${deps.io.targetName(p.target)}`
      return { taskId: deps.tasks.start(TASK_KINDS.review, p, title).id }
    },

    async count(p: ReviewRows): Promise<ReviewCount> {
      if (p.select === 'all') return { rows: await deps.count(p.taskId, filterOf(p)), exact: true }
      const perLabel = deps.perLabel(p.taskId)
      const labels = p.label !== undefined ? [p.label] : Object.keys(perLabel)
      const rows = labels.reduce((sum, l) => sum + Math.min(p.perLabel, perLabel[l] ?? 0), 0)
      return { rows, exact: p.below === undefined }
    },
  }
}

export type ReviewFromPredict = ReturnType<typeof createReviewFromPredict>
