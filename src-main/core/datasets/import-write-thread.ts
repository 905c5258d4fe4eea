import { statSync } from 'node:fs'
import { MessageChannel, type MessagePort } from 'node:worker_threads'
import type { ImportReport } from '../../api/contract/datasets'
import { ApiError } from '../../api/errors'
import type { TaskProgress } from '../../api/contract/tasks'
import type { TaskContext } from '../tasks/task-registry'
import {
  deserializeError,
  readerEntry,
  WORKER_MIN_BYTES,
  type ReaderJob,
  type ReaderWorker,
  type SerializedError,
} from './import-reader'
import { importTrace } from './import-trace'
import type { ImportConfig, ImportDeps } from './import.task'
import { createPendingImports } from './pending-imports'
import { startWorker, workerEntry } from './worker-entry'

const ENTRY = 'import-write.worker'
/** Above the task registry's progress throttle (200 ms), so a relayed report is written at once. */
const PROGRESS_MS = 250

/** Where a big import runs: the writer thread's entry and the reader thread's. */
export interface WriterThread {
  entry: string
  readerEntry: string
}

/** The writer thread's `workerData`. */
export interface WriterJob {
  taskId: string
  config: ImportConfig
  /** The workspace database: the thread opens its own connection to it. */
  dbFile: string
  /** To the reader thread, started beside the writer so that neither waits for the other's start. */
  readerPort: MessagePort
}

/** Messages from the writer thread. */
export type WriterMessage =
  | { type: 'progress'; progress: TaskProgress }
  /** A chunk was written: the thread waits for `go` (or `stop`) before the next transaction. */
  | { type: 'chunk'; chunk: number }
  | { type: 'done'; report: ImportReport }
  | { type: 'error'; error: SerializedError }

/** Messages to the writer thread. */
export type WriterCommand = { type: 'go' } | { type: 'stop' }

/** A writer thread for files big enough to be worth one (and built entries to run), else null. */
export function writerThreadFor(path: string, reader?: ReaderWorker): WriterThread | null {
  if (!reader) return null
  const entry = workerEntry(reader.dir, ENTRY)
  const readerAt = readerEntry(reader)
  let size = 0
  try {
    size = statSync(path).size
  } catch {
    // The import itself says what is wrong with the path.
  }
  return entry && readerAt && size >= WORKER_MIN_BYTES ? { entry, readerEntry: readerAt } : null
}

/**
 * Runs an import on a worker thread with its own SQLite connection (import-write.worker.ts), so
 * this thread only relays: progress, the test gate after each chunk, abort. The thread waits for
 * this one after every transaction, which lets writes queued here (progress, a user's click) take
 * the database lock between two chunks instead of starving in SQLite's busy wait.
 */
export async function importOnWriterThread(
  ctx: TaskContext<ImportConfig>,
  thread: WriterThread,
  deps: ImportDeps,
): Promise<ImportReport> {
  const trace = importTrace('main')
  const { port1, port2 } = new MessageChannel()
  const { path, fileName, format, read } = ctx.config
  const readerJob: ReaderJob = { path, fileName, format, read, port: port2 }
  const reader = startWorker(thread.readerEntry, readerJob, [port2])
  const job: WriterJob = {
    taskId: ctx.id,
    config: ctx.config,
    dbFile: deps.db.name,
    readerPort: port1,
  }
  const worker = startWorker(thread.entry, job, [port1])
  const command = (c: WriterCommand) => worker.postMessage(c)
  const stop = () => command({ type: 'stop' })
  ctx.signal.addEventListener('abort', stop, { once: true })
  /**
   * The thread's latest progress, written when it reports a chunk: it then waits for `go` and holds
   * no lock. Written as it arrives (or by the registry's trailing timer), the write fell inside the
   * next transaction and blocked this thread in SQLite's busy wait (up to a chunk and the wait's
   * sleep), and with it every API call. Every PROGRESS_MS, so the registry's throttle never defers it.
   */
  let progress: TaskProgress | null = null
  let progressAt = 0
  let writing = false
  const writeProgress = () => {
    if (!progress || performance.now() - progressAt < PROGRESS_MS) return
    ctx.progress(progress)
    progress = null
    progressAt = performance.now()
  }
  const answerChunk = async (chunk: number) => {
    try {
      writeProgress()
      await deps.chunkGate?.(chunk, ctx.signal)
      command(ctx.signal.aborted ? { type: 'stop' } : { type: 'go' })
    } catch {
      stop()
    }
  }
  try {
    return await new Promise<ImportReport>((resolve, reject) => {
      worker.on('message', (m: WriterMessage) => {
        if (m.type === 'progress') {
          progress = m.progress
          // Before the first chunk (claiming, waiting for another import) no transaction is near.
          if (!writing) writeProgress()
        } else if (m.type === 'chunk') {
          writing = true
          void answerChunk(m.chunk)
        } else if (m.type === 'done') {
          trace?.finish()
          resolve(m.report)
        } else reject(deserializeError(m.error))
      })
      worker.on('error', reject)
      worker.on('exit', () => reject(threadExited('writer')))
      // It reports its own failures to the writer, then exits with 0; ended here only after.
      reader.on('error', reject)
      reader.on('exit', (code) => code !== 0 && reject(threadExited('reader')))
    })
  } catch (error) {
    // The thread hands its rows to the removal when it fails; not when it died.
    createPendingImports(deps.db).discardTask(ctx.id)
    deps.onBackgroundWork()
    if (ctx.signal.aborted) throw ctx.signal.reason
    throw error
  } finally {
    ctx.signal.removeEventListener('abort', stop)
    void worker.terminate()
    void reader.terminate()
  }
}

const threadExited = (thread: 'reader' | 'writer') =>
  new ApiError(
    'UNAVAILABLE',
    `The import stopped unexpectedly (its ${thread} thread exited); nothing was imported. Import the file again.`,
  )
