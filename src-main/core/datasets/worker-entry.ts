import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { Worker, type Transferable } from 'node:worker_threads'

/** The worker entry `name` built in `dir` (out/main); absent there, its .ts source beside this file. */
export function workerEntry(dir: string, name: string): string | null {
  const built = resolve(dir, `${name}.js`)
  if (existsSync(built)) return built
  // Under tsx (tests, scripts) the TypeScript source runs as is.
  const source = join(dirname(fileURLToPath(import.meta.url)), `${name}.ts`)
  return existsSync(source) ? source : null
}

/**
 * An import's threads pass batches of short-lived records: V8's default young generation (up to
 * 3 x 16 MB per thread) filled with them pushed a 200,000-row import past 300 MB of RSS.
 */
const LIMITS = { maxYoungGenerationSizeMb: 8 }

/** Starts a worker thread on `entry`: a built .js as is, a .ts source once tsx registers in it. */
export function startWorker(
  entry: string,
  workerData: unknown,
  transferList: Transferable[] = [],
): Worker {
  const options = { workerData, transferList, resourceLimits: LIMITS }
  if (!entry.endsWith('.ts')) return new Worker(entry, options)
  return new Worker(
    `import('tsx/esm/api').then(({ register }) => { register()
       return import(${JSON.stringify(pathToFileURL(entry).href)}) })`,
    { ...options, eval: true },
  )
}
