import { performance } from 'node:perf_hooks'
import { setImmediate as nextTurn } from 'node:timers/promises'
import type { Sqlite } from '../db/sqlite'
import type { EventBus } from '../events'
import { createChunkPace } from './chunk-pace'
import { createPendingImports, type PendingImportRow } from './pending-imports'
import { createSearchIndex } from './search-index'

/** Each chunk of background work holds the thread about this long; API calls wait at most that. */
export const CHUNK_MS = 20

export interface DatasetBackgroundOptions {
  db: Sqlite
  events: EventBus
  /** Whether the task that owns an import is still running (in this or another process). */
  isRunning: (taskId: string) => boolean
  /** Test-only: awaited before each chunk of the search-index build. */
  indexGate?: ((chunk: number, signal: AbortSignal) => Promise<void>) | undefined
  log?: ((error: unknown) => void) | undefined
}

/**
 * Work that follows imports, done on the main connection in short transactions with a turn of the
 * event loop between them: removing the rows of failed, aborted or killed imports, then building
 * the search index of committed ones. State lives in SQLite, so a restart carries on.
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
    await options.indexGate?.(indexChunks++, stopped.signal)
    if (closed) return false
    const start = performance.now()
    const chunk = index.indexChunk(indexPace.rows)
    indexPace.record(chunk.documents, performance.now() - start)
    if (chunk.finished) events.emit('dataset.changed', { datasetId: chunk.datasetId })
    return true
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
