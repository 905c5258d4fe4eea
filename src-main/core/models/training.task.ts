import type { Split } from '../../api/contract/datasets'
import type { ModelField, ModelType } from '../../api/contract/models'
import type { ExclusionSnapshot } from '../../api/contract/preprocessing'
import { ApiError } from '../../api/errors'
import {
  transferablesOf,
  type KeywordRule,
  type RegexRule,
  type TrainConfig,
} from '../../../src-worker/ml'
import { createDatasetsRepo } from '../datasets/datasets.repo'
import type { Sqlite } from '../db/sqlite'
import { newId } from '../ids'
import type { WorkerPool } from '../pool/worker-pool'
import type { TaskKind } from '../tasks/task-registry'
import { saveTrainedVersion } from './save-version'
import type { ModelStore } from './model-store'
import type { ModelsRepo } from './models.repo'
import { prepareDocs } from './training-input'

export interface TrainingConfig {
  name: string
  datasetId: string
  kind: ModelType
  field: ModelField
  params: Record<string, string | number | boolean>
  trainSplits: (Split | 'none')[]
  testSplit: Split | 'none' | null
  /** Copied at start so the task trains with exactly what the user saw. */
  exclusions: ExclusionSnapshot[]
  keywordRules?: KeywordRule[]
  regexRules?: RegexRule[]
  multiLabel: boolean
  seed: number
}

export interface TrainingStats {
  modelId: string
  evaluationId: string | null
  trainDocuments: number
  testDocuments: number
  excludedDocuments: number
}

const RULE_KINDS: readonly ModelType[] = ['keyword', 'regex']

/** Fits in the worker pool, then saves file, details and version rows together — or nothing at all. */
export function trainingTask(deps: {
  db: Sqlite
  pool: WorkerPool
  repo: ModelsRepo
  store: ModelStore
}): TaskKind<TrainingConfig, null, TrainingStats> {
  return {
    kind: 'models.train',
    resumable: false,
    async run(ctx) {
      const c = ctx.config
      const isRules = RULE_KINDS.includes(c.kind)
      ctx.progress({ done: 0, total: 100, message: 'reading documents' })
      const train = isRules
        ? null
        : prepareDocs(deps.db, c.datasetId, c.trainSplits, c.field, c.exclusions)
      if (train && train.texts.length === 0) {
        throw new ApiError(
          'VALIDATION',
          `No labelled documents in ${c.trainSplits.join('+')} of this dataset. Label some, or split it first.`,
        )
      }
      const test = c.testSplit
        ? prepareDocs(deps.db, c.datasetId, [c.testSplit], c.field, c.exclusions)
        : null
      const config: TrainConfig = {
        kind: c.kind,
        field: c.field,
        params: c.params,
        seed: c.seed,
        decision: { multiLabel: c.multiLabel },
        ...(c.keywordRules ? { keywordRules: c.keywordRules } : {}),
        ...(c.regexRules ? { regexRules: c.regexRules } : {}),
      }
      const transferList = [
        ...(train ? transferablesOf(train.packed) : []),
        ...(test && test.texts.length > 0 ? transferablesOf(test.packed) : []),
      ]
      const output = await deps.pool.run(
        'modeling.fit',
        {
          config,
          train: train?.packed ?? null,
          test: test && test.texts.length > 0 ? test.packed : null,
        },
        {
          signal: ctx.signal,
          transferList,
          onProgress: (p) =>
            ctx.progress({ ...p, done: 10 + Math.round(p.done * 0.85), total: 100 }),
        },
      )
      ctx.signal.throwIfAborted()
      const dataset = createDatasetsRepo(deps.db).get(c.datasetId)
      const ids = saveTrainedVersion(deps, {
        modelId: newId(),
        config: c,
        datasetName: dataset?.name ?? null,
        output,
        testDocumentIds: test?.documentIds ?? [],
        signal: ctx.signal,
      })
      ctx.progress({ done: 100, total: 100, message: 'saved' })
      return {
        ...ids,
        trainDocuments: train?.texts.length ?? 0,
        testDocuments: test?.texts.length ?? 0,
        excludedDocuments: (train?.dropped ?? 0) + (test?.dropped ?? 0),
      }
    },
  }
}
