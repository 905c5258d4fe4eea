/**
 * Summarises an import trace (AUDIENCE_IMPORT_TRACE, see src-main/core/datasets/import-trace.ts):
 * per thread busy vs waiting and for what, run-queue time (waiting for a CPU, not for the other
 * thread), how long reader and writer both sat idle, and the batch/chunk figures.
 */
import { existsSync, readFileSync } from 'node:fs'
import type { ThreadTrace } from '../src-main/core/datasets/import-trace'

type Span = [number, number]

/** Total length of the overlap of two sorted lists of disjoint spans. */
function overlap(a: Span[], b: Span[]): number {
  let total = 0
  for (let i = 0, j = 0; i < a.length && j < b.length;) {
    const [a0, a1] = a[i]!
    const [b0, b1] = b[j]!
    total += Math.max(0, Math.min(a1, b1) - Math.max(a0, b0))
    if (a1 < b1) i++
    else j++
  }
  return total
}

const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0)
const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0
}
const ms = (x: number) => `${(x / 1000).toFixed(2)} s`
const dist = (xs: number[] | undefined, digits = 1) =>
  xs && xs.length > 0
    ? `n ${xs.length}, p50 ${quantile(xs, 0.5).toFixed(digits)}, p90 ${quantile(xs, 0.9).toFixed(digits)}, ` +
      `max ${Math.max(...xs).toFixed(digits)}, sum ${sum(xs).toFixed(0)}`
    : 'none'

function waitsOf(t: ThreadTrace | undefined, kinds: string[]): Span[] {
  return (t?.waits ?? []).filter(([k]) => kinds.includes(k)).map(([, s, e]) => [s, e])
}

/** Prints the breakdown of the trace file for an import started at `startedAt`, listable at `listableAt`. */
export function printImportTrace(file: string, startedAt: number, listableAt: number): void {
  if (!existsSync(file)) return console.log(`no import trace in ${file}`)
  const traces = readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l) => JSON.parse(l) as ThreadTrace)
  const by = (name: string) => traces.findLast((t) => t.thread === name)
  const [main, writer, reader] = [by('main'), by('writer'), by('reader')]
  console.log(`import trace (${ms(listableAt - startedAt)} until listable):`)
  const rows: Record<string, Record<string, string>> = {}
  for (const t of [main, writer, reader]) {
    if (!t) continue
    const waits: Record<string, number> = {}
    let cpuInWaits = 0
    let queueInWaits = 0
    for (const [kind, s, e, cpu, queue] of t.waits) {
      waits[kind] = (waits[kind] ?? 0) + e - s
      cpuInWaits += cpu
      queueInWaits += queue
    }
    const waiting = sum(Object.values(waits))
    const life = t.end - t.start
    rows[t.thread] = {
      'starts at': ms(t.start - startedAt),
      'ends at': ms(t.end - startedAt),
      life: ms(life),
      'not waiting': ms(life - waiting),
      'on CPU': ms(t.cpuMs),
      'run queue (waiting for a CPU)': ms(t.runQueueMs),
      'CPU in waits': ms(cpuInWaits),
      'run queue in waits': ms(queueInWaits),
      'idle (waits - CPU - run queue)': ms(waiting - cpuInWaits - queueInWaits),
      // Neither waiting for the other thread, nor on a CPU, nor queued for one: disk, locks, faults.
      'blocked outside waits': ms(
        life - waiting - (t.cpuMs - cpuInWaits) - (t.runQueueMs - queueInWaits),
      ),
      ...Object.fromEntries(Object.entries(waits).map(([k, v]) => [`waits: ${k}`, ms(v)])),
      ...Object.fromEntries(Object.entries(t.steps).map(([k, v]) => [`step: ${k}`, ms(v)])),
    }
  }
  console.table(rows)
  const writerIdle = waitsOf(writer, ['batch', 'go', 'turn'])
  const readerIdle = waitsOf(reader, ['credit'])
  const both = overlap(writerIdle, readerIdle)
  const readerAlive: Span[] = reader ? [[reader.start, reader.end]] : []
  console.log(
    `both idle (writer waiting for a batch/go/turn while the reader waits for credit): ${ms(both)}; ` +
      `writer waiting for a batch while the reader works: ${ms(sum(writerIdle.map(([s, e]) => e - s)) - both)}; ` +
      `before the reader starts: ${ms((reader?.start ?? startedAt) - startedAt)}; ` +
      `after the writer ends until listable: ${ms(listableAt - (writer?.end ?? listableAt))}; ` +
      `writer life outside the reader's: ${ms((writer ? writer.end - writer.start : 0) - overlap(writer ? [[writer.start, writer.end]] : [], readerAlive))}`,
  )
  const s = writer?.samples ?? {}
  console.log(`rows per chunk: ${dist(s['chunkRows'], 0)}`)
  console.log(`batch transit ms (posted -> received): ${dist(s['transitMs'], 2)}`)
  console.log(`batch held ms (received -> taken): ${dist(s['heldMs'], 2)}`)
  console.log(`batches queued when the writer asks: ${dist(s['queued'], 0)}`)
  console.log(`go round trip ms (chunk sent -> go received): ${dist(s['goRoundTripMs'], 2)}`)
}
