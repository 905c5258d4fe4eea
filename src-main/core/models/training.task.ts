import { TASK_KINDS } from '../../api/contract/tasks'
import type { Split } from '../../api/contract/datasets'
import type { TrainingStats } from '../../api/contract/models'
import { ApiError } from '../../api/errors'
import { transferablesOf, type TrainConfig } from '../../../src-worker/ml'
import {
  abortControl,
  createControlBuffer,
  releaseCandidate,
} from '../../../src-worker/ml/auto/search-control'
import type { DatasetReader } from '../datasets/dataset-reader'
import type { Sqlite } from '../db/sqlite'
import { newId } from '../ids'
import type { WorkerPool } from '../pool/worker-pool'
import type { ExclusionRunner } from '../preprocessing/exclusion-runner'
import type { TaskKind } from '../tasks/task-registry'
import type { TestGates } from '../test-gates'
import { saveTrainedVersion } from './save-version'
import type { ModelStore } from './model-store'
import type { ModelsRepo } from './models.repo'
import type { TrainingConfig } from './training-config'
import { prepareDocs } from './training-input'

/** Fits in the worker pool, then saves file, details and version rows together — or nothing at all. */
export function trainingTask(deps: {
  db: Sqlite
  datasets: DatasetReader
  pool: WorkerPool
  exclusions: ExclusionRunner
  repo: ModelsRepo
  store: ModelStore
  gates?: TestGates | undefined
}): TaskKind<TrainingConfig, null, TrainingStats, typeof TASK_KINDS.train> {
  return {
    kind: TASK_KINDS.train,
    resumable: false,
    async run(ctx) {
      const c = ctx.config
      const isRules = c.kind === 'keyword' || c.kind === 'regex'
      ctx.progress({ done: 0, total: 100, message: 'reading documents' })
      const prepare = (splits: readonly (Split | 'none')[]) =>
        prepareDocs(
          deps.datasets,
          deps.exclusions,
          c.datasetId,
          splits,
          c.field,
          c.exclusions,
          ctx.signal,
        )
      const train = isRules ? null : await prepare(c.trainSplits)
      if (train && train.texts.length === 0) {
        throw new ApiError(
          'VALIDATION',
          `No labelled documents in ${c.trainSplits.join('+')} of this dataset. Label some, or split it first.`,
        )
      }
      const test = c.testSplit ? await prepare([c.testSplit]) : null
      const config: TrainConfig = {
        kind: c.kind,
        field: c.field,
        params: c.params,
        seed: c.seed,
        decision: { multiLabel: c.multiLabel },
        ...(c.crossValidate !== undefined ? { crossValidate: c.crossValidate } : {}),
        ...(c.keywordRules ? { keywordRules: c.keywordRules } : {}),
        ...(c.regexRules ? { regexRules: c.regexRules } : {}),
      }
      // The training rows are not needed here again: their buffers move to the worker. The test rows'
      // texts stay, since the saved details are matched to their document ids.
      const transferList = train ? transferablesOf(train.packed) : []
      const evaluation = test && test.texts.length > 0 ? test : null
      // An automatic selection checks this buffer between candidates and folds; the pool also ends
      // the thread on abort, so a stop never waits for the current candidate's fold to finish.
      const gate = deps.gates?.trainingCandidate
      const control = createControlBuffer(gate !== undefined)
      const onAbort = () => abortControl(control)
      ctx.signal.addEventListener('abort', onAbort, { once: true })
      const trained = await deps.pool
        .run(
          'ml.train',
          {
            config,
            control,
            ...(train ? { train: train.packed } : {}),
            ...(evaluation
              ? { evaluation: evaluation.packed, evaluationIds: evaluation.packed.ids }
              : {}),
          },
          {
            signal: ctx.signal,
            transferList,
            onProgress: (p) => {
              const candidate = p.data?.['candidate']
              if (typeof candidate === 'number') {
                void gate?.(candidate, ctx.signal).then(
                  () => releaseCandidate(control, candidate),
                  () => abortControl(control),
                )
                return
              }
              ctx.progress({
                ...p,
                done: 10 + Math.round((p.done / Math.max(1, p.total ?? 1)) * 85),
                total: 100,
              })
            },
          },
        )
        .finally(() => ctx.signal.removeEventListener('abort', onAbort))
      const output = {
        file: trained.file,
        kind: trained.header.kind,
        labels: trained.header.labels,
        selection: trained.selection,
        dataHash: trained.header.trainingDataHash || null,
        evaluation:
          trained.report && trained.details
            ? { report: trained.report, details: trained.details }
            : null,
      }
      await deps.gates?.trainingSave?.(0, ctx.signal)
      ctx.signal.throwIfAborted()
      const dataset = deps.datasets.get(c.datasetId)
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
