import { TASK_KINDS } from '../../api/contract/tasks'
import { performance } from 'node:perf_hooks'
import { rmSync } from 'node:fs'
import { setImmediate as nextTurn } from 'node:timers/promises'
import type { DatasetFormat, ImportReport, LabelMode } from '../../api/contract/datasets'
import { ApiError } from '../../api/errors'
import type { Sqlite } from '../db/sqlite'
import { FormatError } from '../formats/format-error'
import type { TaskContext, TaskKind } from '../tasks/task-registry'
import { createChunkPace } from './chunk-pace'
import type { DatasetService } from './datasets.service'
import { createImportReport, SKIPPING_PROBLEMS, type ImportReportBuilder } from './import-report'
import { openImportReader, type ReaderPort, type ReaderWorker } from './import-reader'
import { noDocuments, type ReadConfig } from './import-source'
import type { ImportTrace } from './import-trace'
import { createImportWriter, type ImportDatasets, type ImportTarget } from './import-writer'
import { importOnWriterThread, writerThreadFor } from './import-write-thread'
import type { ReadBatch } from './read-batch-columns'

export interface ImportConfig {
  target: ImportTarget
  path: string
  fileName: string
  /** Delete `path` when done (uploaded content written by the core). */
  removeSource: boolean
  format: DatasetFormat | 'auto'
  read: ReadConfig
  duplicates: 'skip' | 'keep'
  onProblem: 'skip' | 'fail'
}

export interface ImportDeps {
  db: Sqlite
  datasets: DatasetService
  /** Imports whose task runs in this process (the background must not remove their rows). */
  running: Set<string>
  /** Called when an import left rows to remove or an index to build. */
  onBackgroundWork: () => void
  /**
   * Where built worker entries are: big files are then read on one worker thread and written on
   * another with its own connection; absent, both happen in this thread.
   */
  reader?: ReaderWorker | undefined
  /** Test-only: awaited after each written chunk (the documents are still invisible). */
  chunkGate?: ((chunk: number, signal: AbortSignal) => Promise<void>) | undefined
}

/**
 * How long one transaction of an import holds the thread that answers API calls. Chunks measured at
 * 40 ms took up to 200 ms on a loaded 2-core machine (the reader thread and other processes preempt
 * it), so the target leaves room for a 5x stretch within 100 ms; commits cost more as chunks shrink.
 */
const WRITE_CHUNK_MS = 20
/**
 * On the writer thread a transaction blocks only writes from other connections (reads go on in
 * WAL mode), and the writer waits for the task's thread after each one, so a write there waits for
 * one chunk at most: long enough that commits cost little, short enough for a click to feel instant.
 */
export const THREAD_CHUNK_MS = 50

/** What `runImport` needs, in this thread or on the writer thread. */
export interface ImportRunDeps {
  db: Sqlite
  datasets: ImportDatasets
  /** Where to start a reader thread for a big file, or a reader thread already started. */
  reader?: ReaderWorker | ReaderPort | undefined
  /** How long one write transaction may take (see WRITE_CHUNK_MS). */
  chunkMs: number
  /** Awaited after each written chunk; the writer thread asks the task's thread here. */
  afterChunk?: ((chunk: number, signal: AbortSignal) => Promise<void>) | undefined
  /** Called when the import left rows to remove. */
  onAbandoned: () => void
  /** Bench-only: where this thread waits (see import-trace). */
  trace?: ImportTrace | null | undefined
}

/** The part of a task's context an import run uses (the writer thread makes its own). */
export type ImportRunContext = Pick<
  TaskContext<ImportConfig>,
  'id' | 'config' | 'signal' | 'progress'
>

interface StageStats {
  labeledRows: number
  multiLabelRows: number
}

/**
 * `datasets.import`: stream → parse → write in short transactions, invisible until one tiny commit
 * makes the documents live (see import-writer). The event loop turns between chunks, so API calls
 * are answered meanwhile; failure or abort leaves the dataset as it was.
 */
export function importTask(
  deps: ImportDeps,
): TaskKind<ImportConfig, null, ImportReport, typeof TASK_KINDS.import> {
  return {
    kind: TASK_KINDS.import,
    resumable: false,
    run: async (ctx) => {
      deps.running.add(ctx.id)
      let imported = false
      try {
        const thread = writerThreadFor(ctx.config.path, deps.reader)
        const report = thread
          ? await importOnWriterThread(ctx, thread, deps)
          : await runImport(ctx, {
              db: deps.db,
              datasets: deps.datasets,
              reader: deps.reader,
              chunkMs: WRITE_CHUNK_MS,
              afterChunk: deps.chunkGate,
              onAbandoned: deps.onBackgroundWork,
            })
        imported = true
        deps.onBackgroundWork()
        deps.datasets.notifyChanged(report.datasetId)
        return report
      } finally {
        deps.running.delete(ctx.id)
        // A failed upload stays, so the user can import it again (skipping bad rows, say).
        if (ctx.config.removeSource && imported) rmSync(ctx.config.path, { force: true })
      }
    },
  }
}

/**
 * `datasets.import`: stream → parse → write in short transactions, invisible until one tiny commit
 * makes the documents live (see import-writer). Between chunks `afterChunk` runs and the event loop
 * turns; failure or abort leaves the dataset as it was.
 */
