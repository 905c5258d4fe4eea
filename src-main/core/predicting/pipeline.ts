import { performance } from 'node:perf_hooks'
import type { TaskProgress } from '../../api/contract/tasks'
import type { PredictCounters } from '../../api/contract/predicting'
import { addCounters, type PredictCheckpoint } from './counters'
import { labelBatch, type LabeledBatch } from './label-batch'
import type { BatchLabeler } from './labeling/batch-labeler'
import type { ModelView } from './labeling/model-views'
import { withReconnect } from './retry'
import type { Key, SinkWriter, SourceBatch, SourceReader } from './types'

export interface PipelineOptions {
  sources: readonly SourceReader[]
  labeler: BatchLabeler
  views: readonly ModelView[]
  sink: SinkWriter
  tableOf: (sourceId: string | null) => string
  batchSize: number
  signal: AbortSignal
  start: PredictCheckpoint
  /** Called after each batch is committed; must persist the checkpoint before returning. */
  committed: (checkpoint: PredictCheckpoint, window: string) => void
  onRetry?: (what: string, attempt: number, error: unknown) => void
  /** Tests only: awaited before each batch is written (see TestGates.predictWrite). */
  beforeWrite?: (signal: AbortSignal) => Promise<void>
}

export type Progress = TaskProgress

/** Rejects as soon as the signal aborts, so a long read never delays an abort. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason as Error)
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason as Error)
    signal.addEventListener('abort', onAbort, { once: true })
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort))
  })
}

/**
 * Text a batch may hold, in UTF-16 code units over the fields read: 20,000 long posts would put
 * ~16 MB per batch in each of the five stages at once, so long texts make smaller batches.
 */
const BATCH_TEXT_UNITS = 500_000
const MIN_BATCH_ROWS = 500

/** Rows to ask for next: the configured batch size, or fewer when the last batch's texts were long. */
export function nextBatchRows(batch: SourceBatch, batchSize: number): number {
  let units = 0
  for (const column of Object.values(batch.texts))
    for (const text of column) units += text?.length ?? 0
  const perRow = Math.max(1, units / batch.size)
  const fitting = Math.max(MIN_BATCH_ROWS, Math.floor(BATCH_TEXT_UNITS / perRow))
  return Math.min(batchSize, fitting)
}

/**
 * Batches being labelled at once: one per labelling thread and one more, so no thread waits while
 * the oldest batch's write finishes (with one per thread, one thread idled for each write).
 */
const labelingInFlight = (labeler: BatchLabeler) => labeler.threads + 1

/**
 * Read → label → write with one read prefetched, a batch per labelling thread plus one in the worker
 * pool and one write in flight: reader, workers and writer overlap while memory stays at a few batches.
 * Batches are written in key order, each in one transaction, then checkpointed; abort lets the
 * in-flight write finish and checkpoint, and drops batches that were still being labelled.
 */
export async function runPipeline(options: PipelineOptions): Promise<PredictCheckpoint> {
  let checkpoint = options.start
  for (let s = checkpoint.source; s < options.sources.length; s++) {
    const after = s === checkpoint.source ? checkpoint.after : null
    checkpoint = await runSource(options, s, { ...checkpoint, source: s, after })
  }
  return checkpoint
}

async function runSource(o: PipelineOptions, index: number, start: PredictCheckpoint) {
  const reader = o.sources[index]!
  const stage = { ...(start.stageMs ?? { read: 0, label: 0, write: 0 }) }
  const timed = async <T>(name: keyof typeof stage, work: () => Promise<T>): Promise<T> => {
    const began = performance.now()
    try {
      return await work()
    } finally {
      stage[name] += performance.now() - began
    }
  }
  const retrying = <T>(what: string, op: () => Promise<T>, reconnect: () => Promise<void>) =>
    withReconnect(op, reconnect, {
      signal: o.signal,
      what,
      onRetry: (n, e) => o.onRetry?.(what, n, e),
    })
  let readRows = o.batchSize
  const read = (key: Key | null) =>
    timed('read', () =>
      retrying(
        `Reading ${reader.name}`,
        () => reader.read(key, readRows),
        () => reader.reconnect(),
      ),
    )
  const write = (rows: Parameters<SinkWriter['write']>[0]) =>
    timed('write', () =>
      retrying(
        `Writing to ${o.sink.name}`,
        () => o.sink.write(rows),
        () => o.sink.reconnect(),
      ),
    )

  let checkpoint = start
  let writing: Promise<void> = Promise.resolve()
  const commit = (batch: SourceBatch, counters: PredictCounters) => {
    checkpoint = {
      ...checkpoint,
      after: batch.lastKey,
      counters: addCounters(checkpoint.counters, counters),
      stageMs: { ...stage },
    }
    o.committed(checkpoint, `${reader.name}: ${batch.ids[0]} … ${batch.ids[batch.size - 1]}`)
  }
  const labeling: { batch: SourceBatch; labeled: Promise<LabeledBatch> }[] = []
  const label = (batch: SourceBatch) => {
    const labeled = timed('label', () => labelBatch(batch, o.labeler, o.views, o.tableOf, o.signal))
    labeled.catch(() => undefined)
    labeling.push({ batch, labeled })
  }
  const writeNext = async () => {
    const { batch, labeled } = labeling.shift()!
    const result = await labeled
    await writing
    if (o.signal.aborted) return
    const gate = o.beforeWrite?.(o.signal) ?? Promise.resolve()
    writing = gate.then(() => write(result.rows)).then(() => commit(batch, result.counters))
    // Observed now so a failing write is never an unhandled rejection; awaited before the next one.
    writing.catch(() => undefined)
  }
  let next = read(start.after)
  try {
    for (;;) {
      const batch = await untilAborted(next, o.signal)
      if (!batch) break
      readRows = nextBatchRows(batch, o.batchSize)
      next = read(batch.lastKey)
      next.catch(() => undefined)
      label(batch)
      if (labeling.length >= labelingInFlight(o.labeler)) await untilAborted(writeNext(), o.signal)
      if (o.signal.aborted) break
    }
    while (labeling.length > 0 && !o.signal.aborted) await untilAborted(writeNext(), o.signal)
    await writing
  } catch (error) {
    // The in-flight batch is either fully committed and checkpointed, or not written at all.
    await writing.catch(() => undefined)
    if (o.signal.aborted) await reader.cancel()
    throw error
  }
  if (o.signal.aborted) {
    await reader.cancel()
    throw o.signal.reason
  }
  return checkpoint
}
