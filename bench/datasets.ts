/**
 * Imports DOCS generated posts (CSV, 50–400 characters, default 100,000) through the API and prints
 * the import table: docs/s until listable and until indexed, a bare SQLite insert of the same rows
 * beside it, peak RSS, and the latency of a `system.info` probe every 50 ms meanwhile. Then times
 * the annotation screen's calls (memory transport: zod validation + dispatcher + SQLite).
 * Run: npm run bench:datasets  (DOCS=1000000 for the million-row import, DOCS=20000 for a quick run,
 * RUNS=0 for the import table alone; AUDIENCE_IMPORT_TRACE=FILE adds where the import threads wait)
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { createApiClient, type ApiClient } from '../src-main/api/client'
import { createCore } from '../src-main/core/create-core'
import { memoryTransport } from '../src-main/core/memory-transport'
import { writeImportCsv } from './import-corpus'
import { bareInsert, measureImport, type LatencySummary } from './import-scenario'
import { printImportTrace } from './import-trace-report'

const DOCS = Number(process.env.DOCS ?? 100_000)
const RUNS = Number(process.env.RUNS ?? 200)
/** The repository root: this file runs from bench/ (tsx) or bundled under node_modules/.cache. */
const root = (() => {
  let dir = import.meta.dirname
  while (!existsSync(join(dir, 'package.json')) || dir.includes('node_modules')) dir = dirname(dir)
  return dir
})()

const mb = (bytes: number) => `${(bytes / 1024 ** 2).toFixed(0)} MB`
const rate = (rows: number, ms: number) => Math.round(rows / (ms / 1000)).toLocaleString('en-US')
const latency = (l: LatencySummary) =>
  `p50 ${l.p50.toFixed(1)} ms, p99 ${l.p99.toFixed(1)} ms, max ${l.max.toFixed(1)} ms (${l.calls} calls)`

async function time(label: string, call: (i: number) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < 5; i++) await call(i)
  const samples: number[] = []
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now()
    await call(i)
    samples.push(performance.now() - start)
  }
  samples.sort((a, b) => a - b)
  const at = (q: number) =>
    (samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] ?? 0).toFixed(2)
  console.log(
    `${label.padEnd(44)} median ${at(0.5).padStart(7)} ms   p95 ${at(0.95).padStart(7)} ms`,
  )
}

