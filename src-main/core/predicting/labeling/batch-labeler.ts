import {
  packDocs,
  transferablesOf,
  type FieldName,
  type PackedDocs,
} from '../../../../src-worker/ml'
import type { ExclusionSnapshot } from '../../../api/contract/preprocessing'
import {
  watchedRegexMessage,
  type ModelPrediction,
  type PredictModelRef,
} from '../../../../src-worker/ml/tasks/predict-task'
import { runWatched } from '../../pool/regex-watchdog'
import type { WorkerPool } from '../../pool/worker-pool'
import type { ResolvedModel } from './model-refs'

/**
 * The seam between the pipeline and the ML engine: texts are packed into transferable buffers and
 * labelled in the Piscina pool ('ml.predict'), where each thread caches the models it has loaded.
 */
export interface BatchLabeler {
  readonly models: readonly ResolvedModel[]
  /** Batches it labels at once (the pool's threads). */
  readonly threads: number
  /**
   * One prediction per model, in `models` order, with explanations (matched keywords/terms).
   * `texts[m]` holds the field model m reads, before its exclusion sets; arrays shared by several
   * models are sent once. The texts are packed before this returns and not kept: the caller may
   * drop them while the batch is labelled.
   */
  label(
    texts: readonly (readonly string[])[],
    size: number,
    signal: AbortSignal,
  ): Promise<ModelPrediction[]>
  close(): Promise<void>
}

interface Call {
  slots: Partial<Record<FieldName, readonly string[]>>
  models: number[]
}

/** Groups models into as few worker calls as the batch slots allow (one per field per call). */
function plan(models: readonly ResolvedModel[], texts: readonly (readonly string[])[]): Call[] {
  const calls: Call[] = []
  models.forEach((model, m) => {
    const column = texts[m]!
    let call = calls.find((c) => {
      const slot = c.slots[model.fileField]
      return slot === undefined || slot === column
    })
    if (!call) calls.push((call = { slots: {}, models: [] }))
    call.slots[model.fileField] = column
    call.models.push(m)
  })
  return calls
}

export function createPoolLabeler(
  pool: WorkerPool,
  models: readonly ResolvedModel[],
  regexBudgetMs: number,
): BatchLabeler {
  /**
   * Each model's ref with, for a linear model, the scorer tables one thread built in shared memory:
   * the labelling threads then hold one copy of its weights and vocabulary between them.
   */
  const shared = new Map<number, Promise<PredictModelRef>>()
  const sharedRef = (m: number, signal: AbortSignal) => {
    let ref = shared.get(m)
    if (!ref) {
      const plain = models[m]!.ref
      ref = pool
        .run('ml.shareModel', plain, { signal })
        .then((tables) => (tables ? { ...plain, tables } : plain))
      shared.set(m, ref)
    }
    return ref
  }
  /**
   * One pass with explanations: models explain only rows they matched (keyword, regex, term
   * weights) or explain from the scores they just computed (linear, naive Bayes), so a second
   * pass over the labelled rows would cost more than it saves. Exclusion sets are applied on the
   * same thread, and the regex watchdog stops a thread stuck in one of their patterns or a regex
   * model's, naming it.
   */
  const run = async (
    calledModels: readonly number[],
    docs: PackedDocs,
    signal: AbortSignal,
  ): Promise<ModelPrediction[]> => {
    const refs = await Promise.all(calledModels.map((m) => sharedRef(m, signal)))
    const exclusionSets: ExclusionSnapshot[] = []
    const indexOf = new Map<string, number>()
    const modelExclusions = calledModels.map((m) =>
      models[m]!.exclusions.map((set) => {
        const key = JSON.stringify(set)
        let index = indexOf.get(key)
        if (index === undefined) {
          index = exclusionSets.push(set) - 1
          indexOf.set(key, index)
        }
        return index
      }),
    )
    const output = await runWatched(
      {
        budgetMs: regexBudgetMs,
        signal,
        name: (state) => watchedRegexMessage(state, refs, regexBudgetMs, exclusionSets),
      },
      (watch, stop) =>
        pool.run(
          'ml.predict',
          {
            models: refs,
            docs,
            explain: 'matched',
            timeBudgetMs: regexBudgetMs,
            watch,
            ...(exclusionSets.length > 0 ? { exclusionSets, modelExclusions } : {}),
            ...reviewOf(calledModels),
          },
          { signal: stop, transferList: transferablesOf(docs) },
        ),
    )
    return output.predictions
  }
  /** The models' review-below confidences, sent only when one of them has any. */
  const reviewOf = (calledModels: readonly number[]) =>
    calledModels.some((m) => models[m]!.review)
      ? { reviewBelow: calledModels.map((m) => models[m]!.review?.below ?? null) }
      : {}
  return {
    models,
    threads: pool.maxThreads,
    label(texts, size, signal) {
      // Not async: the texts are packed here, and what waits for the threads holds none of them.
      const out = new Array<ModelPrediction>(models.length)
      const placed = plan(models, texts).map(({ models: called, slots }) =>
        run(called, packDocs({ size, fields: slots }), signal).then((predictions) =>
          called.forEach((m, i) => (out[m] = predictions[i]!)),
        ),
      )
      return Promise.all(placed).then(() => out)
    },
    close: () => Promise.resolve(),
  }
}
