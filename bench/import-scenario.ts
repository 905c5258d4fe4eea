/**
 * The import scenario of the benchmarks: one CSV through `datasets.startImport`, timed until the
 * documents are listable (task SUCCESS) and until the search index is built, with a latency probe
 * (`system.info` every 50 ms) and peak RSS; beside it a bare SQLite insert of the same rows.
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import type { ApiClient } from '../src-main/api/client'
import type { Core } from '../src-main/core/create-core'
import { contentHash } from '../src-main/core/datasets/content-hash'
import { DEFAULT_READ, readSource } from '../src-main/core/datasets/import-source'
import { openDatabase } from '../src-main/core/db/sqlite'

export interface LatencySummary {
  calls: number
  p50: number
  p99: number
  max: number
}

/**
 * Calls `system.info` every `everyMs` and measures each call from the moment it was due: a call
 * that had to wait behind synchronous work on the core's thread counts that wait, as a client in
 * another process would see it.
 */
export function startLatencyProbe(api: ApiClient, everyMs = 50) {
  const samples: number[] = []
  let stopped = false
  let due = performance.now() + everyMs
  let timer: NodeJS.Timeout | undefined
  const tick = () => {
    const scheduled = due
    void api.call('system.info', {}).then(() => {
      samples.push(performance.now() - scheduled)
      if (stopped) return
      due = Math.max(scheduled + everyMs, performance.now())
      timer = setTimeout(tick, Math.max(0, due - performance.now()))
    })
  }
  timer = setTimeout(tick, everyMs)
  return {
    /** Summarises the samples taken since the last `take`. */
    take(): LatencySummary {
      const sorted = samples.splice(0).sort((a, b) => a - b)
      const at = (q: number) =>
        sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0
      return { calls: sorted.length, p50: at(0.5), p99: at(0.99), max: sorted.at(-1) ?? 0 }
    },
    stop(): void {
      stopped = true
      clearTimeout(timer)
    },
  }
}

function startRssSampler() {
  let peak = process.memoryUsage.rss()
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 100)
  return {
    take(): number {
      const value = Math.max(peak, process.memoryUsage.rss())
      peak = process.memoryUsage.rss()
      return value
    },
    stop: () => clearInterval(timer),
  }
}

/** CPU time (µs) of one of this process's threads, from /proc (Linux); null elsewhere or when gone. */
function threadCpuMicros(tid: string): number | null {
  try {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8')
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return ((Number(fields[11]) + Number(fields[12])) * 1e6) / 100
  } catch {
    return null
  }
}

const threadIds = (): string[] => {
  try {
    return readdirSync('/proc/self/task')
  } catch {
    return []
  }
}

/**
 * CPU time per thread during the import, sampled every 100 ms so threads that exit (the writer and
 * reader) keep their last figure. Threads started meanwhile are numbered in start order (tid order):
 * for an import on the writer thread, new #1 is the reader and new #2 the writer (started in that order).
 */
function startThreadCpuSampler() {
  const before = new Map(threadIds().map((t) => [t, threadCpuMicros(t) ?? 0]))
  const last = new Map<string, number>()
  const sample = () => {
    for (const t of threadIds()) {
      const cpu = threadCpuMicros(t)
      if (cpu !== null) last.set(t, cpu)
    }
  }
  const timer = setInterval(sample, 100)
  return {
    /** µs of CPU per thread since the start, busiest first; `name` says which thread. */
    take(): { name: string; micros: number }[] {
      sample()
      const mainTid = String(process.pid)
      let started = 0
      return [...last.entries()]
        .sort((a, b) => Number(a[0]) - Number(b[0]))
        .map(([t, cpu]) => {
          const name = t === mainTid ? 'main' : before.has(t) ? `old ${t}` : `new #${++started}`
          return { name, micros: cpu - (before.get(t) ?? 0) }
        })
        .filter((t) => t.micros > 0)
        .sort((a, b) => b.micros - a.micros)
    },
    stop: () => clearInterval(timer),
  }
}

export interface ImportScenarioResult {
  rows: number
  /** Epoch ms of the start and of the task's success (to place a trace's spans). */
  startedAt: number
  listableAt: number
  datasetId: string
  listableMs: number
  indexedMs: number
  /** CPU time of the whole process (every thread) until listable, and until indexed. */
  cpuListable: NodeJS.CpuUsage
  cpuIndexed: NodeJS.CpuUsage
  peakRssImport: number
  peakRssIndex: number
  latencyImport: LatencySummary
  latencyIndex: LatencySummary
  /** CPU µs per thread until listable (Linux only; empty elsewhere). */
  threadsListable: { name: string; micros: number }[]
}