const cpuPerDoc = (cpu: NodeJS.CpuUsage, rows: number) =>
  ((cpu.user + cpu.system) / rows).toFixed(1)

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'audience-bench-'))
  const file = join(dataDir, 'bench.csv')
  // Written by a child process: the strings it builds would otherwise count in the import's RSS.
  execFileSync(process.execPath, [process.argv[1] ?? ''], {
    env: { ...process.env, BENCH_WRITE_CSV: file },
    stdio: 'inherit',
  })
  const bytes = statSync(file).size
  // The built workers, as the app runs them (big files are read on a worker thread).
  const workerDir = join(root, 'out', 'main')
  if (!existsSync(join(workerDir, 'import-read.worker.js'))) {
    execFileSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'inherit' })
  }
  const core = await createCore({
    dataDir,
    resourcesDir: join(root, 'resources'),
    workerDir,
    seedDemo: false,
  })
  const api: ApiClient = createApiClient(memoryTransport(core))
  try {
    const baselineRss = process.memoryUsage.rss()
    const result = await measureImport(api, core, file)
    const bare = await bareInsert(file, dataDir)
    const listable = result.rows / (result.listableMs / 1000)
    console.log(`import of ${DOCS.toLocaleString('en-US')} CSV posts (${mb(bytes)})`)
    console.table({
      rows: result.rows,
      'docs/s until listable': rate(result.rows, result.listableMs),
      'docs/s until indexed': rate(result.rows, result.indexedMs),
      'bare SQLite insert rows/s': rate(bare.rows, bare.ms),
      'ratio (listable / bare)': (listable / (bare.rows / (bare.ms / 1000))).toFixed(2),
      'CPU µs/doc until listable (all threads)': cpuPerDoc(result.cpuListable, result.rows),
      'CPU µs/doc until indexed (all threads)': cpuPerDoc(result.cpuIndexed, result.rows),
      'bare insert CPU µs/row (insert only)': cpuPerDoc(bare.cpu, bare.rows),
      'RSS before the import': mb(baselineRss),
      'peak RSS (import)': mb(result.peakRssImport),
      'peak RSS (indexing)': mb(result.peakRssIndex),
    })
    const perThread = result.threadsListable
      .slice(0, 4)
      .map((t) => `${t.name} ${(t.micros / result.rows).toFixed(1)}`)
    console.log(
      `CPU µs/doc until listable per thread (new #1 = reader, #2 = writer: the reader is started first): ${perThread.join(', ')}`,
    )
    console.log(`system.info probe during the import:   ${latency(result.latencyImport)}`)
    console.log(`system.info probe during the indexing: ${latency(result.latencyIndex)}\n`)
    const traceFile = process.env['AUDIENCE_IMPORT_TRACE']
    if (traceFile) printImportTrace(traceFile, result.startedAt, result.listableAt)
    if (RUNS === 0) return
    const datasetId = result.datasetId
    const start = performance.now()
    await api.call('datasets.split', { id: datasetId })
    console.log(`stratified split: ${(performance.now() - start).toFixed(0)} ms\n`)
    const dataset = await api.call('datasets.get', { id: datasetId })
    const labelId = dataset.labels[2]?.id ?? 1
    const ids = (await api.call('annotation.listDocuments', { datasetId, limit: 500 })).items.map(
      (d) => d.id,
    )
    const anyId = (i: number) => (ids[i % ids.length] ?? 1) + Math.floor((i * 997) % (DOCS - 500))
    const pageAt = (i: number) => ((i * 7919) % Math.floor(DOCS / 50)) * 50

    await time('datasets.list', () => api.call('datasets.list', {}))
    await time('datasets.get', () => api.call('datasets.get', { id: datasetId }))
    await time('listDocuments all, random page of 50', (i) =>
      api.call('annotation.listDocuments', { datasetId, offset: pageAt(i) }),
    )
    await time('listDocuments unlabeled, first page', () =>
      api.call('annotation.listDocuments', { datasetId, filter: { status: 'unlabeled' } }),
    )
    await time('listDocuments by label, random page', (i) =>
      api.call('annotation.listDocuments', {
        datasetId,
        filter: { labelId },
        offset: pageAt(i) % 20_000,
      }),
    )
    await time('listDocuments split=dev', () =>
      api.call('annotation.listDocuments', { datasetId, filter: { split: 'dev' } }),
    )
    await time('listDocuments FTS "九份看" (trigram)', () =>
      api.call('annotation.listDocuments', { datasetId, filter: { query: '九份看' } }),
    )
    await time('listDocuments search "珍奶" (2 chars, scan)', () =>
      api.call('annotation.listDocuments', { datasetId, filter: { query: '珍奶' } }),
    )
    await time('listDocuments search "#4242" (rare)', (i) =>
      api.call('annotation.listDocuments', { datasetId, filter: { query: `#${4242 + i}` } }),
    )
    await time('countDocuments (all chips)', () =>
      api.call('annotation.countDocuments', { datasetId }),
    )
    await time('getDocument', (i) =>
      api.call('annotation.getDocument', { datasetId, documentId: anyId(i) }),
    )
    await time('step next (all)', (i) =>
      api.call('annotation.step', { datasetId, fromDocumentId: anyId(i) }),
    )
    await time('step next (by label)', (i) =>
      api.call('annotation.step', { datasetId, fromDocumentId: anyId(i), filter: { labelId } }),
    )
    await time('nextUnlabeled', (i) =>
      api.call('annotation.nextUnlabeled', { datasetId, fromDocumentId: anyId(i) }),
    )
    await time('toggleLabel (journaled)', (i) =>
      api.call('annotation.toggleLabel', {
        datasetId,
        documentId: anyId(i),
        labelId,
        sessionId: 'bench',
      }),
    )
    await time('undo', () => api.call('annotation.undo', { datasetId, sessionId: 'bench' }))
    await time('annotation.stats', () =>
      api.call('annotation.stats', { datasetId, sessionId: 'bench' }),
    )
  } finally {
    await core.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

const csvForParent = process.env.BENCH_WRITE_CSV
if (csvForParent) await writeImportCsv(csvForParent, DOCS)
else await main()
