import type { ClassificationReport } from './ml/metrics/classification-report'
import type { CsvFlavour } from './ml/io/csv-writer'
import { createCsvWriter } from './ml/io/csv-writer'
import {
  evaluateFiles,
  labelRowsCsv,
  loadModelFile,
  type EvaluateFileJob,
  Utf8Output,
  type LabelBatch,
} from './ml/io/file-jobs'
import { LinearModel } from './ml/models/linear/linear-model'
import type { ScorerTables } from './ml/models/linear/scorer-tables'
import type { Model } from './ml/models/model'
import { reportProgress, type WorkerCall } from './protocol'

/** A file job run in a thread the caller can stop: it watches `watch` and the progress port. */
export interface WatchedFileJob<J> {
  job: J
  /** Names the regex running (see patterns/regex-watch.ts). */
  watch: SharedArrayBuffer
  timeBudgetMs: number
}

const watchOf = (
  { watch, timeBudgetMs }: WatchedFileJob<unknown>,
  port: WorkerCall<unknown>['port'],
) => ({
  cells: new Int32Array(watch),
  timeBudgetMs,
  progress: (rows: number) => reportProgress(port, { done: rows, message: 'rows' }),
})

/** One batch of `audience label`, labelled on any thread of the pool (see src-main/cli/label-job.ts). */
export interface LabelRowsInput {
  modelPaths: string[]
  /** The input columns written back out: the first cells of each row. */
  columns: number
  /** null: no rows, only load and check the models. */
  batch: LabelBatch | null
  csvFlavour: CsvFlavour
  /** Names the regex running (see patterns/regex-watch.ts). */
  watch: SharedArrayBuffer
  timeBudgetMs: number
  /** Per model: its scorer tables in shared buffers (see shareModels), or null. */
  tables?: (ScorerTables | null)[]
}

/** Models this thread has loaded, by path: a label run reads each model file once per thread. */
const loaded = new Map<string, Model>()

/** This thread's output buffer, reused by every batch it labels. */
const output = new Utf8Output()

const modelAt = (path: string, tables: ScorerTables | null | undefined): Model => {
  let model = loaded.get(path)
  if (!model) loaded.set(path, (model = loadModelFile(path, tables ? { tables } : {}).model))
  return model
}

/**
 * `audience label`, before its batches: loads and checks the models here, linear ones with their
 * scorer tables in shared buffers, returned for the other threads to load the models over them.
 */
export function shareModels({ input }: WorkerCall<{ modelPaths: string[] }>) {
  return input.modelPaths.map((path) => {
    const { model } = loadModelFile(path, {})
    loaded.set(path, model)
    return model instanceof LinearModel ? model.scorerTables() : null
  })
}

/** `audience label`: one batch's output CSV rows as UTF-8 (no batch: loads and checks the models). */
export function labelRows({ input }: WorkerCall<LabelRowsInput>): Uint8Array {
  const models = input.modelPaths.map((path, m) => modelAt(path, input.tables?.[m]))
  if (input.batch === null) return new Uint8Array(0)
  const csv = createCsvWriter({ flavour: input.csvFlavour })
  const watch = { cells: new Int32Array(input.watch), timeBudgetMs: input.timeBudgetMs }
  return labelRowsCsv(models, input.columns, input.batch, csv, watch, output)
}

/** `audience evaluate` (file mode) in a worker thread. */
export function evaluateFile({
  input,
  port,
}: WorkerCall<WatchedFileJob<EvaluateFileJob>>): Promise<ClassificationReport> {
  return evaluateFiles(input.job, watchOf(input, port))
}
