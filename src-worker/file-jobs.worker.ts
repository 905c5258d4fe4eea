import type { ClassificationReport } from './ml/metrics/classification-report'
import {
  evaluateFiles,
  labelFiles,
  type EvaluateFileJob,
  type LabelFileJob,
} from './ml/io/file-jobs'
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

/** `audience label` in a worker thread. */
export function labelFile({
  input,
  port,
}: WorkerCall<WatchedFileJob<LabelFileJob>>): Promise<{ rows: number }> {
  return labelFiles(input.job, watchOf(input, port))
}

/** `audience evaluate` (file mode) in a worker thread. */
export function evaluateFile({
  input,
  port,
}: WorkerCall<WatchedFileJob<EvaluateFileJob>>): Promise<ClassificationReport> {
  return evaluateFiles(input.job, watchOf(input, port))
}