export async function runImport(ctx: ImportRunContext, deps: ImportRunDeps): Promise<ImportReport> {
  const { config } = ctx
  const mode = targetMode(deps.datasets, config.target)
  const source = await openImportReader(
    { path: config.path, fileName: config.fileName, format: config.format, read: config.read },
    deps.reader,
    deps.trace,
  ).catch((error: unknown) => {
    throw asImportError(error)
  })
  const builder = createImportReport(source.format, source.encoding)
  const stats: StageStats = { labeledRows: 0, multiLabelRows: 0 }
  const writer = createImportWriter(
    deps.db,
    deps.datasets,
    { taskId: ctx.id, target: config.target, duplicates: config.duplicates },
    builder,
  )
  const pace = createChunkPace(deps.chunkMs, 500, 50, 20_000)
  const report = builder.report
  const progress = () =>
    ctx.progress({
      done: source.bytesRead(),
      total: source.totalBytes,
      message: `Importing: ${report.imported} documents saved of ${report.rowsRead} rows read`,
    })
  let chunks = 0
  /** `afterChunk` of the last chunk: records are read and staged meanwhile, not written. */
  let answered: Promise<void> = Promise.resolve()
  const { trace } = deps
  const passed = async () => {
    const waiting = trace?.now()
    await answered
    if (waiting !== undefined) trace?.wait('go', waiting)
    ctx.signal.throwIfAborted()
  }
  /** Writes the buffered rows once the last chunk's `afterChunk` passed, then lets the event loop turn. */
  const flush = async () => {
    await passed()
    const start = performance.now()
    const rows = writer.flush()
    pace.record(rows, performance.now() - start)
    if (trace) {
      trace.step('write', start + performance.timeOrigin)
      trace.sample('chunkRows', rows)
    }
    if (deps.afterChunk) {
      answered = untilAborted(deps.afterChunk(chunks++, ctx.signal), ctx.signal)
      // Awaited before the next write; a rejection meanwhile must not count as unhandled.
      answered.catch(() => {})
    }
    progress()
    const turning = trace?.now()
    await nextTurn()
    if (turning !== undefined) trace?.wait('turn', turning)
    ctx.signal.throwIfAborted()
  }
  try {
    const claiming = trace?.now()
    await writer.claim(ctx.signal, () =>
      ctx.progress({ done: 0, message: 'Waiting for another import into this dataset to finish' }),
    )
    if (claiming !== undefined) trace?.step('claim', claiming)
    for await (const batch of source.batches) {
      const { columns } = batch
      const records = columns.text.length
      // Problems sit between records at their positions in the file (see ReadBatchColumns).
      for (
        let at = 0, record = 0, problem = 0;
        record < records || problem < columns.problems.length;
        at++
      ) {
        if (record === records || columns.problemAt[problem] === at) {
          const found = columns.problems[problem++]!
          builder.problem(found)
          if (config.onProblem === 'fail' && SKIPPING_PROBLEMS.includes(found.kind)) {
            const { line, message } = found
            throw new ApiError(
              'VALIDATION',
              `Line ${line}: ${message.replace(/; row skipped$/, '')}. Nothing was imported; fix the file, or import again ` +
                'skipping bad rows.',
              { line, kind: found.kind },
            )
          }
          continue
        }
        stageRecord(batch, record, mode, builder, stats)
        writer.add(batch, record++)
        if (writer.buffered >= pace.rows) await flush()
      }
    }
    await flush()
    await passed()
    if (report.rowsRead === 0) throw noDocuments(config.fileName)
    const inferred: LabelMode =
      stats.multiLabelRows === 0 && stats.labeledRows > 0 ? 'single' : 'multi'
    const newMode = 'newDataset' in config.target ? (mode ?? inferred) : null
    const committing = trace?.now()
    writer.commit(newMode)
    if (committing !== undefined) trace?.step('commit', committing)
  } catch (error) {
    if (writer.abandon()) deps.onAbandoned()
    throw asImportError(error)
  } finally {
    source.close()
  }
  return report
}

/** Settles with `work`, or as soon as the task is aborted (a test gate must not outlive it). */
function untilAborted(work: Promise<void>, signal: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const stop = () => reject(signal.reason as Error)
    if (signal.aborted) return stop()
    signal.addEventListener('abort', stop, { once: true })
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', stop))
  })
}

/** Counts a record, keeping only the first label of a record for a single-label dataset. */
function stageRecord(
  { columns, labelAt }: ReadBatch,
  i: number,
  mode: LabelMode | null,
  builder: ImportReportBuilder,
  stats: StageStats,
): void {
  builder.report.rowsRead++
  const labels = columns.labelCount[i]!
  if (mode === 'single' && labels > 1) {
    const first = labelAt[i]!
    const dropped = columns.labels.slice(first + 1, first + labels).join(', ')
    builder.problem({
      line: columns.line[i]!,
      kind: 'extra-labels',
      message: `single-label dataset: kept "${columns.labels[first]}", dropped ${dropped}`,
    })
    columns.labelCount[i] = 1
  }
  if (labels > 0) stats.labeledRows++
  if (labels > 1 && mode !== 'single') stats.multiLabelRows++
}

/** The label mode imports must respect; null when a new dataset takes the file's. Fails fast on a bad target. */
function targetMode(datasets: ImportDatasets, target: ImportTarget): LabelMode | null {
  if ('datasetId' in target) return datasets.requireLive(target.datasetId).label_mode
  if (datasets.isNameTaken(target.newDataset.name)) {
    throw new ApiError(
      'CONFLICT',
      `A dataset named "${target.newDataset.name}" already exists. Import into it or choose another name.`,
    )
  }
  return target.newDataset.labelMode ?? null
}

function asImportError(error: unknown): unknown {
  if (error instanceof FormatError) return new ApiError('VALIDATION', error.message)
  if (error instanceof SyntaxError)
    return new ApiError('VALIDATION', `${error.message}. Check the file is valid JSON.`)
  return error
}