/** Imports `file` into a new dataset and measures it (see the file comment). */
export async function measureImport(
  api: ApiClient,
  core: Core,
  file: string,
  name = 'bench',
): Promise<ImportScenarioResult> {
  const probe = startLatencyProbe(api)
  const rss = startRssSampler()
  const threads = startThreadCpuSampler()
  try {
    const start = performance.now()
    const startedAt = performance.timeOrigin + start
    const cpu = process.cpuUsage()
    const { taskId } = await api.call('datasets.startImport', {
      target: { newDataset: { name } },
      source: { path: file },
    })
    const task = await core.tasks.settled(taskId)
    const listableMs = performance.now() - start
    const listableAt = performance.timeOrigin + performance.now()
    const cpuListable = process.cpuUsage(cpu)
    const threadsListable = threads.take()
    if (task.status !== 'SUCCESS') throw new Error(`import ${task.status}: ${task.error?.message}`)
    const latencyImport = probe.take()
    const peakRssImport = rss.take()
    const dataset = (await api.call('datasets.list', {})).find((d) => d.name === name)
    if (!dataset) throw new Error('the imported dataset is not listed')
    await core.background.idle()
    return {
      rows: dataset.documentCount,
      startedAt,
      listableAt,
      datasetId: dataset.id,
      listableMs,
      indexedMs: performance.now() - start,
      cpuListable,
      cpuIndexed: process.cpuUsage(cpu),
      peakRssImport,
      peakRssIndex: rss.take(),
      latencyImport,
      latencyIndex: probe.take(),
      threadsListable,
    }
  } finally {
    probe.stop()
    rss.stop()
    threads.stop()
  }
}

/**
 * Inserts the same rows into the documents table of a fresh workspace file (same pragmas, same
 * indexes, no triggers) in 5,000-row transactions, timing only the inserts: SQLite's own speed.
 */
export async function bareInsert(
  file: string,
  dir: string,
): Promise<{ rows: number; ms: number; cpu: NodeJS.CpuUsage }> {
  const dbFile = join(dir, 'bare.sqlite')
  const db = openDatabase(dbFile)
  const datasetId = 'b'.repeat(32)
  db.exec(`INSERT INTO datasets (id, name, label_mode, created_at, updated_at)
           VALUES ('${datasetId}', 'bare', 'multi', 0, 0)`)
  for (const { name } of db
    .prepare<[], { name: string }>(`SELECT name FROM sqlite_master WHERE type = 'trigger'`)
    .all())
    db.exec(`DROP TRIGGER "${name}"`)
  const insert = db.prepare(
    `INSERT INTO documents (id, dataset_id, text, author, title, source_id, post_time, meta,
       content_hash, label_count, labeled_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  type Row = [string, string | null, string | null, string | null, string | null, string, number]
  const write = db.transaction((rows: Row[], first: number) => {
    rows.forEach((r, i) =>
      insert.run(first + i, datasetId, r[0], r[1], r[2], r[3], r[4], null, r[5], r[6], null, 0),
    )
  })
  const { batches } = await readSource(file, 'bench.csv', 'auto', DEFAULT_READ)
  const items = (async function* () {
    for await (const batch of batches) yield* batch
  })()
  let batch: Row[] = []
  let rows = 0
  let ms = 0
  let cpu: NodeJS.CpuUsage = { user: 0, system: 0 }
  const flush = () => {
    const start = performance.now()
    const startCpu = process.cpuUsage()
    write(batch, rows + 1)
    const used = process.cpuUsage(startCpu)
    cpu = { user: cpu.user + used.user, system: cpu.system + used.system }
    ms += performance.now() - start
    rows += batch.length
    batch = []
  }
  for await (const item of items) {
    if (!('record' in item)) continue
    const r = item.record
    batch.push([
      r.text,
      r.author,
      r.title,
      r.sourceId,
      r.postTime,
      contentHash(r.text),
      r.labels.length,
    ])
    if (batch.length === 5000) flush()
  }
  if (batch.length > 0) flush()
  db.close()
  for (const suffix of ['', '-wal', '-shm']) rmSync(dbFile + suffix, { force: true })
  return { rows, ms, cpu }
}
