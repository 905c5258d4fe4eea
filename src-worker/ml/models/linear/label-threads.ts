import { existsSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads'
import { asShared, sharedFloat32 } from '../../features/growable'
import { solveLabel, type OneVsRest } from './one-vs-rest'

/** Slots of the shared Int32 state of one threaded fit. */
const NEXT = 0
/** Bumped after every message a thread posts: the fitting thread sleeps on it. */
const SIGNAL = 1

/** What a solver thread receives: every array lives in shared memory (nothing is copied). */
export interface LabelThreadData {
  problem: OneVsRest
  weights: Float32Array
  state: Int32Array
  port: MessagePort
}

type ThreadMessage = { started: number } | { done: number } | { error: unknown }

/**
 * Thread side: takes the next unsolved label until none is left. An error stops every thread
 * from taking more and travels to the fitting thread as the error itself.
 */
export function solveLabelsOnThread(data: LabelThreadData): void {
  const { problem, weights, state } = data
  try {
    for (;;) {
      const l = Atomics.add(state, NEXT, 1)
      if (l >= problem.width) break
      post(data, { started: l })
      solveLabel(problem, l, weights)
      post(data, { done: l })
    }
  } catch (error) {
    Atomics.store(state, NEXT, problem.width)
    post(data, { error })
  } finally {
    data.port.close()
  }
}

function post(data: Pick<LabelThreadData, 'port' | 'state'>, message: ThreadMessage): void {
  data.port.postMessage(message)
  Atomics.add(data.state, SIGNAL, 1)
  Atomics.notify(data.state, SIGNAL)
}

const ENTRY = 'linear-solve.worker'

/**
 * The thread entry: built beside the other entries (out/main, this module may sit in out/main/chunks),
 * bundled beside a benchmark (.mjs), or the TypeScript source (under tsx or vitest). Inside an
 * installed app the code is read from app.asar, but threads start from the unpacked copy.
 */
function threadEntry(): string | null {
  const here = dirname(fileURLToPath(import.meta.url)).replace(
    /app\.asar(?=[\\/]|$)/,
    'app.asar.unpacked',
  )
  const candidates = [
    join(here, `${ENTRY}.js`),
    join(here, '..', `${ENTRY}.js`),
    join(here, `${ENTRY}.mjs`),
    join(here, '..', '..', '..', `${ENTRY}.ts`),
  ]
  return candidates.find((path) => existsSync(path)) ?? null
}

/**
 * Starts a solver thread. It is started from a small script that catches a failure to load the
 * entry too, so the fitting thread (asleep on the shared state) always hears how it ended.
 */
function startThread(entry: string, data: LabelThreadData): Worker {
  const url = JSON.stringify(pathToFileURL(entry).href)
  const tsx = entry.endsWith('.ts')
    ? `const { register } = await import('tsx/esm/api'); register();`
    : ''
  const script = `const { workerData: data } = require('node:worker_threads');
(async () => { ${tsx} (await import(${url})).solveLabelsOnThread(data) })().catch((error) => {
  data.port.postMessage({ error }); Atomics.add(data.state, ${SIGNAL}, 1); Atomics.notify(data.state, ${SIGNAL})
})`
  return new Worker(script, {
    eval: true,
    workerData: data,
    transferList: [data.port],
    // The solver allocates little on the JS heap: its state is in typed arrays.
    resourceLimits: { maxYoungGenerationSizeMb: 8 },
  })
}

/**
 * Below this many stored entries x labels a fit stays on the calling thread. Measured with
 * bench/thread-cutoff.ts (2 cores, load 8.7, SVM, six labels): two threads cost ~0.4 s more CPU
 * (start-up) and their wall time only matched one thread's at 12.7M (9.4 vs 9.8 s; at 3.3M: 2.7
 * vs 2.0 s); at 20M the start-up is under 5% of the fit's CPU time.
 */
export const MIN_THREADED_WORK = 20_000_000

/**
 * Threads for a one-vs-rest fit of `labels` labels over a matrix of `entries` stored entries:
 * requested (> 0) or one per core, never more than labels.
 */
export function labelThreadCount(labels: number, entries: number, requested: number): number {
  if (requested > 0) return Math.max(1, Math.min(requested, labels))
  if (entries * labels < MIN_THREADED_WORK) return 1
  return Math.max(1, Math.min(labels, availableParallelism()))
}

export type LabelStarted = (label: number, started: number, labels: number) => void

/**
 * Fits every label of a one-vs-rest problem into a new weights array, on `threads` threads that
 * share the matrix (or on this thread when threads is 1 or no thread entry is found). The result
 * is the same to the bit either way. This thread sleeps until the labels are done, reporting each
 * label as it starts; an abort of the task terminates this thread, which ends its solver threads.
 */
export function solveOneVsRest(
  problem: OneVsRest,
  threads: number,
  progress: LabelStarted,
): Float32Array {
  const size = (problem.x.cols + 1) * problem.width
  const entry = threads > 1 ? threadEntry() : null
  if (!entry) {
    const weights = new Float32Array(size)
    for (let l = 0; l < problem.width; l++) {
      progress(l, l, problem.width)
      solveLabel(problem, l, weights)
    }
    return weights
  }
  const shared = sharedProblem(problem)
  const weights = sharedFloat32(size)
  const state = new Int32Array(new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT))
  const ports: MessagePort[] = []
  const workers: Worker[] = []
  try {
    for (let t = 0; t < threads; t++) {
      const { port1, port2 } = new MessageChannel()
      ports.push(port1)
      workers.push(startThread(entry, { problem: shared, weights, state, port: port2 }))
    }
    awaitLabels(problem.width, state, ports, progress)
  } finally {
    for (const worker of workers) void worker.terminate()
    for (const port of ports) port.close()
  }
  // A plain copy: the model's weights must not keep (or share) the threads' buffer.
  return new Float32Array(weights)
}

function sharedProblem(problem: OneVsRest): OneVsRest {
  const { x } = problem
  return {
    settings: { ...problem.settings },
    x: {
      rows: x.rows,
      cols: x.cols,
      indptr: asShared(x.indptr),
      indices: asShared(x.indices),
      values: asShared(x.values),
    },
    members: asShared(problem.members),
    width: problem.width,
    squaredNorms: asShared(problem.squaredNorms),
  }
}

/** Sleeps on the shared state until every label is done; rethrows the first thread error. */
function awaitLabels(
  width: number,
  state: Int32Array,
  ports: MessagePort[],
  progress: LabelStarted,
): void {
  let started = 0
  let done = 0
  while (done < width) {
    const seen = Atomics.load(state, SIGNAL)
    let heard = false
    for (const port of ports) {
      for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port)) {
        heard = true
        const message = m.message as ThreadMessage
        if ('error' in message) throw message.error
        if ('started' in message) progress(message.started, started++, width)
        else done++
      }
    }
    // No timeout: every thread posts (and bumps SIGNAL) for each label and for any failure.
    if (!heard) Atomics.wait(state, SIGNAL, seen)
  }
}
