import { readFileSync } from 'node:fs'
import { withAtomicWriter } from '../../src-worker/ml/io/atomic-file'
import { createCsvWriter } from '../../src-worker/ml/io/csv-writer'
import { readDataRows } from '../../src-worker/ml/io/data-file'
import { readModelHeader } from '../../src-worker/ml/file/model-file'
import {
  labelHeader,
  packLabelBatch,
  type LabelBatch,
  type LabelFileJob,
} from '../../src-worker/ml/io/file-jobs'
import { watchedRegexMessage } from '../../src-worker/ml/tasks/predict-task'
import { runWatched } from '../core/pool/regex-watchdog'
import { createWorkerPool } from '../core/pool/worker-pool'
import { entryPaths } from '../host/entry-paths'

/** Code units of text per batch sent to a thread: long posts make batches of fewer rows. */
const BATCH_UNITS = 1 << 20

/**
 * `audience label`: reads the data file here and labels its batches on the worker pool's threads
 * (as many as predict tasks use, unless `threads` says), one batch per thread and one more in
 * flight, writing each batch's rows in input order. A batch crosses as packed cells and comes back
 * as UTF-8 bytes. A regex stuck on one text longer than the budget stops its thread, and the
 * failure names the pattern.
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
  let tables: Awaited<ReturnType<typeof shareModels>> = []
  const shareModels = () => pool.run('ml.shareModels', { modelPaths: job.modelPaths })
  const label = (columns: number, batch: LabelBatch | null) =>
    runWatched(
      { budgetMs: timeBudgetMs, name: (state) => watchedRegexMessage(state, models, timeBudgetMs) },
      (watch, signal) => {
        const input = { modelPaths: job.modelPaths, columns, batch, watch, timeBudgetMs, tables }
        return pool.run(
          'ml.labelRows',
          { ...input, csvFlavour: job.csvFlavour ?? 'raw' },
          { signal, ...(batch ? { transferList: transferablesOf(batch) } : {}) },
        )
      },
    )
  let count = 0
  try {
    // Loads and checks the models before the output file is started, on one thread that builds
    // the linear models' scorer tables in shared memory for all the threads.
    tables = await shareModels()
    const fields = job.modelPaths.map((path) => readModelHeader(readFileSync(path)).field)
    await withAtomicWriter(job.outPath, async (writer) => {
      const labelling: Promise<Uint8Array>[] = []
      let header: string[] | null = null
      for await (const rows of readDataRows(job.dataPath, { ...job, batchUnits: BATCH_UNITS })) {
        if (header === null) {
          header = Object.keys(rows[0]!.columns)
          await writer.write(csv.start + csv.row(labelHeader(header, job.modelPaths)))
        }
        const bytes = label(header.length, packLabelBatch(header, fields, rows))
        // Awaited in order below; a later batch failing first must not be an unhandled rejection.
        bytes.catch(() => {})
        labelling.push(bytes)
        count += rows.length
        if (labelling.length > pool.maxThreads) await writer.write(await labelling.shift()!)
      }
      for (const bytes of labelling) await writer.write(await bytes)
    })
  } finally {
    await pool.close()
  }
  return { rows: count }
}

const transferablesOf = ({ cells }: LabelBatch): ArrayBuffer[] => [
  cells.units.buffer as ArrayBuffer,
  cells.offsets.buffer as ArrayBuffer,
]
