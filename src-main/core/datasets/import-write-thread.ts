import { statSync } from 'node:fs'
import type { ImportReport } from '../../api/contract/datasets'
import { ApiError } from '../../api/errors'
import type { TaskProgress } from '../../api/contract/tasks'
import type { TaskContext } from '../tasks/task-registry'
import {
  deserializeError,
  WORKER_MIN_BYTES,
  type ReaderWorker,
  type SerializedError,
} from './import-reader'
import { importTrace } from './import-trace'
import type { ImportConfig, ImportDeps } from './import.task'
import { createPendingImports } from './pending-imports'
import { startWorker, workerEntry } from './worker-entry'

const ENTRY = 'import-write.worker'

/** Where a big import runs: the writer thread's entry, and where it finds the reader's. */
export interface WriterThread {
  entry: string
  readerDir: string
}

/** The writer thread's `workerData`. */
export interface WriterJob {
  taskId: string
  config: ImportConfig
  /** The workspace database: the thread opens its own connection to it. */
  dbFile: string
  readerDir: string
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
  let size = 0
  try {
    size = statSync(path).size
  } catch {
    // The import itself says what is wrong with the path.
  }
  return entry && size >= WORKER_MIN_BYTES ? { entry, readerDir: reader.dir } : null
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
  const job: WriterJob = {
    taskId: ctx.id,
    config: ctx.config,
    dbFile: deps.db.name,
    readerDir: thread.readerDir,
  }
  const trace = importTrace('main')
  const worker = startWorker(thread.entry, job)
  const command = (c: WriterCommand) => worker.postMessage(c)
  const stop = () => command({ type: 'stop' })
  ctx.signal.addEventListener('abort', stop, { once: true })
  const answerChunk = async (chunk: number) => {
    try {
      await deps.chunkGate?.(chunk, ctx.signal)
      command(ctx.signal.aborted ? { type: 'stop' } : { type: 'go' })
    } catch {
      stop()
    }
  }
  try {
    return await new Promise<ImportReport>((resolve, reject) => {
      worker.on('message', (m: WriterMessage) => {
        if (m.type === 'progress') ctx.progress(m.progress)
        else if (m.type === 'chunk') void answerChunk(m.chunk)
        else if (m.type === 'done') {
          trace?.finish()
          resolve(m.report)
        }
        else reject(deserializeError(m.error))
      })
      worker.on('error', reject)
      worker.on('exit', () =>
        reject(
          new ApiError(
            'UNAVAILABLE',
            'The import stopped unexpectedly (its writer thread exited); nothing was imported. Import the file again.',
          ),
        ),
      )
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
  }
}
