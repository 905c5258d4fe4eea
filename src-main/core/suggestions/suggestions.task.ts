import { setImmediate as nextTurn } from 'node:timers/promises'
import type { ModelField } from '../../api/contract/models'
import type { ExclusionSnapshot } from '../../api/contract/preprocessing'
import { CHANGED, DROPPED } from '../../../src-worker/preprocess/exclusions'
import type { ExclusionRunner } from '../preprocessing/exclusion-runner'
import type { SuggestStats } from '../../api/contract/suggestions'
import { TASK_KINDS } from '../../api/contract/tasks'
import { ApiError } from '../../api/errors'
import { packDocs, transferablesOf } from '../../../src-worker/ml'
import type { SuggestTaskOutput } from '../../../src-worker/ml/active/suggest-task'
import type { DatasetReader } from '../datasets/dataset-reader'
import type { Sqlite } from '../db/sqlite'
import type { ModelStore } from '../models/model-store'
import type { WorkerPool } from '../pool/worker-pool'
import type { TaskContext, TaskKind } from '../tasks/task-registry'
import type { SuggestionsRepo } from './suggestions.repo'

export interface SuggestConfig {
  datasetId: string
  modelVersionId: string
  fileName: string
  field: ModelField
  /** The version's exclusion sets (as it was trained with). */
  exclusions: ExclusionSnapshot[]
}

interface SuggestDeps {
  db: Sqlite
  datasets: DatasetReader
  pool: WorkerPool
  store: ModelStore
  repo: SuggestionsRepo
  exclusions: ExclusionRunner
}

/** Rows written per transaction: short enough that annotation calls are answered in between. */
const WRITE_CHUNK = 2000

export function suggestionsTask(
  deps: SuggestDeps,
): TaskKind<SuggestConfig, null, SuggestStats, typeof TASK_KINDS.suggest> {
  return { kind: TASK_KINDS.suggest, resumable: false, run: (ctx) => compute(deps, ctx) }
}

async function compute(
  deps: SuggestDeps,
  ctx: TaskContext<SuggestConfig, null>,
): Promise<SuggestStats> {
  const { datasetId, field } = ctx.config
  ctx.progress({ done: 0, total: 100, message: 'reading documents' })
  const read: { ids: number[]; texts: string[]; gold: string[][] } = {
    ids: [],
    texts: [],
    gold: [],
  }
  for (const chunk of deps.datasets.documents({ datasetId })) {
    for (const doc of chunk) {
      read.ids.push(doc.id)
      read.texts.push(doc.fields[field])
      read.gold.push(doc.labels)
    }
    await nextTurn()
  }
  // The version's exclusion sets, as training and predicting apply them: a dropped document gets
  // no suggestion and no place in the model's queues; a changed text is scored as changed.
  const excluded = await deps.exclusions.apply(ctx.config.exclusions, read.texts, ctx.signal)
  const ids: number[] = []
  const texts: string[] = []
  const labelled: { index: number[]; texts: string[]; gold: string[][] } = {
    index: [],
    texts: [],
    gold: [],
  }
  read.ids.forEach((id, i) => {
    const status = excluded.status[i]
    if (status === DROPPED) return
    const text = status === CHANGED ? excluded.texts[i]! : read.texts[i]!
    if (read.gold[i]!.length > 0) {
      labelled.index.push(ids.length)
      labelled.texts.push(text)
      labelled.gold.push(read.gold[i]!)
    }
    ids.push(id)
    texts.push(text)
  })
  const docs = packDocs({ size: texts.length, fields: { [field]: texts } })
  const labelledDocs =
    labelled.texts.length > 0
      ? packDocs(
          { size: labelled.texts.length, fields: { [field]: labelled.texts } },
          labelled.gold,
        )
      : undefined
  const output = await deps.pool.run(
    'modeling.suggest',
    {
      file: readModel(deps.store, ctx.config.fileName),
      docs,
      ...(labelledDocs ? { labelled: labelledDocs } : {}),
      seed: 0,
    },
    {
      signal: ctx.signal,
      transferList: [
        ...transferablesOf(docs),
        ...(labelledDocs ? transferablesOf(labelledDocs) : []),
      ],
      onProgress: (p) =>
        ctx.progress({
          ...p,
          done: 10 + Math.round((p.done / (p.total ?? 1)) * 70),
          total: 100,
        }),
    },
  )
  ctx.signal.throwIfAborted()
  return write(deps, ctx, ids, labelled.index, output)
}

/** A missing model file is the user's to fix (import the model again), not an internal error. */
function readModel(store: ModelStore, fileName: string): Uint8Array {
  try {
    return store.readModel(fileName)
  } catch (error) {
    throw new ApiError('NOT_FOUND', error instanceof Error ? error.message : String(error))
  }
}

async function write(
  deps: SuggestDeps,
  ctx: TaskContext<SuggestConfig, null>,
  ids: readonly number[],
  labelledIndex: readonly number[],
  output: SuggestTaskOutput,
): Promise<SuggestStats> {
  const { datasetId, modelVersionId: version } = ctx.config
  const labelIds = new Map(deps.datasets.labels(datasetId).map((l) => [l.name, l.id]))
  const column = output.labels.map((name) => labelIds.get(name))
  const mislabelOf = new Map(labelledIndex.map((row, i) => [row, i]))
  const at = Date.now()
  let suggestions = 0
  let flagged = 0
  deps.db.transaction(() => deps.repo.clear(datasetId, version))()
  for (let start = 0; start < ids.length; start += WRITE_CHUNK) {
    ctx.signal.throwIfAborted()
    deps.db.transaction(() => {
      for (let r = start; r < Math.min(ids.length, start + WRITE_CHUNK); r++) {
        for (let k = output.indptr[r]!; k < output.indptr[r + 1]!; k++) {
          const labelId = column[output.labelIndex[k]!]
          if (labelId === undefined) continue
          deps.repo.addSuggestion(ids[r]!, labelId, version, output.scores[k]!)
          suggestions++
        }
        const m = mislabelOf.get(r)
        const mislabel = m === undefined || !output.mislabel ? null : output.mislabel.score[m]!
        if (mislabel !== null && mislabel >= 2) flagged++
        const reason = m === undefined || !output.mislabel ? null : reasonJson(output.mislabel, m)
        deps.repo.addScores(
          version,
          ids[r]!,
          { uncertainty: output.uncertainty[r]!, mislabel, reason },
          at,
        )
      }
    })()
    ctx.progress({
      done: 80 + Math.round((start / Math.max(1, ids.length)) * 20),
      total: 100,
      message: 'saving suggestions',
    })
    await nextTurn()
  }
  return { documents: ids.length, suggestions, flagged }
}

function reasonJson(mislabel: NonNullable<SuggestTaskOutput['mislabel']>, row: number): string {
  const reason = mislabel.reasons[row]!
  return JSON.stringify({
    doubted: mislabel.labels[reason.doubted] ?? null,
    doubtedScore: round(reason.doubtedScore),
    preferred: mislabel.labels[reason.preferred] ?? null,
    preferredScore: round(reason.preferredScore),
  })
}

const round = (x: number) => Math.round(x * 1000) / 1000
