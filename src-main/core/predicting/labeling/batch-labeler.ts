import {
  packDocs,
  transferablesOf,
  type DocBatch,
  type FieldName,
  type LabelExplanation,
} from '../../../../src-worker/ml'
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

/** Rows (ascending) that got a label from any of these predictions. */
function assignedRows(predictions: readonly ModelPrediction[], size: number): number[] {
  const hit = new Uint8Array(size)
  for (const p of predictions) {
    const width = p.labels.length
    for (let k = 0; k < p.assigned.length; k++) if (p.assigned[k]) hit[(k / width) | 0] = 1
  }
  const rows: number[] = []
  for (let r = 0; r < size; r++) if (hit[r]) rows.push(r)
  return rows
}

export function createPoolLabeler(
  pool: WorkerPool,
  models: readonly ResolvedModel[],
): BatchLabeler {
  const predict = async (
    call: Call,
    rows: number[] | null,
    explain: boolean,
    signal: AbortSignal,
  ) => {
    const fields: DocBatch['fields'] = {}
    for (const [field, texts] of Object.entries(call.slots))
      fields[field as FieldName] = rows ? rows.map((r) => texts[r]!) : texts
    const size = rows ? rows.length : (Object.values(call.slots)[0]?.length ?? 0)
    const docs = packDocs({ size, fields })
    const refs = call.models.map((m) => models[m]!.ref)
    return pool.run(
      'ml.predict',
      { models: refs, docs, explain },
      { signal, transferList: transferablesOf(docs) },
    )
  }
  /**
   * Labels without explanations first, then explains only the labelled rows: most rows get no
   * label, and explaining (and cloning) every row costs several times the labelling itself.
   */
  const run = async (call: Call, signal: AbortSignal): Promise<ModelPrediction[]> => {
    const first = await predict(call, null, false, signal)
    const rows = assignedRows(first.predictions, first.size)
    if (rows.length === 0) return first.predictions
    const second = await predict(call, rows, true, signal)
    return first.predictions.map((p, i) => {
      const explanations = new Array<LabelExplanation[]>(first.size)
      const sub = second.predictions[i]?.explanations ?? []
      rows.forEach((r, k) => (explanations[r] = sub[k] ?? []))
      return { ...p, explanations }
    })
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
