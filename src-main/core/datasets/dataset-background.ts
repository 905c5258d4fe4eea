import { performance } from 'node:perf_hooks'
import { setImmediate as nextTurn } from 'node:timers/promises'
import type { Sqlite } from '../db/sqlite'
import type { EventBus } from '../events'
import { createChunkPace } from './chunk-pace'
import { createPendingImports, type PendingImportRow } from './pending-imports'
import { createSearchIndex, type IndexedChunk } from './search-index'
import { indexOnThread } from './search-index-thread'

/** Each chunk of background work holds the thread about this long; API calls wait at most that. */
export const CHUNK_MS = 20
/** On its own thread an indexing transaction blocks only other writers, which wait one chunk at most. */
const THREAD_CHUNK_MS = 50

export interface DatasetBackgroundOptions {
  db: Sqlite
  events: EventBus
  /** Whether the task that owns an import is still running (in this or another process). */
  isRunning: (taskId: string) => boolean
  /** Where built worker entries are: the search index is then built on a thread of its own. */
  workerDir?: string | undefined
  /** Test-only: awaited before each chunk of the search-index build. */
  indexGate?: ((chunk: number, signal: AbortSignal) => Promise<void>) | undefined
  log?: ((error: unknown) => void) | undefined
}

/**
 * Work that follows imports, in short transactions: removing the rows of failed, aborted or killed
 * imports (on the main connection, with a turn of the event loop between chunks), then building the
 * search index of committed ones (on its own thread when there is a worker entry: trigram indexing
 * costs ~30 times a document's insert). State lives in SQLite, so a restart carries on.
 */
export function createDatasetBackground(options: DatasetBackgroundOptions) {
  const { db, events } = options
  const imports = createPendingImports(db)
  const index = createSearchIndex(db)
  const discardPace = createChunkPace(CHUNK_MS, 500, 50, 20_000)
  const indexPace = createChunkPace(CHUNK_MS, 100, 10, 5_000)
  const discard = db.transaction((row: PendingImportRow, limit: number) =>
    imports.discardChunk(row, limit),
  )
  const stopped = new AbortController()
  let indexChunks = 0
  let running: Promise<void> | null = null
  let dirty = false
  let closed = false

  /** One chunk of whatever is left; false when nothing is. */
  async function step(): Promise<boolean> {
    const abandoned = imports.all().find((r) => r.discarding === 1)
    if (abandoned) {
      const start = performance.now()
      const removed = discard.immediate(abandoned, discardPace.rows)
      discardPace.record(removed, performance.now() - start)
      return true
    }
    if (!index.pending()) return false
    if (options.workerDir && (await indexedOnThread(options.workerDir))) return true
    await options.indexGate?.(indexChunks++, stopped.signal)
    if (closed) return false
    const start = performance.now()
    const chunk = indexed(index.indexChunk(indexPace.rows))
    indexPace.record(chunk.documents, performance.now() - start)
    return true
  }

  function indexed(chunk: IndexedChunk): IndexedChunk {
    if (chunk.finished) events.emit('dataset.changed', { datasetId: chunk.datasetId })
    return chunk
  }

  /**
   * Indexes on the thread until the backlog is empty, the core closes or rows wait for removal;
   * false when the thread indexed nothing (the caller then indexes a chunk here: progress is sure).
   */
  async function indexedOnThread(workerDir: string): Promise<boolean> {
    let documents = 0
    const thread = indexOnThread(db, workerDir, THREAD_CHUNK_MS, {
      mayIndex: async () => {
        await options.indexGate?.(indexChunks++, stopped.signal)
        return !closed && !imports.all().some((r) => r.discarding === 1)
      },
      onIndexed: (chunk) => (documents += indexed(chunk).documents),
    })
    if (!thread) return false
    await thread
    return documents > 0 || closed
  }

  async function drain(): Promise<void> {
    while (!closed && (await step())) await nextTurn()
  }

  return {
    /** Starts (or continues) the work; cheap to call whenever something may have been queued. */
    kick(): void {
      dirty = true
      if (running || closed) return
      running = (async () => {
        try {
          while (dirty && !closed) {
            dirty = false
            await drain()
          }
        } catch (error) {
          options.log?.(error)
        } finally {
          running = null
        }
      })()
    },

    /** Hands imports whose task no longer runs (a killed process) to the removal, then works. */
    sweep(): void {
      for (const row of imports.all()) {
        if (row.discarding === 0 && !options.isRunning(row.task_id)) imports.markDiscarding(row.id)
      }
      this.kick()
    },

    /** Percent of a dataset's search index built while it is being built; null when ready. */
    indexPercent: (datasetId: string): number | null => index.percent(datasetId),

    /** Resolves when no background work is left (tests, benchmarks). */
    async idle(): Promise<void> {
      while (running) await running
    },

    async close(): Promise<void> {
      closed = true
      stopped.abort(new Error('The core is closing.'))
      await running
    },
  }
}
