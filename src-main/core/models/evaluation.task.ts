import { rmSync } from 'node:fs'
import type { Split } from '../../api/contract/datasets'
import type { ModelField } from '../../api/contract/models'
import type { ExclusionSnapshot } from '../../api/contract/preprocessing'
import { ApiError } from '../../api/errors'
import { transferablesOf } from '../../../src-worker/ml'
import { readDataRows } from '../../../src-worker/ml/io/data-file'
import type { Sqlite } from '../db/sqlite'
import { newId } from '../ids'
import type { WorkerPool } from '../pool/worker-pool'
import type { ExclusionRunner } from '../preprocessing/exclusion-runner'
import { compileOrReject } from '../preprocessing/compile-exclusions'
import type { TaskContext, TaskKind } from '../tasks/task-registry'
import type { EvaluationFile } from './evaluation-file'
import type { ModelStore } from './model-store'
import type { ModelsRepo } from './models.repo'
import { toEvaluationRows, toReportData } from './save-version'
import { applyExclusions, prepareDocs, type PreparedDocs } from './training-input'

export interface EvaluationConfig {
  modelId: string
  fileName: string
  field: ModelField
  exclusions: ExclusionSnapshot[]
  datasetId?: string
  split?: Split | 'none'
  file?: EvaluationFile
}

/** Labelled rows of an external CSV/JSONL file, read without importing it. */
async function prepareFile(
  exclusions: ExclusionRunner,
  file: EvaluationFile,
  field: ModelField,
  sets: readonly ExclusionSnapshot[],
  signal: AbortSignal,
): Promise<PreparedDocs> {
  compileOrReject(sets)
  const texts: string[] = []
  const gold: string[][] = []
  const ids: string[] = []
  const options = { textColumn: file.textColumn, labelColumn: file.labelColumn }
  for await (const batch of readDataRows(file.path, options)) {
    for (const row of batch) {
      if (row.labels === null) {
        throw new ApiError(
          'VALIDATION',
          `${file.path} has no "${file.labelColumn}" column with gold labels.`,
        )
      }
      ids.push(row.id)
      texts.push(row.fields[field] ?? '')
      gold.push(row.labels)
    }
  }
  return applyExclusions(exclusions, sets, { documentIds: [], ids, texts, gold }, field, signal)
}

interface EvaluationDeps {
  db: Sqlite
  pool: WorkerPool
  exclusions: ExclusionRunner
  repo: ModelsRepo
  store: ModelStore
}

export function evaluationTask(
  deps: EvaluationDeps,
): TaskKind<EvaluationConfig, null, { evaluationId: string; rows: number }> {
  return {
    kind: 'models.evaluate',
    resumable: false,
    async run(ctx) {
      try {
        return await evaluate(deps, ctx)
      } finally {
        if (ctx.config.file?.removeAfter) rmSync(ctx.config.file.path, { force: true })
      }
    },
  }
}

async function evaluate(
  deps: EvaluationDeps,
  ctx: TaskContext<EvaluationConfig, null>,
): Promise<{ evaluationId: string; rows: number }> {
  const c = ctx.config
  ctx.progress({ done: 0, total: 100, message: 'reading documents' })
  const docs = c.file
    ? await prepareFile(deps.exclusions, c.file, c.field, c.exclusions, ctx.signal).catch(
        (error: unknown) => {
          if (error instanceof ApiError) throw error
          throw new ApiError('VALIDATION', error instanceof Error ? error.message : String(error))
        },
      )
    : await prepareDocs(
        deps.db,
        deps.exclusions,
        c.datasetId!,
        c.split ? [c.split] : ['train', 'dev', 'test', 'none'],
        c.field,
        c.exclusions,
        ctx.signal,
      )
  if (docs.texts.length === 0) {
    throw new ApiError(
      'VALIDATION',
      'There are no labelled documents to evaluate on. Pick another split or file.',
    )
  }
  const evaluation = await deps.pool.run(
    'modeling.evaluate',
    { file: deps.store.readModel(c.fileName), docs: docs.packed },
    {
      signal: ctx.signal,
      transferList: transferablesOf(docs.packed),
      onProgress: (p) =>
        ctx.progress({
          ...p,
          done: 20 + Math.round((p.done / (p.total ?? 1)) * 75),
          total: 100,
        }),
    },
  )
  ctx.signal.throwIfAborted()
  const evaluationId = newId()
  const detailsFile = `${evaluationId}.jsonl`
  deps.store.writeDetails(detailsFile, toEvaluationRows(evaluation, docs.documentIds))
  deps.repo.insertEvaluation(
    {
      id: evaluationId,
      modelId: c.modelId,
      datasetId: c.datasetId ?? null,
      split: c.split ?? null,
      sourceFile: c.file?.displayName ?? null,
      report: toReportData(evaluation.report),
      detailsFile,
      rows: docs.texts.length,
    },
    Date.now(),
  )
  ctx.progress({ done: 100, total: 100, message: 'saved' })
  return { evaluationId, rows: docs.texts.length }
}
