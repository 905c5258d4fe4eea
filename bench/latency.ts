/**
 * Call latency under long work: `npm run bench:latency -- [--rows 2000000] [--regex-chars 30]
 * [--budget 2000] [--idle-ms 3000] [--only name,name]`. Runs the built workers in out/main (built when
 * missing). A probe calls system.info every 50 ms while each scenario runs; a call's latency counts
 * from the time it was due, so a stalled event loop shows as late answers for every slot it missed.
 * Prints p50/p99/max latency per scenario and the scenario's own duration and outcome.
 */
import { createWriteStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { once } from 'node:events'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { setTimeout as sleep } from 'node:timers/promises'
import { parseArgs } from 'node:util'
import { createApiClient, type ApiClient } from '../src-main/api/client'
import type { PredictStartParams } from '../src-main/api/contract/predicting'
import { createCore, type Core } from '../src-main/core/create-core'
import { memoryTransport } from '../src-main/core/memory-transport'
import { modelToFile, trainModel } from '../src-worker/ml'
import { benchRoot, snapshotWorkers } from './built-workers'

const { values: args } = parseArgs({
  options: {
    /** Source rows of the author-panel scenario (one output row each). */
    rows: { type: 'string', default: '2000000' },
    /** Rows of the CSV the import scenario imports into a new dataset. */
    'import-rows': { type: 'string', default: '300000' },
    /** Length of the `aaa…!` text the catastrophic pattern ^(a+)+$ meets (×4 time per 2 more). */
    'regex-chars': { type: 'string', default: '30' },
    /** The core's regex time budget (ms); the app's default is 10,000. */
    budget: { type: 'string', default: '2000' },
    'idle-ms': { type: 'string', default: '3000' },
    /** Comma-separated scenario names (default: all). */
    only: { type: 'string' },
  },
})
const ROWS = Number(args.rows)
const CHARS = Number(args['regex-chars'])
const CATASTROPHIC = '^(a+)+$'
const PERIOD_MS = 50

interface Bench {
  core: Core
  api: ApiClient
  dir: string
  /** A labelled dataset holding one `aaa…!` document. */
  datasetId: string
  /** A drop set with the catastrophic pattern. */
  exclusionSetId: string
}

/** What one scenario does while the probe runs; resolves to a one-line outcome. */
interface Scenario {
  name: string
  /** Work done before the probe starts (data generation is not what is measured). */
  prepare?: (bench: Bench) => Promise<() => Promise<string>>
  run?: (bench: Bench) => Promise<string>
}

/** Add a scenario here: it gets its own probe window and a row in the table. */
const SCENARIOS: Scenario[] = [
  { name: 'idle', run: () => sleep(Number(args['idle-ms'])).then(() => 'idle') },
  {
    name: 'exclusion test',
    run: async ({ api, datasetId, exclusionSetId }) => {
      const result = await api.call('preprocessing.testSet', { datasetId, setId: exclusionSetId })
      return `${result.documents} documents, ${result.dropped} dropped`
    },
  },
  {
    name: 'training with exclusions',
    run: async ({ api, core, datasetId, exclusionSetId }) => {
      const { taskId } = await api.call('models.startTraining', {
        datasetId,
        kind: 'nb',
        trainSplits: ['none'],
        testSplit: null,
        exclusionSetIds: [exclusionSetId],
      })
      return outcome(await core.tasks.settled(taskId))
    },
  },
  {
    name: 'predict: regex model',
    prepare: async ({ api, core, dir }) => {
      const csv = join(dir, 'regex-source.csv')
      const lines = ['id,content,author,post_time']
      for (let i = 0; i < 200; i++) lines.push(`${i},post number ${i},author${i % 20},`)
      lines.push(`200,${'a'.repeat(CHARS - 1)}!,author0,`)
      writeFileSync(csv, lines.join('\n') + '\n')
      const model = join(dir, 'catastrophic.audmodel')
      const regexRules = [
        { label: 'post', pattern: 'number' },
        { label: 'slow', pattern: CATASTROPHIC },
      ]
      writeFileSync(model, modelToFile(trainModel({ kind: 'regex', regexRules }, null)))
      return () =>
        predict(api, core, {
          sources: [{ kind: 'file', path: csv, format: 'csv', columns: COLUMNS }],
          models: [{ model: { kind: 'file', path: model } }],
          sink: { kind: 'sqlite', path: join(dir, 'regex-out.sqlite'), table: 'results' },
        })
    },
  },
  {
    name: `predict: SQLite author panel (${ROWS.toLocaleString('en')} rows)`,
    prepare: async ({ api, core, dir }) => {
      const csv = join(dir, 'panel-source.csv')
      await writePosts(csv, ROWS)
      return () =>
        predict(api, core, {
          sources: [{ kind: 'file', path: csv, format: 'csv', columns: COLUMNS }],
          models: [{ model: { kind: 'keywords', name: 'topics', version: '1', labels: TOPICS } }],
          sink: { kind: 'sqlite', path: join(dir, 'panel-out.sqlite'), table: 'results' },
          exclusiveGroups: [['sport', 'music']],
        })
    },
  },
  {
    name: `dataset import (${Number(args['import-rows']).toLocaleString('en')} CSV rows)`,
    prepare: async ({ api, core, dir }) => {
      const csv = join(dir, 'import.csv')
      await writePosts(csv, Number(args['import-rows']))
      return async () => {
        const { taskId } = await api.call('datasets.startImport', {
          target: { newDataset: { name: 'latency import' } },
          source: { path: csv },
          options: { textColumn: 'content', sourceIdColumn: 'id', authorColumn: 'author' },
        })
        const task = await core.tasks.settled(taskId)
        return task.status === 'SUCCESS' ? 'imported' : outcome(task)
      }
    },
  },
]

const COLUMNS = { id: 'id', content: 'content', author: 'author', postTime: 'post_time' }
const TOPICS = { sport: ['football'], music: ['guitar'], food: ['noodles'], travel: ['train'] }
const WORDS = ['today', 'my', 'the', 'really', 'with', 'friends', 'again', 'great', 'new', 'old']

async function predict(
  api: ApiClient,
  core: Core,
  p: Pick<PredictStartParams, 'sources' | 'models' | 'sink'> & Partial<PredictStartParams>,
): Promise<string> {
  const { taskId } = await api.call('predict.start', {
    batchSize: 20_000,
    exclusiveGroups: [],
    ...p,
  })
  const task = await core.tasks.settled(taskId)
  if (task.status !== 'SUCCESS') return outcome(task)
  const stats = await api.call('predict.stats', { taskId })
  return `${stats.written.toLocaleString('en')} rows written, panel ${((stats.finishMs ?? 0) / 1000).toFixed(1)} s`
}

function outcome(task: { status: string; error?: { message: string } | null }): string {
  const message = task.error?.message
  return message ? `${task.status}: ${message.slice(0, 90)}` : task.status
}

/** Posts with one topic word each, ~100k authors, two years of post times. */
async function writePosts(path: string, rows: number): Promise<void> {
  const out = createWriteStream(path)
  const topics = Object.values(TOPICS).flat()
  let seed = 12345
  const next = (n: number) => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % n
  out.write('id,content,author,post_time\n')
  for (let start = 0; start < rows; start += 10_000) {
    let chunk = ''
    for (let i = start; i < Math.min(rows, start + 10_000); i++) {
      const words = [0, 1, 2, 3, 4].map(() => WORDS[next(WORDS.length)])
      words.splice(next(5), 0, topics[next(topics.length)])
      const day = new Date(Date.UTC(2020, 0, 1) + next(730 * 86_400) * 1000)
      chunk += `${i},${words.join(' ')},user${next(100_000)},${day.toISOString().slice(0, 19).replace('T', ' ')}\n`
    }
    if (!out.write(chunk)) await once(out, 'drain')
  }
  out.end()
  await once(out, 'finish')
}

/** Calls system.info every PERIOD_MS; each call's latency counts from the time it was due. */
function startProbe(core: Core) {
  const latencies: number[] = []
  const pending = new Set<Promise<void>>()
  const t0 = performance.now()
  let k = 0
  let timer: NodeJS.Timeout | null = null
  // Every slot that came due, including those a stalled event loop could not fire on time.
  const callDue = () => {
    const now = performance.now()
    for (; t0 + k * PERIOD_MS <= now; k++) {
      const due = t0 + k * PERIOD_MS
      const call = core
        .dispatch('system.info', {}, { host: 'memory' })
        .then(() => void latencies.push(performance.now() - due))
      pending.add(call)
      void call.finally(() => pending.delete(call))
    }
  }
  const tick = () => {
    callDue()
    timer = setTimeout(tick, Math.max(0, t0 + k * PERIOD_MS - performance.now()))
  }
  tick()
  return async () => {
    if (timer) clearTimeout(timer)
    callDue()
    await Promise.all(pending)
    return latencies.sort((a, b) => a - b)
  }
}

const at = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * (sorted.length - 1)))] ?? NaN

