import { packDocs, transferablesOf, type FieldName } from '../../../../src-worker/ml'
import type { ModelPrediction } from '../../../../src-worker/ml/tasks/predict-task'
import type { WorkerPool } from '../../pool/worker-pool'
import type { ResolvedModel } from './model-refs'

/**
 * The seam between the pipeline and the ML engine: texts are packed into transferable buffers and
 * labelled in the Piscina pool ('ml.predict'), where each thread caches the models it has loaded.
 */
export interface BatchLabeler {
  readonly models: readonly ResolvedModel[]
  /**
   * One prediction per model, in `models` order, with explanations (matched keywords/terms).
   * `texts[m]` holds what model m reads; arrays shared by several models are sent once.
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
): BatchLabeler {
  /**
   * One pass with explanations: models explain only rows they matched (keyword, regex, term
   * weights) or explain from the scores they just computed (linear, naive Bayes), so a second
   * pass over the labelled rows would cost more than it saves.
   */
  const run = async (call: Call, signal: AbortSignal): Promise<ModelPrediction[]> => {
    const size = Object.values(call.slots)[0]?.length ?? 0
    const docs = packDocs({ size, fields: call.slots })
    const refs = call.models.map((m) => models[m]!.ref)
    const output = await pool.run(
      'ml.predict',
      { models: refs, docs, explain: true },
      { signal, transferList: transferablesOf(docs) },
    )
    return output.predictions
  }
  return {
    models,
    async label(texts, _size, signal) {
      const out = new Array<ModelPrediction>(models.length)
      await Promise.all(
        plan(models, texts).map(async (call) => {
          const predictions = await run(call, signal)
          call.models.forEach((m, i) => (out[m] = predictions[i]!))
        }),
      )
      return out
    },
    close: () => Promise.resolve(),
  }
}
