// Search-index thread: builds documents_fts from the backlog on its own connection, one short
// transaction at a time, asking the core's thread before each (see search-index-thread.ts).
import { parentPort, workerData, type MessagePort } from 'node:worker_threads'
import { performance } from 'node:perf_hooks'
import { openDatabase } from '../db/sqlite'
import { serializeError } from './import-reader'
import { createChunkPace } from './chunk-pace'
import { createSearchIndex } from './search-index'
import type { IndexCommand, IndexJob, IndexMessage } from './search-index-thread'

function indexFor(port: MessagePort, job: IndexJob): void {
  const send = (m: IndexMessage) => port.postMessage(m)
  const db = openDatabase(job.dbFile)
  const index = createSearchIndex(db)
  const pace = createChunkPace(job.chunkMs, 100, 10, 5_000)
  const finish = () => {
    db.close()
    port.close()
  }
  port.on('message', (command: IndexCommand) => {
    if (command.type === 'stop') return finish()
    try {
      const start = performance.now()
      const done = index.indexChunk(pace.rows)
      pace.record(done.documents, performance.now() - start)
      send({ type: 'indexed', ...done })
      if (done.documents === 0 && !done.finished) return finish()
      send({ type: 'ask' })
    } catch (error) {
      send({ type: 'error', error: serializeError(error) })
      finish()
    }
  })
  send({ type: 'ask' })
}

// Imported outside a worker thread (a packaging check loads every entry), it does nothing.
if (parentPort) indexFor(parentPort, workerData as IndexJob)
