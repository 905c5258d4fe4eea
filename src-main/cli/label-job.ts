import { withAtomicWriter } from '../../src-worker/ml/io/atomic-file'
import { createCsvWriter } from '../../src-worker/ml/io/csv-writer'
import { readDataRows, type DataRow } from '../../src-worker/ml/io/data-file'
import { labelHeader, type LabelFileJob } from '../../src-worker/ml/io/file-jobs'
import { watchedRegexMessage } from '../../src-worker/ml/tasks/predict-task'
import { runWatched } from '../core/pool/regex-watchdog'
import { createWorkerPool } from '../core/pool/worker-pool'
import { entryPaths } from '../host/entry-paths'

/**
 * `audience label`: reads the data file here and labels its batches on the worker pool's threads
 * (as many as predict tasks use, unless `threads` says), one batch per thread and one more in
 * flight, writing each batch's rows in input order. A regex stuck on one text longer than the
 * budget stops its thread, and the failure names the pattern.
 */
export async function runLabelJob(
  entryUrl: string,
  job: LabelFileJob,
  timeBudgetMs: number,
  threads?: number,
): Promise<{ rows: number }> {
  const paths = entryPaths(entryUrl)
  const pool = createWorkerPool({
    workerDir: paths.workerDir,
    ...(threads !== undefined ? { maxThreads: threads } : {}),
    ...(paths.workerExecArgv ? { execArgv: paths.workerExecArgv } : {}),
  })
  const models = job.modelPaths.map((path, i) => ({ id: String(i), version: 0, path }))
  const csv = createCsvWriter({ flavour: job.csvFlavour ?? 'raw' })
  const label = (header: string[], rows: DataRow[]) =>
    runWatched(
      { budgetMs: timeBudgetMs, name: (state) => watchedRegexMessage(state, models, timeBudgetMs) },
      (watch, signal) => {
        const input = { modelPaths: job.modelPaths, header, rows, watch, timeBudgetMs }
        return pool.run(
          'ml.labelRows',
          { ...input, csvFlavour: job.csvFlavour ?? 'raw' },
          { signal },
        )
      },
    )
  let count = 0
  try {
    // Loads and checks the models before the output file is started.
    await label([], [])
    await withAtomicWriter(job.outPath, async (writer) => {
      const labelling: Promise<string>[] = []
      let header: string[] | null = null
      for await (const rows of readDataRows(job.dataPath, job)) {
        if (header === null) {
          header = Object.keys(rows[0]!.columns)
          await writer.write(csv.start + csv.row(labelHeader(header, job.modelPaths)))
        }
        const text = label(header, rows)
        // Awaited in order below; a later batch failing first must not be an unhandled rejection.
        text.catch(() => {})
        labelling.push(text)
        count += rows.length
        if (labelling.length > pool.maxThreads) await writer.write(await labelling.shift()!)
      }
      for (const text of labelling) await writer.write(await text)
    })
  } finally {
    await pool.close()
  }
  return { rows: count }
}