async function setup(core: Core, api: ApiClient, dir: string): Promise<Bench> {
  const lines: string[] = []
  for (let i = 0; i < 300; i++)
    lines.push(JSON.stringify({ text: `${WORDS[i % 10]} post ${i}`, label: i % 2 ? 'a' : 'b' }))
  lines.push(JSON.stringify({ text: `${'a'.repeat(CHARS - 1)}!`, label: 'a' }))
  const { taskId } = await api.call('datasets.startImport', {
    target: { newDataset: { name: 'latency' } },
    source: { content: lines.join('\n') + '\n', fileName: 'latency.jsonl' },
  })
  const task = await core.tasks.settled(taskId)
  if (task.status !== 'SUCCESS') throw new Error(`import failed: ${JSON.stringify(task.error)}`)
  const { stats } = await api.call('tasks.show', { id: taskId })
  const { datasetId } = stats as { datasetId: string }
  const set = await api.call('preprocessing.saveSet', {
    name: 'catastrophic',
    mode: 'drop',
    patterns: [CATASTROPHIC],
  })
  return { core, api, dir, datasetId, exclusionSetId: set.id }
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'audience-latency-'))
  const core = await createCore({
    dataDir: join(dir, 'workspace'),
    resourcesDir: join(benchRoot, 'resources'),
    workerDir: snapshotWorkers('audience-latency-workers'),
    seedDemo: false,
    regexBudgetMs: Number(args.budget),
  })
  const api = createApiClient(memoryTransport(core))
  const only = args.only?.split(',').map((s) => s.trim().toLowerCase())
  const rows: string[][] = []
  try {
    const bench = await setup(core, api, dir)
    for (const scenario of SCENARIOS) {
      if (only && !only.some((o) => scenario.name.toLowerCase().includes(o))) continue
      const run = scenario.prepare ? await scenario.prepare(bench) : () => scenario.run!(bench)
      await sleep(500)
      console.log(`running: ${scenario.name}`)
      const stop = startProbe(core)
      const started = performance.now()
      const result = await run().catch((error: unknown) => `threw: ${String(error).slice(0, 90)}`)
      const seconds = (performance.now() - started) / 1000
      const lat = await stop()
      const ms = (v: number) => v.toFixed(0)
      rows.push([
        scenario.name,
        ms(at(lat, 0.5)),
        ms(at(lat, 0.99)),
        ms(lat.at(-1) ?? NaN),
        String(lat.length),
        seconds.toFixed(1),
        result,
      ])
    }
  } finally {
    await core.close()
    rmSync(dir, { recursive: true, force: true })
  }
  const header = ['scenario', 'p50 ms', 'p99 ms', 'max ms', 'probes', 'run s', 'outcome']
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 || i === 6 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join('  ')
  console.log(`\nsystem.info every ${PERIOD_MS} ms; regex budget ${args.budget} ms`)
  console.log(line(header))
  for (const r of rows) console.log(line(r))
}

await main()
