import { statSync } from 'node:fs'
import type { DatasetFormat, TextEncoding } from '../../api/contract/datasets'
import { ApiError, type ApiErrorCode } from '../../api/errors'
import { FormatError } from '../formats/format-error'
import type { ParseItem } from '../formats/record'
import { contentHash } from './content-hash'
import { readSource, type ReadConfig } from './import-source'
import { traceNow, type ImportTrace } from './import-trace'
import {
  addProblem,
  addRecord,
  emptyColumns,
  fromPosted,
  indexBatch,
  itemCount,
  type PostedColumns,
  type ReadBatch,
  type ReadBatchColumns,
} from './read-batch-columns'
import { startWorker, workerEntry } from './worker-entry'
import { Worker, type MessagePort } from 'node:worker_threads'

/** Plain data: it is posted to the reader thread as is. */
export interface ReadOptions {
  path: string
  fileName: string
  format: DatasetFormat | 'auto'
  read: ReadConfig
}

export interface ImportReader {
  format: DatasetFormat
  encoding: TextEncoding
  totalBytes: number
  bytesRead(): number
  /** Records and problems in file order, as columns (the writer stages from them, no objects). */
  batches: AsyncIterable<ReadBatch>
  /** Read on a worker thread (big files) rather than in this one. */
  inWorker: boolean
  /** Stops reading (the file, or the worker). */
  close(): void
}

/** Where the reader's built worker entry is (out/main); absent there, the .ts source runs under tsx. */
export interface ReaderWorker {
  dir: string
}

/**
 * A reader thread started elsewhere (by the task's thread, beside the writer thread), reached over
 * `port`; whoever started it watches it and ends it.
 */
export interface ReaderPort {
  port: MessagePort
}

/** The reader thread's `workerData`: the port to talk over when not its parent's. */
export type ReaderJob = ReadOptions & { port?: MessagePort | undefined }

/** Files at least this big are read on a worker thread: its start costs more than small files take. */
export const WORKER_MIN_BYTES = 2 * 1024 ** 2
const BATCH = 1000
/**
 * Batches a worker may read ahead of the writer. The writer takes batches only between two write
 * transactions (up to ~3,500 rows each at 50 ms), so the reader must be able to fill the next
 * chunk and more meanwhile: with 3, it stopped for credit during each write and the writer then
 * waited for it (import trace: both threads idle in turn). 8 batches hold ~4 MB of text.
 */
const AHEAD = 8
const ENTRY = 'import-read.worker'

/** Hashes parsed records into batches of columns, in this thread. */
export async function* readBatches(
  batches: AsyncIterable<ParseItem[]>,
): AsyncGenerator<ReadBatchColumns> {
  let columns = emptyColumns()
  for await (const items of batches) {
    for (const item of items) {
      if ('record' in item) addRecord(columns, item.record, contentHash(item.record.text))
      else addProblem(columns, item.problem)
      if (itemCount(columns) >= BATCH) {
        yield columns
        columns = emptyColumns()
      }
    }
  }
  if (itemCount(columns) > 0) yield columns
}

async function* indexed(batches: AsyncIterable<ReadBatchColumns>): AsyncGenerator<ReadBatch> {
  for await (const columns of batches) yield indexBatch(columns)
}

/**
 * Opens a file for import: decoding, parsing and hashing run on a worker thread for big files, so
 * they overlap with the SQLite writes on the main thread; small files are read in this thread.
 */
export async function openImportReader(
  options: ReadOptions,
  worker?: ReaderWorker | ReaderPort,
  trace?: ImportTrace | null,
): Promise<ImportReader> {
  if (worker && 'port' in worker) return readFromThread(worker.port, trace ?? null)
  const entry = worker ? readerEntry(worker) : null
  let size = 0
  try {
    size = statSync(options.path).size
  } catch {
    // openSource says what is wrong with the path.
  }
  if (entry && size >= WORKER_MIN_BYTES) {
    const thread = startWorker(entry, options)
    return readFromThread(thread, trace ?? null)
  }
  const { source, batches } = await openRead(options)
  return {
    format: source.format,
    encoding: source.encoding,
    totalBytes: source.totalBytes,
    bytesRead: source.bytesRead,
    batches: indexed(readBatches(batches)),
    inWorker: false,
    close: source.close,
  }
}

