import { open, rm } from 'node:fs/promises'
import { importOptions } from '../../api/contract/datasets'
import type { SampleRow } from '../../api/contract/predicting'
import type { ReviewCount } from '../../api/contract/suggestions'
import { ApiError } from '../../api/errors'
import type { ImportOptions, ImportSource } from '../datasets/datasets-io.service'
import type { ImportTarget } from '../datasets/import-writer'
import type { ScanFilter } from '../predicting/sinks/output-scan'

interface ReviewDeps {
  sample: (taskId: string, perLabel: number, label?: string) => Promise<SampleRow[]>
  /** Every written row the filter keeps, with its whole text, a page at a time. */
  scan: (
    taskId: string,
    filter: ScanFilter,
    onPage: (rows: SampleRow[]) => Promise<void>,
  ) => Promise<void>
  count: (taskId: string, filter: ScanFilter) => Promise<number>
  /** Rows written per label so far (the task's counters). */
  perLabel: (taskId: string) => Record<string, number>
  io: {
    stagingPath: (fileName: string) => string
    checkTarget: (target: ImportTarget) => void
    startImport: (
      target: ImportTarget,
      source: ImportSource,
      options: ImportOptions,
    ) => { taskId: string }
  }
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

/**
 * Review from predictions: rows a predict task wrote (a sample per label, or every row of one
 * label and/or scored below a threshold) become unlabelled documents of a dataset, carrying the
 * model's labels as (imported) suggestions and a link back to their source row in their meta.
 * An import task does the writing, as for any file, so duplicates are skipped the same way.
 * "all" streams the rows, a page at a time, into a staged file the import reads and removes:
 * no cap on their number and bounded memory.
 */
export function createReviewFromPredict(deps: ReviewDeps) {
  const filterOf = (p: ReviewRows): ScanFilter => ({ label: p.label, below: p.below })

  async function sampled(p: ReviewParams) {
    const rows = (await deps.sample(p.taskId, p.perLabel, p.label)).filter(
      (r) => p.below === undefined || r.score < p.below,
    )
    const tasks = reviewTasks(p.taskId, rows)
    if (tasks.length === 0) throw nothingToReview(p)
    const content = JSON.stringify(tasks)
    const started = deps.io.startImport(p.target, { content, fileName: FILE_NAME }, labelStudio(p))
    return { taskId: started.taskId, documents: tasks.length }
  }

  async function everyRow(p: ReviewParams) {
    const path = deps.io.stagingPath(FILE_NAME)
    const file = await open(path, 'w')
    let documents = 0
    try {
      await file.write('[')
      await deps.scan(p.taskId, filterOf(p), async (rows) => {
        for (const task of reviewTasks(p.taskId, rows))
          await file.write(`${documents++ > 0 ? ',\n' : ''}${JSON.stringify(task)}`)
      })
      await file.write(']')
    } catch (error) {
      await rm(path, { force: true })
      throw error
    } finally {
      await file.close()
    }
    try {
      if (documents === 0) throw nothingToReview(p)
      const started = deps.io.startImport(
        p.target,
        { staged: path, fileName: FILE_NAME },
        labelStudio(p),
      )
      return { taskId: started.taskId, documents }
    } catch (error) {
      await rm(path, { force: true })
      throw error
    }
  }

  return {
    async review(p: ReviewParams): Promise<{ taskId: string; documents: number }> {
      // Checked first: a scan of a large output should not end in "that name is taken".
      deps.io.checkTarget(p.target)
      return p.select === 'all' ? await everyRow(p) : await sampled(p)
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
