/**
 * CPU time of an import's reader path alone, as the reader thread runs it: open and decode the
 * generated posts CSV (bench/import-corpus), parse, hash, pack into columns and post each batch to
 * a thread that drops it. Prints this thread's CPU µs per document (from
 * /proc/thread-self/schedstat, the figure the import trace gives the reader thread) and the
 * process's. STOP=decode|parse|hash ends the path early (what each step adds).
 * Run: npm run bench:import-reader  (DOCS=200000 default; ROUNDS=3). The import's reader thread has
 * an 8 MB young generation (worker-entry LIMITS): run the bundle with node --max-semi-space-size=2
 * (node_modules/.cache/bench/import-reader-cpu.mjs) to mirror it.
 */
import { existsSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import { openRead, readBatches } from '../src-main/core/datasets/import-reader'
import { DEFAULT_READ } from '../src-main/core/datasets/import-source'
import { toPosted } from '../src-main/core/datasets/read-batch-columns'
import { writeImportCsv } from './import-corpus'

const DOCS = Number(process.env.DOCS ?? 200_000)
const ROUNDS = Number(process.env.ROUNDS ?? 3)
const STOP = process.env.STOP ?? 'post'
/** Batches in flight to the sink, as the writer's credit allows (import-reader AHEAD). */
const AHEAD = 8

const threadCpuMs = () =>
  Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]) / 1e6

/** A thread that receives batches (deserialising them, as the writer does), acknowledging each. */
const startSink = () =>
  new Worker(
    `const { parentPort } = require('node:worker_threads')
     parentPort.on('message', () => parentPort.postMessage(1))`,
    { eval: true },
  )

const openPosts = (path: string) =>
  openRead({ path, fileName: 'posts.csv', format: 'auto', read: DEFAULT_READ })

async function postAll(path: string, sink: Worker): Promise<number> {
  const { source, batches } = await openPosts(path)
  let inFlight = 0
  let wake: (() => void) | null = null
  const onAck = () => {
    inFlight--
    wake?.()
  }
  sink.on('message', onAck)
  let docs = 0
  for await (const batch of readBatches(batches)) {
    const columns = toPosted(batch)
    docs += columns.text.length
    while (inFlight >= AHEAD) await new Promise<void>((resolve) => (wake = resolve))
    inFlight++
    sink.postMessage({ type: 'batch', columns, bytesRead: source.bytesRead() })
  }
  while (inFlight > 0) await new Promise<void>((resolve) => (wake = resolve))
  sink.off('message', onAck)
  return docs
}

/** The path up to STOP, without posting. */
async function partial(path: string): Promise<number> {
  const { source, batches } = await openPosts(path)
  let docs = 0
  if (STOP === 'decode') {
    if (source.content.kind !== 'text') throw new Error('expected text')
    for await (const chunk of source.content.chunks) docs += chunk.length > 0 ? 0 : 1
    return DOCS
  }
  if (STOP === 'parse') {
    for await (const items of batches) for (const item of items) if ('record' in item) docs++
    return docs
  }
  for await (const columns of readBatches(batches)) docs += columns.text.length
  return docs
}

async function main(): Promise<void> {
  const path = join(tmpdir(), `import-reader-cpu-${DOCS}.csv`)
  if (!existsSync(path)) await writeImportCsv(path, DOCS)
  const sink = startSink()
  const perDoc: number[] = []
  for (let round = 0; round < ROUNDS; round++) {
    const cpu0 = threadCpuMs()
    const process0 = process.cpuUsage()
    const docs = STOP === 'post' ? await postAll(path, sink) : await partial(path)
    const thread = ((threadCpuMs() - cpu0) * 1000) / docs
    const total = process.cpuUsage(process0)
    perDoc.push(thread)
    console.log(
      `round ${round + 1}: ${docs} docs, reader thread ${thread.toFixed(2)} µs/doc, ` +
        `process ${((total.user + total.system) / docs).toFixed(2)} µs/doc`,
    )
  }
  const median = perDoc.sort((a, b) => a - b)[Math.floor(perDoc.length / 2)] ?? 0
  console.log(`median reader thread CPU ${median.toFixed(2)} µs/doc (STOP=${STOP})`)
  await sink.terminate()
}

await main()