/** The reader thread's entry in `worker.dir`, or its .ts source. */
export const readerEntry = (worker: ReaderWorker) => workerEntry(worker.dir, ENTRY)

/** Opens and parses the file as the options say (in whichever thread calls it). */
export const openRead = (o: ReadOptions) => readSource(o.path, o.fileName, o.format, o.read)

/** Messages from the worker (import-read.worker.ts). */
export type ReaderMessage =
  | { type: 'opened'; format: DatasetFormat; encoding: TextEncoding; totalBytes: number }
  /** `posted`: when the reader sent it, while tracing (see import-trace). */
  | { type: 'batch'; columns: PostedColumns; bytesRead: number; posted?: number | undefined }
  | { type: 'end' }
  | { type: 'error'; error: SerializedError }

export interface SerializedError {
  name: string
  message: string
  line?: number | undefined
  code?: ApiErrorCode | undefined
  details?: unknown
  /** An unexpected error's stack, for the log of the thread that reports it. */
  stack?: string | undefined
}

export function serializeError(error: unknown): SerializedError {
  if (error instanceof ApiError)
    return { name: 'ApiError', message: error.message, code: error.code, details: error.details }
  if (error instanceof FormatError)
    return { name: 'FormatError', message: error.message, line: error.line }
  if (error instanceof Error)
    return { name: error.name, message: error.message, stack: error.stack }
  return { name: 'Error', message: String(error) }
}

export function deserializeError(e: SerializedError): Error {
  if (e.name === 'ApiError' && e.code) return new ApiError(e.code, e.message, e.details)
  if (e.name === 'FormatError') return new FormatError(e.message, e.line)
  if (e.name === 'SyntaxError') return new SyntaxError(e.message)
  const error = new Error(e.message)
  if (e.stack) error.stack = e.stack
  return error
}

/**
 * Reads from a reader thread over `port`: the thread itself when this one started it (watched and
 * ended here), else a port to a thread started elsewhere.
 */
async function readFromThread(
  port: MessagePort | Worker,
  trace: ImportTrace | null,
): Promise<ImportReader> {
  const owned = port instanceof Worker ? port : null
  const queue: ReaderMessage[] = []
  let wake: (() => void) | null = null
  let failure: Error | null = null
  port.on('message', (m: ReaderMessage) => {
    if (trace && m.type === 'batch' && m.posted !== undefined) {
      trace.sample('transitMs', traceNow() - m.posted)
      m.posted = traceNow()
    }
    queue.push(m)
    wake?.()
  })
  owned?.on('error', (error) => {
    failure = error
    wake?.()
  })
  owned?.on('exit', () => {
    failure ??= new Error('The import reader stopped unexpectedly.')
    wake?.()
  })
  const next = async (): Promise<ReaderMessage> => {
    if (trace) trace.sample('queued', queue.length)
    for (;;) {
      const message = queue.shift()
      if (message) {
        if (message.type === 'error') throw deserializeError(message.error)
        return message
      }
      if (failure) throw failure
      const waiting = trace?.now()
      await new Promise<void>((resolve) => (wake = resolve))
      if (waiting !== undefined) trace?.wait('batch', waiting)
      wake = null
    }
  }
  const close = () => (port instanceof Worker ? void port.terminate() : port.close())
  let opened: ReaderMessage
  try {
    opened = await next()
  } catch (error) {
    close()
    throw error
  }
  if (opened.type !== 'opened') throw new Error(`The import reader sent ${opened.type} first.`)
  let bytesRead = 0
  async function* batches(): AsyncGenerator<ReadBatch> {
    try {
      port.postMessage(AHEAD)
      for (;;) {
        const message = await next()
        if (message.type === 'end') return
        if (message.type !== 'batch') continue
        bytesRead = message.bytesRead
        if (trace && message.posted !== undefined)
          trace.sample('heldMs', traceNow() - message.posted)
        port.postMessage(1)
        yield indexBatch(fromPosted(message.columns))
      }
    } finally {
      close()
    }
  }
  return {
    format: opened.format,
    encoding: opened.encoding,
    totalBytes: opened.totalBytes,
    bytesRead: () => bytesRead,
    batches: batches(),
    inWorker: true,
    close,
  }
}
