import { sharedSearchControl } from '../auto/search-control'
import type { ModelSelection } from '../auto/selection'
import type { ModelHeader } from '../file/model-file'
import { readModelHeader } from '../file/model-file'
import { labelPrior } from '../metrics/baseline'
import { classificationReport, type ClassificationReport } from '../metrics/classification-report'
import { evaluateModel, predictedLabelSets, type RowDetail } from '../metrics/evaluate'
import type { ModelDescription } from '../models/model'
import { modelToFile, trainModelTimed } from '../models/registry'
import type { TrainConfig } from '../models/train-config'
import { trainingSetOf, unpackDocs, unpackLabels, type PackedDocs } from '../packed'
import { trainingDataHash } from '../training-data-hash'

export interface TrainTaskInput {
  config: TrainConfig
  /** Labelled rows (packed); optional for keyword and regex models. */
  train?: PackedDocs
  /** Held-out labelled rows to evaluate the new model on. */
  evaluation?: PackedDocs
  /** Row ids of `evaluation`; with them the output carries per-row details. */
  evaluationIds?: string[]
  /** A shared control buffer (auto/search-control): the caller's abort, and test gates. */
  control?: Int32Array
}

export interface TrainTaskOutput {
  /** The .audmodel file. */
  file: Uint8Array
  header: ModelHeader
  description: ModelDescription
  report: ClassificationReport | null
  /** Per-row validation details, when evaluationIds were given. */
  details: RowDetail[] | null
  /** The cross-validation table (automatic selection, or a fixed model scored by CV). */
  selection: ModelSelection | null
  /** Whole training time, of which cvSeconds went to cross-validation (calibration, thresholds). */
  fitSeconds: number
  cvSeconds: number
}

export type TrainProgress = (done: number, total: number, message: string) => void

/** Fit, optionally evaluate, and serialise: the whole train task without threads. */
export function runTrainTask(
  input: TrainTaskInput,
  progress: TrainProgress,
  announceCandidate: (candidate: number) => void = () => {},
): TrainTaskOutput {
  const field = input.config.field ?? 'content'
  const data = input.train ? trainingSetOf(input.train, field) : null
  const started = performance.now()
  const { model, timings, selection } = trainModelTimed(
    input.config,
    data,
    (done, total, message) => progress(done, total + 1, message),
    input.control ? sharedSearchControl(input.control, announceCandidate) : undefined,
  )
  const fitSeconds = (performance.now() - started) / 1000
  const prior = data ? labelPrior(data.labels) : null
  let report: ClassificationReport | null = null
  let details: RowDetail[] | null = null
  if (input.evaluation?.labels) {
    const total = input.evaluation.size
    progress(0, total, 'evaluating')
    const gold = unpackLabels(input.evaluation.labels)
    if (input.evaluationIds) {
      ;({ report, details } = evaluateModel(
        model,
        unpackDocs(input.evaluation),
        gold,
        input.evaluationIds,
        prior,
      ))
    } else {
      const prediction = model.predictBatch(unpackDocs(input.evaluation))
      report = classificationReport(gold, predictedLabelSets(prediction), {
        multiLabel: model.decision.multiLabel || undefined,
        prior,
      })
    }
    progress(total, total, 'evaluated')
  }
  const metrics: Record<string, number> = report
    ? { macroF1: report.macroF1, microF1: report.microF1, accuracy: report.accuracy }
    : {}
  const file = modelToFile(model, {
    trainingDataHash: data ? trainingDataHash(data) : '',
    metrics,
    ...(prior ? { labelPrior: prior } : {}),
    ...(selection ? { selection } : {}),
  })
  const description = model.describe()
  const header = readModelHeader(file)
  return {
    file,
    header,
    description,
    report,
    details,
    selection: selection ?? null,
    fitSeconds,
    cvSeconds: timings.cvSeconds,
  }
}
