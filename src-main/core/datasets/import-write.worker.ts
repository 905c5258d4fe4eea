// Writer thread of a big import: opens its own connection to the workspace and runs the import
// (reading from the reader thread started beside it), waiting for the task's thread after every
// written chunk.
import { parentPort, workerData, type MessagePort } from 'node:worker_threads'
import { ApiError } from '../../api/errors'
import { openDatabase } from '../db/sqlite'
import { createEventBus } from '../events'
import { createDatasetService } from './datasets.service'
import { serializeError } from './import-reader'
import { importTrace } from './import-trace'
import type { WriterCommand, WriterJob, WriterMessage } from './import-write-thread'
import { runImport, THREAD_CHUNK_MS } from './import.task'

async function writeFor(port: MessagePort, job: WriterJob): Promise<void> {
  const send = (m: WriterMessage) => port.postMessage(m)
  const trace = importTrace('writer')
  const stopped = new AbortController()
  let answer: ((c: WriterCommand) => void) | null = null
  port.on('message', (c: WriterCommand) => {
    if (c.type === 'stop') stopped.abort(new ApiError('ABORTED', 'The import was aborted.'))
    answer?.(c)
  })
  const afterChunk = (chunk: number, signal: AbortSignal) =>
    new Promise<void>((resolve, reject) => {
      const sent = trace?.now()
      answer = (c) => {
        if (sent !== undefined) trace?.sample('goRoundTripMs', trace.now() - sent)
        answer = null
        if (c.type === 'go') resolve()
        else reject(signal.reason as Error)
      }
      send({ type: 'chunk', chunk })
    })
  const db = openDatabase(job.dbFile)
  try {
    const report = await runImport(
      {
        id: job.taskId,
        config: job.config,
        signal: stopped.signal,
        progress: (progress) => send({ type: 'progress', progress }),
      },
      {
        db,
        datasets: createDatasetService(db, createEventBus(), Date.now, false),
        reader: { port: job.readerPort },
        chunkMs: THREAD_CHUNK_MS,
        afterChunk,
        // The task's thread kicks the removal when this thread reports the failure.
        onAbandoned: () => {},
        trace,
      },
    )
    trace?.finish()
    send({ type: 'done', report })
  } catch (error) {
    send({ type: 'error', error: serializeError(error) })
  } finally {
    db.close()
    port.close()
  }
}

// Imported outside a worker thread (a packaging check loads every entry), it does nothing.
if (parentPort) await writeFor(parentPort, workerData as WriterJob)
