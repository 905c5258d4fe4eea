import type { TextField } from '../../../api/contract/predicting'
import type { BatchPrediction, DocBatch, Model } from '../../../../src-worker/ml/models/model'

/** A model as the pipeline uses it: what it reads and the version string written with each label. */
export interface LabelerModel {
  /** `name@version`, written to model_version. */
  version: string
  field: TextField
  model: Model
}

/**
 * The seam between the pipeline and the ML engine. In-process today; a pool implementation (texts
 * packed into transferable buffers, models cached per worker) plugs in once the engine registers
 * its predict worker.
 */
export interface BatchLabeler {
  readonly models: readonly Pick<LabelerModel, 'version' | 'field'>[]
  /** One prediction per model, in `models` order, with explanations (matched keywords/terms). */
  label(batch: DocBatch, signal: AbortSignal): Promise<BatchPrediction[]>
  close(): Promise<void>
}

export function createInProcessLabeler(models: readonly LabelerModel[]): BatchLabeler {
  return {
    models,
    label: (batch) =>
      Promise.resolve(models.map((m) => m.model.predictBatch(batch, { explain: true }))),
    close: () => Promise.resolve(),
  }
}
