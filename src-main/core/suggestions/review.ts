import { importOptions } from '../../api/contract/datasets'
import type { SampleRow } from '../../api/contract/predicting'
import type { ImportOptions, ImportSource } from '../datasets/datasets-io.service'
import type { ImportTarget } from '../datasets/import-writer'
import { ApiError } from '../../api/errors'

interface ReviewDeps {
  sample: (taskId: string, perLabel: number, label?: string) => Promise<SampleRow[]>
  startImport: (
    target: ImportTarget,
    source: ImportSource,
    options: ImportOptions,
  ) => { taskId: string }
}

export interface ReviewParams {
  taskId: string
  perLabel: number
  label?: string | undefined
  below?: number | undefined
  target: ImportTarget
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

/**
 * Review from predictions: rows a predict task wrote (a sample per label, the rows of one label,
 * or those scored below a threshold) become unlabelled documents of a dataset, carrying the
 * model's labels as (imported) suggestions and a link back to their source row in their meta.
 * An import task does the writing, as for any file, so duplicates are skipped the same way.
 */
export function createReviewFromPredict(deps: ReviewDeps) {
  return {
    async review(p: ReviewParams): Promise<{ taskId: string; documents: number }> {
      const rows = (await deps.sample(p.taskId, p.perLabel, p.label)).filter(
        (r) => r.text !== null && (p.below === undefined || r.score < p.below),
      )
      if (rows.length === 0) {
        throw new ApiError(
          'VALIDATION',
          p.below !== undefined
            ? `No sampled row of task ${p.taskId} scores below ${p.below}. Raise the threshold or the sample size.`
            : `Task ${p.taskId} has no written row with its text to review. Check its source can be read.`,
        )
      }
      // One document per source row: its labels (from several models or a multi-label model) merge.
      const byRow = new Map<string, ReviewTask>()
      for (const r of rows) {
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
              review_task: p.taskId,
              review_table: r.table,
              review_row: r.id,
            },
            predictions: [prediction],
          })
      }
      const tasks = [...byRow.values()]
      const started = deps.startImport(
        p.target,
        { content: JSON.stringify(tasks), fileName: 'review-from-predict.json' },
        importOptions.parse({ format: 'label-studio' }),
      )
      return { taskId: started.taskId, documents: tasks.length }
    },
  }
}

export type ReviewFromPredict = ReturnType<typeof createReviewFromPredict>
