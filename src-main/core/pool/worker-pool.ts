import { existsSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { MessageChannel, type TransferListItem } from 'node:worker_threads'
import { Piscina } from 'piscina'
import { ApiError } from '../../api/errors'
import { apiErrorOfWorker } from '../errors'
import type { WorkerProgress } from '../../../src-worker/protocol'
import { workerTaskEntries, type WorkerTaskName, type WorkerTasks } from '../../../src-worker/tasks'

export interface WorkerPoolOptions {
  /** Directory holding the worker entry files: out/main (built .js) or src-worker (.ts under tsx). */
  workerDir: string
  maxThreads?: number
  /** Extra Node flags for the threads, e.g. ['--import', 'tsx'] when workerDir holds .ts sources. */
  execArgv?: string[]
  log?: (error: unknown) => void
}

export interface RunOptions {
  signal?: AbortSignal
  onProgress?: (progress: WorkerProgress) => void
  transferList?: TransferListItem[]
}

/** Piscina behind named tasks: callers say what to run, never which file. */
export function createWorkerPool(options: WorkerPoolOptions) {
  const maxThreads = options.maxThreads ?? Math.max(1, Math.min(4, availableParallelism()))
  const piscina = new Piscina({
    maxThreads,
    minThreads: 0,
    idleTimeout: 30_000,
    // Batches and models live in typed arrays; a smaller young generation per thread saved ~20 MB
    // RSS each in a 2M-row predicting run at no measurable cost.
    resourceLimits: { maxYoungGenerationSizeMb: 8 },
    ...(options.execArgv ? { execArgv: options.execArgv } : {}),
  })
  // A thread that cannot start (e.g. a loader in execArgv is missing) must not end the process, and
  // Piscina leaves the runs waiting for it pending: fail them with the reason.
  const waiting = new Set<(error: ApiError) => void>()
  piscina.on('error', (error: unknown) => {
    ;(options.log ?? console.error)(error)
    const reason = error instanceof Error ? error.message : String(error)
    const failure = new ApiError(
      'INTERNAL',
      `The worker threads could not start (${reason}). Reinstall the app, or run "npm run build".`,
    )
    for (const fail of waiting) fail(failure)
  })
  const fileOf = (file: string) => {
    for (const ext of ['.js', '.mjs', '.ts']) {
      const path = join(options.workerDir, file + ext)
      if (existsSync(path)) return pathToFileURL(path).href
    }
    throw new ApiError(
      'INTERNAL',
      `Worker file ${file} is missing in ${options.workerDir}; run "npm run build".`,
    )
  }

  return {
    maxThreads,

    async run<N extends WorkerTaskName>(
      name: N,
      input: WorkerTasks[N]['input'],
      opts: RunOptions = {},
    ): Promise<WorkerTasks[N]['output']> {
      const entry = workerTaskEntries[name]
      const { port1, port2 } = new MessageChannel()
      if (opts.onProgress) port1.on('message', opts.onProgress)
      let fail: (error: ApiError) => void = () => {}
      const failed = new Promise<never>((_, reject) => (fail = reject))
      waiting.add(fail)
      try {
        const ran = piscina.run(
          { input, port: port2 },
          {
            filename: fileOf(entry.file),
            name: entry.fn,
            transferList: [port2, ...(opts.transferList ?? [])],
            ...(opts.signal ? { signal: opts.signal } : {}),
          },
        )
        return (await Promise.race([ran, failed])) as WorkerTasks[N]['output']
      } catch (error) {
        if (opts.signal?.aborted) throw opts.signal.reason ?? new ApiError('ABORTED', 'Aborted.')
        // A worker's own kind of failure reaches the caller as the ApiError it names.
        throw apiErrorOfWorker(error) ?? error
      } finally {
        waiting.delete(fail)
        // Progress posted just before the result travels on another channel: let it land first.
        await new Promise((resolve) => setImmediate(resolve))
        port1.close()
      }
    },

    async close(): Promise<void> {
      await piscina.destroy()
    },
  }
}

export type WorkerPool = ReturnType<typeof createWorkerPool>
