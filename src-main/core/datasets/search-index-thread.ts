import type { Sqlite } from '../db/sqlite'
import { deserializeError, type SerializedError } from './import-reader'
import type { IndexedChunk } from './search-index'
import { startWorker, workerEntry } from './worker-entry'

const ENTRY = 'search-index.worker'

/** The index thread's `workerData`. */
export interface IndexJob {
  dbFile: string
  /** How long one indexing transaction may hold the workspace's write lock. */
  chunkMs: number
}

/** Messages from the index thread. */
export type IndexMessage =
  /** May the thread index its next chunk? It waits for `go` or `stop`. */
  { type: 'ask' } | ({ type: 'indexed' } & IndexedChunk) | { type: 'error'; error: SerializedError }

export type IndexCommand = { type: 'go' } | { type: 'stop' }

export interface IndexThreadHooks {
  /** Awaited before each chunk; false stops the thread (the core closes, other work came first). */
  mayIndex: () => Promise<boolean>
  onIndexed: (chunk: IndexedChunk) => void
}

/**
 * Builds the search index on a thread of its own until the backlog is empty or `mayIndex` says
 * stop; null when there is no built entry to run. The thread asks before every transaction, so
 * a write from the core's thread waits for one chunk at most instead of starving in SQLite's
 * busy wait, and the core's thread only relays.
 */
export function indexOnThread(
  db: Sqlite,
  workerDir: string,
  chunkMs: number,
  hooks: IndexThreadHooks,
): Promise<void> | null {
  const entry = workerEntry(workerDir, ENTRY)
  if (!entry) return null
  const job: IndexJob = { dbFile: db.name, chunkMs }
  const thread = startWorker(entry, job)
  const command = (c: IndexCommand) => thread.postMessage(c)
  return new Promise<void>((resolve, reject) => {
    const answer = async () => {
      try {
        command({ type: (await hooks.mayIndex()) ? 'go' : 'stop' })
      } catch {
        command({ type: 'stop' })
      }
    }
    thread.on('message', (m: IndexMessage) => {
      if (m.type === 'ask') void answer()
      else if (m.type === 'indexed') hooks.onIndexed(m)
      else reject(deserializeError(m.error))
    })
    thread.on('error', reject)
    thread.on('exit', () => resolve())
  })
}
