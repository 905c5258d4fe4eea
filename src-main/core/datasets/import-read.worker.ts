// Worker thread of an import: decodes, parses and hashes the file, sending batches of records as
// the writer asks for them (one credit per batch), so reading overlaps the SQLite writes.
import { parentPort, workerData } from 'node:worker_threads'
import {
  openRead,
  readBatches,
  serializeError,
  type ReaderMessage,
  type ReadOptions,
} from './import-reader'

const port = parentPort
if (!port) throw new Error('import-read.worker runs as a worker thread')
const options = workerData as ReadOptions
let credit = 0
let wake: (() => void) | null = null
port.on('message', (more: number) => {
  credit += more
  wake?.()
})
const send = (message: ReaderMessage) => port.postMessage(message)

try {
  const { source, items } = await openRead(options)
  send({
    type: 'opened',
    format: source.format,
    encoding: source.encoding,
    totalBytes: source.totalBytes,
  })
  for await (const batch of readBatches(items)) {
    while (credit === 0) await new Promise<void>((resolve) => (wake = resolve))
    credit--
    send({ type: 'batch', items: batch, bytesRead: source.bytesRead() })
  }
  send({ type: 'end' })
} catch (error) {
  send({ type: 'error', error: serializeError(error) })
}
port.close()
