/**
 * Seeds 100,000 documents through the import task, then times the annotation screen's calls through
 * the API (memory transport: zod validation + dispatcher + SQLite), printing median and p95 per call.
 * Run: npm run bench:datasets  (DOCS=20000 for a quicker run)
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { createApiClient, type ApiClient } from '../src-main/api/client'
import { createCore } from '../src-main/core/create-core'
import { memoryTransport } from '../src-main/core/memory-transport'

const DOCS = Number(process.env.DOCS ?? 100_000)
const RUNS = Number(process.env.RUNS ?? 200)
const root = join(import.meta.dirname, '..')
const ZH = [
  '今天的珍奶太甜了',
  '週末去九份看夕陽',
  '帶小孩去公園',
  '期中考好難',
  '我老公又加班',
  '捷運又誤點了',
]
const EN = [
  'the bubble tea was too sweet',
  'my kids love the park',
  'finals week again',
  'my wife cooked',
  'rainy day',
]
const LABELS = ['male', 'female', 'parent', 'student']

function corpus(n: number): string {
  const lines: string[] = []
  for (let i = 0; i < n; i++) {
    const text = `${ZH[i % ZH.length]} ${EN[(i * 7) % EN.length]} #${i}`
    const label = i % 3 === 0 ? [] : [LABELS[i % 4] ?? 'male', ...(i % 10 === 1 ? ['parent'] : [])]
    lines.push(JSON.stringify({ text, label, author: `user${i % 500}`, source_id: `WH_B${i}` }))
  }
  return lines.join('\n') + '\n'
}

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

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'audience-bench-'))
  const core = await createCore({
    dataDir,
    resourcesDir: join(root, 'resources'),
    workerDir: join(root, 'src-worker'),
    workerExecArgv: ['--import', 'tsx'],
    seedDemo: false,
  })
  const api: ApiClient = createApiClient(memoryTransport(core))
  try {
    const file = join(dataDir, 'bench.jsonl')
    writeFileSync(file, corpus(DOCS))
    let start = performance.now()
    const { taskId } = await api.call('datasets.startImport', {
      target: { newDataset: { name: 'bench' } },
      source: { path: file },
    })
    const task = await core.tasks.settled(taskId)
    if (task.status !== 'SUCCESS') throw new Error(`import ${task.status}: ${task.error?.message}`)
    console.log(
      `import ${DOCS} docs (doccano JSONL, one transaction): ${((performance.now() - start) / 1000).toFixed(1)} s`,
    )
    const [dataset] = await api.call('datasets.list', {})
    if (!dataset) throw new Error('no dataset')
    const datasetId = dataset.id
    start = performance.now()
    await api.call('datasets.split', { id: datasetId })
    console.log(`stratified split: ${(performance.now() - start).toFixed(0)} ms\n`)
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
    await time('listDocuments FTS "九份看夕陽" (trigram)', () =>
      api.call('annotation.listDocuments', { datasetId, filter: { query: '九份看夕陽' } }),
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

await main()
