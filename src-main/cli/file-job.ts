import { createRegexWatch, watchedRegex } from '../../src-worker/ml/tasks/predict-task'
import type { WorkerTasks } from '../../src-worker/tasks'
import { createWorkerPool } from '../core/pool/worker-pool'
import { entryPaths } from '../host/entry-paths'

type FileJobName = 'ml.labelFile' | 'ml.evaluateFile'

/** Time a stopped thread gets beyond the budget: the model's own check fails slow patterns first. */
const GRACE_MS = 2000

/**
 * Runs a label/evaluate file job in a worker thread. A regex cannot be interrupted inside one
 * test, so when no batch completes for longer than the regex budget while a regex is running,
 * the thread is stopped and the failure names the pattern instead of hanging the command.
 */
export async function runFileJob<N extends FileJobName>(
  entryUrl: string,
  name: N,
  job: WorkerTasks[N]['input']['job'],
  modelPaths: readonly string[],
  timeBudgetMs: number,
): Promise<WorkerTasks[N]['output']> {
  const paths = entryPaths(entryUrl)
  const pool = createWorkerPool({
    workerDir: paths.workerDir,
    maxThreads: 1,
    ...(paths.workerExecArgv ? { execArgv: paths.workerExecArgv } : {}),
  })
  const watch = createRegexWatch()
  const cells = new Int32Array(watch)
  const stuck = new AbortController()
  let lastBatch = performance.now()
  const timer = setInterval(() => {
    const regexRunning = Atomics.load(cells, 1) >= 0
    if (regexRunning && performance.now() - lastBatch > timeBudgetMs + GRACE_MS) stuck.abort()
  }, 100)
  try {
    const input = { job, watch, timeBudgetMs } as WorkerTasks[N]['input']
    return await pool.run(name, input, {
      signal: stuck.signal,
      onProgress: () => (lastBatch = performance.now()),
    })
  } catch (error) {
    if (!stuck.signal.aborted) throw error
    const models = modelPaths.map((path, i) => ({ id: String(i), version: 0, path }))
    throw new Error(
      watchedRegex(watch, models, timeBudgetMs) ?? `A regex ran longer than ${timeBudgetMs} ms.`,
    )
  } finally {
    clearInterval(timer)
    await pool.close()
  }
}
