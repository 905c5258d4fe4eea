// Worker thread of an import: decodes, parses and hashes the file, sending batches of records as
// the writer asks for them (one credit per batch), so reading overlaps the SQLite writes. It talks
// to its parent, or over the port it was given (straight to a writer thread started beside it).
import { parentPort, workerData, type MessagePort } from 'node:worker_threads'
import {
  openRead,
  readBatches,
  serializeError,
  type ReaderJob,
  type ReaderMessage,
  type ReadOptions,
} from './import-reader'
import { importTrace, traceNow } from './import-trace'
import { toPosted } from './read-batch-columns'

async function readFor(port: MessagePort, options: ReadOptions): Promise<void> {
  let credit = 0
  let wake: (() => void) | null = null
  port.on('message', (more: number) => {
    credit += more
    wake?.()
  })
  const send = (message: ReaderMessage) => port.postMessage(message)
  const trace = importTrace('reader')
  try {
    const { source, batches } = await openRead(options)
    send({
      type: 'opened',
      format: source.format,
      encoding: source.encoding,
      totalBytes: source.totalBytes,
    })
    // Each batch is packed before waiting: it goes out as soon as the writer asks.
    for await (const batch of readBatches(batches)) {
      const columns = toPosted(batch)
      const waiting = trace?.now()
      while (credit === 0) await new Promise<void>((resolve) => (wake = resolve))
      if (waiting !== undefined) trace?.wait('credit', waiting)
      credit--
      send({
        type: 'batch',
        columns,
        bytesRead: source.bytesRead(),
        posted: trace ? traceNow() : undefined,
      })
    }
    send({ type: 'end' })
  } catch (error) {
    send({ type: 'error', error: serializeError(error) })
  }
  trace?.finish()
  port.close()
}

// Imported outside a worker thread (a packaging check loads every entry), it does nothing.
if (parentPort) {
  const { port, ...options } = workerData as ReaderJob
  await readFor(port ?? parentPort, options)
}
