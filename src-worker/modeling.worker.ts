import {
  evaluateModel,
  modelFromFile,
  predictedLabelSets,
  readLabelPrior,
  unpackDocs,
  unpackLabels,
  type Evaluation,
  type LabelPrior,
  type Model,
  type PackedDocs,
} from './ml'
import {
  runSuggestTask,
  type SuggestTaskInput,
  type SuggestTaskOutput,
} from './ml/active/suggest-task'
import { reportProgress, type WorkerCall } from './protocol'
import {
  compileExclusions,
  type ExcludedTexts,
  type ExclusionSetSpec,
} from './preprocess/exclusions'
import { runWorkbench, type WorkbenchDraft } from './rules-workbench'
import type { WorkbenchResult } from '../src-main/api/contract/rules'

export interface EvaluateInput {
  file: Uint8Array
  docs: PackedDocs & { ids: string[] }
}

/** Evaluates a saved model file on labelled documents. */
export function evaluateFile({ input, port }: WorkerCall<EvaluateInput>): Evaluation {
  const { model, header } = modelFromFile(input.file)
  reportProgress(port, { done: 0, total: 1, message: 'evaluating' })
  const evaluation = evaluatePacked(model, input.docs, readLabelPrior(header.labelPrior))
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
  model: Model,
  docs: PackedDocs & { ids: string[] },
  prior: LabelPrior | null,
) {
  const gold = docs.labels ? unpackLabels(docs.labels) : []
  return evaluateModel(model, unpackDocs(docs), gold, docs.ids, prior)
}

export interface WorkbenchInput {
  draft: WorkbenchDraft
  /** Names one packed snapshot of the dataset; the texts are sent only when this thread lacks them. */
  cacheKey: string
  docs?: PackedDocs & { documentIds: number[] }
  field: string
  focusRule?: number
  examples: number
}

export type WorkbenchOutput = WorkbenchResult | { missing: true }

interface WorkbenchDocs {
  ids: number[]
  texts: string[]
  gold: string[][]
}

/** Unpacked datasets this thread has seen: decoding 50k texts per keystroke would dominate. */
const workbenchDocs = new Map<string, WorkbenchDocs>()

/** Rule statistics for the workbench: runs off the main thread so typing stays smooth. */
export function workbench({ input }: WorkerCall<WorkbenchInput>): WorkbenchOutput {
  let docs = workbenchDocs.get(input.cacheKey)
  if (!docs) {
    if (!input.docs) return { missing: true }
    const batch = unpackDocs(input.docs)
    docs = {
      ids: input.docs.documentIds,
      texts: [...(batch.fields[input.field as keyof typeof batch.fields] ?? [])],
      gold: input.docs.labels ? unpackLabels(input.docs.labels) : [],
    }
    workbenchDocs.clear()
    workbenchDocs.set(input.cacheKey, docs)
  }
  return runWorkbench(input.draft, docs, {
    examples: input.examples,
    ...(input.focusRule === undefined ? {} : { focusRule: input.focusRule }),
  })
}

export interface ExcludeInput {
  sets: ExclusionSetSpec[]
  /** The texts, in the content slot. */
  docs: PackedDocs
  /** Names the pattern running (see patterns/regex-watch.ts): group s is set s. */
  watch: SharedArrayBuffer
  /** How long one pattern may take on one text (ms). */
  timeBudgetMs: number
}

/** Exclusion sets over texts, off the main thread (their patterns are the user's). */
export function excludeTexts({ input }: WorkerCall<ExcludeInput>): ExcludedTexts {
  const texts = unpackDocs(input.docs).fields.content ?? []
  return compileExclusions(input.sets).applyAll(texts, {
    cells: new Int32Array(input.watch),
    budgetMs: input.timeBudgetMs,
  })
}

/** Suggestions and queue scores of a model version over a dataset's documents. */
export function suggest({ input, port }: WorkerCall<SuggestTaskInput>): SuggestTaskOutput {
  return runSuggestTask(input, (done, total, message) =>
    reportProgress(port, { done, total, message }),
  )
}
