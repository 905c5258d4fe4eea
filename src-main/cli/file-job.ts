import { watchedRegexMessage } from '../../src-worker/ml/tasks/predict-task'
import type { WorkerTasks } from '../../src-worker/tasks'
import { runWatched } from '../core/pool/regex-watchdog'
import { createWorkerPool } from '../core/pool/worker-pool'
import { entryPaths } from '../host/entry-paths'

type FileJobName = 'ml.evaluateFile'

/**
 * Runs an evaluate file job in a worker thread under the regex watchdog: a pattern stuck on
 * one text longer than the budget stops the thread, and the failure names the pattern instead of
 * hanging the command.
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
  const models = modelPaths.map((path, i) => ({ id: String(i), version: 0, path }))
  try {
    return await runWatched(
      {
        budgetMs: timeBudgetMs,
        name: (state) => watchedRegexMessage(state, models, timeBudgetMs),
      },
      (watch, signal) => {
        const input = { job, watch, timeBudgetMs } as WorkerTasks[N]['input']
        return pool.run(name, input, { signal })
      },
    )
  } finally {
    await pool.close()
  }
}
