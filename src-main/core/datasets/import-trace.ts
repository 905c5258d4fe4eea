import { appendFileSync, readFileSync } from 'node:fs'
import { performance } from 'node:perf_hooks'

/**
 * Bench-only tracing of an import's threads: where each one waits, and for what. Off unless
 * AUDIENCE_IMPORT_TRACE names a file; each thread then appends one JSON line to it when it ends.
 * Times are epoch milliseconds (timeOrigin + now), comparable across threads.
 */
const FILE = process.env['AUDIENCE_IMPORT_TRACE']

/** One thread's trace, as appended to the file. */
export interface ThreadTrace {
  thread: string
  start: number
  end: number
  /**
   * [kind, start, end, cpu ms, run-queue ms] of every wait for something: the thread may still
   * work meanwhile (receiving messages, i.e. deserialising batches), hence its CPU time.
   */
  waits: [string, number, number, number, number][]
  /** Busy steps summed by kind (ms), e.g. the writes. */
  steps: Record<string, number>
  /** Free-form samples by kind, e.g. rows per chunk, batch transit ms. */
  samples: Record<string, number[]>
  /** From /proc/thread-self/schedstat over the trace: on a CPU, runnable but waiting for one (ms). */
  cpuMs: number
  runQueueMs: number
}

export const traceNow = () => performance.timeOrigin + performance.now()

function schedstat(): [number, number] {
  try {
    const [run, wait] = readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')
    return [Number(run) / 1e6, Number(wait) / 1e6]
  } catch {
    return [0, 0]
  }
}

export type ImportTrace = ReturnType<typeof startTrace>

function startTrace(thread: string, file: string) {
  const [cpu0, queue0] = schedstat()
  let [cpuAt, queueAt] = [cpu0, queue0]
  const t: ThreadTrace = {
    thread,
    start: traceNow(),
    end: 0,
    waits: [],
    steps: {},
    samples: {},
    cpuMs: 0,
    runQueueMs: 0,
  }
  return {
    /** Now, for `wait`: also reads this thread's CPU and run-queue time. */
    now(): number {
      ;[cpuAt, queueAt] = schedstat()
      return traceNow()
    },
    wait(kind: string, since: number): void {
      const [cpu, queue] = schedstat()
      t.waits.push([kind, since, traceNow(), cpu - cpuAt, queue - queueAt])
    },
    step(kind: string, since: number): void {
      t.steps[kind] = (t.steps[kind] ?? 0) + traceNow() - since
    },
    sample(kind: string, value: number): void {
      ;(t.samples[kind] ??= []).push(value)
    },
    finish(): void {
      t.end = traceNow()
      const [cpu, queue] = schedstat()
      t.cpuMs = cpu - cpu0
      t.runQueueMs = queue - queue0
      appendFileSync(file, JSON.stringify(t) + '\n')
    },
  }
}

/** A trace for this thread when tracing is on, else null (callers use `trace?.`). */
export const importTrace = (thread: string): ImportTrace | null =>
  FILE ? startTrace(thread, FILE) : null
