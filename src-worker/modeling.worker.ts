import {
  evaluateModel,
  modelFromFile,
  modelToFile,
  predictedLabelSets,
  trainingDataHash,
  trainingSetOf,
  trainModel,
  unpackDocs,
  unpackLabels,
  type Evaluation,
  type PackedDocs,
  type TrainConfig,
} from './ml'
import { reportProgress, type WorkerCall } from './protocol'
import { runWorkbench, type WorkbenchDraft } from './rules-workbench'
import type { WorkbenchResult } from '../src-main/api/contract/rules'

export interface FitInput {
  config: TrainConfig
  /** Labelled training documents; rule models may get none. */
  train: PackedDocs | null
  /** Labelled documents to evaluate on, with their ids. */
  test: (PackedDocs & { ids: string[] }) | null
}

export interface FitOutput {
  file: Uint8Array
  labels: string[]
  dataHash: string | null
  evaluation: Evaluation | null
}

/** Trains, evaluates on the test documents, and returns the model file bytes. */
export function fitAndEvaluate({ input, port }: WorkerCall<FitInput>): FitOutput {
  const field = input.config.field ?? 'content'
  const data = input.train ? trainingSetOf(input.train, field) : null
  reportProgress(port, { done: 0, total: 100, message: 'training' })
  const model = trainModel(input.config, data, (done, total, message) =>
    reportProgress(port, {
      done: Math.round((done / Math.max(1, total)) * 80),
      total: 100,
      message,
    }),
  )
  reportProgress(port, { done: 80, total: 100, message: 'evaluating' })
  const evaluation = input.test ? evaluatePacked(model, input.test) : null
  const dataHash = data ? trainingDataHash(data) : null
  const metrics = evaluation
    ? { accuracy: evaluation.report.accuracy, macroF1: evaluation.report.macroF1 }
    : undefined
  const file = modelToFile(model, {
    ...(dataHash ? { trainingDataHash: dataHash } : {}),
    ...(metrics ? { metrics } : {}),
  })
  reportProgress(port, { done: 100, total: 100, message: 'done' })
  return { file, labels: [...model.labels], dataHash, evaluation }
}

export interface EvaluateInput {
  file: Uint8Array
  docs: PackedDocs & { ids: string[] }
}

/** Evaluates a saved model file on labelled documents. */
export function evaluateFile({ input, port }: WorkerCall<EvaluateInput>): Evaluation {
  const { model } = modelFromFile(input.file)
  reportProgress(port, { done: 0, total: 1, message: 'evaluating' })
  const evaluation = evaluatePacked(model, input.docs)
  reportProgress(port, { done: 1, total: 1, message: 'done' })
  return evaluation
}

/** Predicted label sets of a model file over documents (for comparing two versions). */
export function predictFile({
  input,
}: WorkerCall<{ file: Uint8Array; docs: PackedDocs }>): string[][] {
  const { model } = modelFromFile(input.file)
  return predictedLabelSets(model.predictBatch(unpackDocs(input.docs)))
}

function evaluatePacked(
  model: ReturnType<typeof trainModel>,
  docs: PackedDocs & { ids: string[] },
) {
  const gold = docs.labels ? unpackLabels(docs.labels) : []
  return evaluateModel(model, unpackDocs(docs), gold, docs.ids)
}

export interface WorkbenchInput {
  draft: WorkbenchDraft
  docs: PackedDocs & { documentIds: number[] }
  field: string
  focusRule?: number
  examples: number
}

/** Rule statistics for the workbench: runs off the main thread so typing stays smooth. */
export function workbench({ input }: WorkerCall<WorkbenchInput>): WorkbenchResult {
  const batch = unpackDocs(input.docs)
  const texts = batch.fields[input.field as keyof typeof batch.fields] ?? []
  const gold = input.docs.labels ? unpackLabels(input.docs.labels) : []
  return runWorkbench(
    input.draft,
    { ids: input.docs.documentIds, texts, gold },
    {
      examples: input.examples,
      ...(input.focusRule === undefined ? {} : { focusRule: input.focusRule }),
    },
  )
}
