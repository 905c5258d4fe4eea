/**
 * Predicting benchmark: `npm run bench:predict -- --rows 2000000 [--run keyword|linear|both|label] [--batch-size 20000] [--threads N] [--trace-memory] [--no-tune]`.
 * Runs the built workers in out/main: `npx electron-vite build` first.
 * Creates (once, deterministically) a synthetic posts table in MariaDB, then runs a keyword-model task
 * (~5,000 keywords over author names) and, separately, a linear classifier on content. Prints rows/s,
 * peak RSS, per-stage rates and the MariaDB settings used. MARIADB_URL as in the tests. The linear
 * run ends with an offline check: 10,000 sampled rows labelled by `audience label` (offline-check.ts).
 * `--run label` (no database): `audience label` (the built CLI) with the linear model on a CSV of
 * --rows such posts beside scikit-learn's TfidfVectorizer + LinearSVC predict on one thread, trained
 * on the same texts, in the same run (see label-bench.ts).
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { parseArgs } from 'node:util'
import type { PredictStartParams, PredictStats } from '../src-main/api/contract/predicting'
import { createApiClient } from '../src-main/api/client'
import { createCore } from '../src-main/core/create-core'
import { openMariaDb, type MariaDbConnection } from '../src-main/core/db/mariadb'
import { quoteIdent } from '../src-main/core/predicting/sql/mariadb'
import { memoryTransport } from '../src-main/core/memory-transport'
import { chunked } from '../src-main/core/predicting/sinks/tsv'
import { modelToFile } from '../src-worker/ml'
import type { RawParams } from '../src-worker/ml/models/params'
import { trainModel } from '../src-worker/ml/models/registry'
import { MARIADB_URL, mariaDbTarget, mariaDbUrl } from '../test/helpers/mariadb'
import { benchRoot as root, snapshotWorkers } from './built-workers'
import { labelBench } from './label-bench'
import { offlineCheck } from './offline-check'
import { EN, linearTrainingSet, makeText, random, ZH } from './synthetic-posts'

const { values: args } = parseArgs({
  options: {
    rows: { type: 'string', default: '200000' },
    'batch-size': { type: 'string', default: '20000' },
    'no-tune': { type: 'boolean', default: false },
    /**
     * Which task to run: the keyword model over authors, the linear model over content, both, or
     * `label`: `audience label` on a CSV beside scikit-learn.
     */
    run: { type: 'string', default: 'both' },
    /** Same as --run keyword (kept for older scripts). */
    'skip-linear': { type: 'boolean', default: false },
    /** Create the posts table and stop: run it as its own step so it does not inflate the peak RSS. */
    'generate-only': { type: 'boolean', default: false },
    /**
     * Log the main thread's memory (RSS, heap, external, array buffers) twice a second; with
     * NODE_OPTIONS=--expose-gc it collects first, so the heap shown is the live one.
     */
    'trace-memory': { type: 'boolean', default: false },
    /** Internal: train the linear model into this file and exit (run as a child process). */
    'write-linear': { type: 'string' },
    /** Internal, with --write-linear: a model over character 1..N-grams instead of words. */
    'char-ngrams': { type: 'string' },
    /** Worker threads (default: the pool's, up to 4 by cores). */
    threads: { type: 'string' },
  },
})
const ROWS = Number(args.rows)
const RUN = args['skip-linear'] ? 'keyword' : args.run
if (RUN !== 'keyword' && RUN !== 'linear' && RUN !== 'both' && RUN !== 'label')
  throw new Error(`--run takes keyword, linear, both or label, not "${RUN}".`)
const LINEAR = RUN !== 'keyword'
const BATCH = Number(args['batch-size'])
const SCHEMA = 'audience_bench'
const OUT = 'audience_bench_out'
const TABLE = `posts_${ROWS}`

/** Dynamic settings from /work/shared/bench/mariadb-bench.cnf. */
const TUNING: [string, string | number][] = [
  ['innodb_flush_log_at_trx_commit', 2],
  ['innodb_buffer_pool_size', 6 * 1024 ** 3],
  ['max_allowed_packet', 256 * 1024 ** 2],
  ['local_infile', 1],
]
const SHOWN = [
  ...TUNING.map(([k]) => k),
  'innodb_log_file_size',
  'innodb_log_buffer_size',
  'innodb_flush_method',
  'innodb_autoinc_lock_mode',
  'log_bin',
  'version',
]

function makeNames(count: number, next: () => number): string[] {
  return Array.from({ length: count }, (_, i) => {
    if (i % 3 === 0)
      return `${EN[Math.floor(next() * EN.length)]}_${EN[Math.floor(next() * EN.length)]}${i % 1000}`
    let name = ''
    for (let k = 0; k < 2 + Math.floor(next() * 3); k++) name += ZH[Math.floor(next() * ZH.length)]
    return name
  })
}

async function ensurePosts(conn: MariaDbConnection): Promise<void> {
  await conn.query(
    `CREATE DATABASE IF NOT EXISTS ${quoteIdent(SCHEMA)} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
  )
  const [found] = await conn.query(
    `SELECT TABLE_COMMENT AS c FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?`,
    [SCHEMA, TABLE],
  )
  if ((found as { c: string }[])[0]?.c === 'complete') return
  const started = Date.now()
  const table = `${quoteIdent(SCHEMA)}.${quoteIdent(TABLE)}`
  await conn.query(`DROP TABLE IF EXISTS ${table}`)
  await conn.query(`CREATE TABLE ${table} (
    id BIGINT UNSIGNED NOT NULL PRIMARY KEY, author VARCHAR(100) NOT NULL, content TEXT NOT NULL,
    post_time DATETIME NOT NULL, s_id VARCHAR(20) NOT NULL, KEY post_time (post_time)
  ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`)
  const next = random(20240601)
  const names = makeNames(Math.max(1000, Math.floor(ROWS / 10)), next)
  const twoYears = 730 * 86_400
  const base = Date.UTC(2020, 0, 1) / 1000
  for (let start = 1; start <= ROWS; start += 50_000) {
    let tsv = ''
    for (let id = start; id < Math.min(start + 50_000, ROWS + 1); id++) {
      const time = new Date((base + Math.floor(next() * twoYears)) * 1000)
        .toISOString()
        .slice(0, 19)
        .replace('T', ' ')
      const author = names[Math.floor(next() * names.length)]!
      tsv += `${id}\t${author}\t${makeText(next)}\t${time}\tWH_F${String(1 + Math.floor(next() * 20)).padStart(4, '0')}\n`
    }
    const data = Buffer.from(tsv)
    await conn.query({
      sql: `LOAD DATA LOCAL INFILE 'p.tsv' INTO TABLE ${table} CHARACTER SET utf8mb4 (id, author, content, post_time, s_id)`,
      infileStreamFactory: () => Readable.from(chunked(data)),
    })
  }
  await conn.query(`ALTER TABLE ${table} COMMENT = 'complete'`)
  console.log(
    `created ${SCHEMA}.${TABLE} (${ROWS} rows) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  )
}

/** ~5,000 keywords in 10 labels: zh bigrams and English words, as they appear in author names. */
function authorKeywords(): Record<string, string[]> {
  const next = random(77)
  const labels: Record<string, string[]> = {}
  const seen = new Set<string>()
  for (let i = 0; seen.size < 5000; i++) {
    const keyword =
      i % 5 === 0
        ? `${EN[Math.floor(next() * EN.length)]}_${EN[Math.floor(next() * EN.length)]}`
        : ZH[Math.floor(next() * ZH.length)]! + ZH[Math.floor(next() * ZH.length)]!
    if (seen.has(keyword)) continue
    seen.add(keyword)
    ;(labels[`group_${seen.size % 10}`] ??= []).push(keyword)
  }
  return labels
}

async function settings(conn: MariaDbConnection): Promise<Record<string, string>> {
  const [rows] = await conn.query(`SHOW GLOBAL VARIABLES WHERE Variable_name IN (?)`, [SHOWN])
  return Object.fromEntries(
    (rows as { Variable_name: string; Value: string }[]).map((r) => [r.Variable_name, r.Value]),
  )
}

function report(name: string, stats: PredictStats, peakRss: number | null) {
  const rate = (ms: number | undefined) =>
    ms ? Math.round((stats.received * 1000) / ms).toLocaleString('en') : '-'
  console.log(`\n== ${name} (batch ${BATCH.toLocaleString('en')} rows)`)
  console.log(
    `rows read ${stats.received.toLocaleString('en')}, labeled ${stats.labeled.toLocaleString('en')}, written ${stats.written.toLocaleString('en')}, excluded ${stats.excluded}`,
  )
  console.log(
    `end to end: ${stats.rowsPerSecond.toLocaleString('en')} rows/s in ${(stats.runMs / 1000).toFixed(2)} s`,
  )
  const pipelineMs = stats.runMs - (stats.finishMs ?? 0)
  console.log(
    `pipeline only (read → label → write): ${Math.round((stats.received * 1000) / pipelineMs).toLocaleString('en')} rows/s in ${(pipelineMs / 1000).toFixed(2)} s; author panel ${((stats.finishMs ?? 0) / 1000).toFixed(2)} s`,
  )
  console.log(`peak RSS: ${((peakRss ?? stats.peakRssBytes) / 1024 ** 2).toFixed(0)} MB`)
  console.log(
    `stage rates (busy time, stages overlap): read ${rate(stats.stageMs?.read)} rows/s, label ${rate(stats.stageMs?.label)} rows/s, write ${rate(stats.stageMs?.write)} rows/s`,
  )
  for (const t of stats.tables ?? [])
    console.log(
      `table ${t.table}: ${t.rows} rows, authors ${t.uniqueAuthors}, labeled ${t.labeledAuthors}, label rate ${(t.labelRate * 100).toFixed(1)}%`,
    )
}

/** CPU seconds so far of this process (all its threads) and of the MariaDB server. */
function cpuSeconds(): { ours: number; server: number | null } {
  const usage = process.cpuUsage()
  let server: number | null = null
  try {
    const pid = execFileSync('pidof', ['mariadbd']).toString().trim().split(' ')[0]!
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
    server = (Number(fields[11]) + Number(fields[12])) / 100
  } catch {
    server = null
  }
  return { ours: (usage.user + usage.system) / 1e6, server }
}

/** CPU seconds of each thread of this process, by thread id (utime + stime of /proc/self/task). */
function threadSeconds(): Map<number, number> {
  const seconds = new Map<number, number>()
  for (const tid of readdirSync('/proc/self/task')) {
    try {
      const fields = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8').split(') ')[1]!.split(' ')
      seconds.set(Number(tid), (Number(fields[11]) + Number(fields[12])) / 100)
    } catch {
      // The thread ended between the listing and the read.
    }
  }
  return seconds
}

/**
 * Samples every thread's CPU time during a run (an ended thread keeps its last sample) and splits
 * it three ways: the main thread (reading and decoding rows with mysql2, the pipeline, writing),
 * the threads started during the run (the labelling worker threads), and the ones that were
 * already there (V8's GC and compiler helpers, libuv's pool).
 */
function threadSampler(): () => { main: number; started: number; helpers: number } {
  const before = threadSeconds()
  const last = new Map(before)
  const sample = () => threadSeconds().forEach((seconds, tid) => last.set(tid, seconds))
  const timer = setInterval(sample, 200)
  return () => {
    clearInterval(timer)
    sample()
    const split = { main: 0, started: 0, helpers: 0 }
    last.forEach((seconds, tid) => {
      const used = seconds - (before.get(tid) ?? 0)
      if (tid === process.pid) split.main += used
      else if (before.has(tid)) split.helpers += used
      else split.started += used
    })
    return split
  }
}

/**
 * CPU per row of each party: on a machine shared with other work, wall-clock rates say little,
 * while CPU time per row says what the two cores could do if they were ours alone.
 */
function reportCpu(rows: number, before: ReturnType<typeof cpuSeconds>, after: typeof before) {
  const ours = after.ours - before.ours
  const server =
    after.server !== null && before.server !== null ? after.server - before.server : null
  const perRow = (seconds: number) => `${((seconds * 1e6) / rows).toFixed(1)} µs/row`
  const total = ours + (server ?? 0)
  console.log(
    `CPU: ours ${ours.toFixed(1)} s (${perRow(ours)}), MariaDB server ${server === null ? '?' : `${server.toFixed(1)} s (${perRow(server)})`}; ` +
      `rows per CPU-second ${Math.round(rows / total).toLocaleString('en')}, so ${Math.round((2 * rows) / total).toLocaleString('en')} rows/s on 2 idle cores; load ${loadavg()
        .map((v) => v.toFixed(1))
        .join(' ')}`,
  )
}

/**
 * The read floor: the source's query shape (keyset pages of --batch-size rows, rows as arrays) over
 * the five columns a content task reads, with nothing else done; CPU µs/row of this process.
 */
async function bareRead(conn: MariaDbConnection): Promise<void> {
  const table = `${quoteIdent(SCHEMA)}.${quoteIdent(TABLE)}`
  const before = process.cpuUsage()
  const started = performance.now()
  let after = 0
  let count = 0
  for (;;) {
    const [rows] = await conn.query(
      {
        sql: `SELECT id, author, content, post_time, s_id FROM ${table} WHERE id > ? ORDER BY id LIMIT ?`,
        rowsAsArray: true,
      },
      [after, BATCH],
    )
    const page = rows as unknown[][]
    if (page.length === 0) break
    count += page.length
    after = Number(page[page.length - 1]![0])
  }
  const used = process.cpuUsage(before)
  console.log(
    `bare read (mysql2, 5 columns, rows as arrays): ${Math.round((count * 1000) / (performance.now() - started)).toLocaleString('en')} rows/s, ${((used.user + used.system) / count).toFixed(1)} CPU µs/row of ours`,
  )
}

async function main() {
  const admin = await openMariaDb(mariaDbTarget(), { infileStreamFactory: () => Readable.from([]) })
  if (!args['no-tune'])
    for (const [name, value] of TUNING)
      await admin
        .query(`SET GLOBAL ${name} = ?`, [value])
        .catch((e: unknown) => console.warn(`SET GLOBAL ${name}: ${String(e)}`))
  await ensurePosts(admin)
  if (args['generate-only']) return admin.destroy()
  await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(OUT)}`)
  await admin.query(`CREATE DATABASE ${quoteIdent(OUT)} CHARACTER SET utf8mb4`)
  await admin.query(`SELECT COUNT(*) FROM ${quoteIdent(SCHEMA)}.${quoteIdent(TABLE)}`) // warm the buffer pool
  console.log(`MariaDB ${MARIADB_URL} settings:`, await settings(admin))

  const workerDir = snapshotWorkers('audience-bench-workers')
  const dataDir = mkdtempSync(join(tmpdir(), 'audience-bench-'))
  // Trained in a child process: the training's garbage would otherwise count in both runs' RSS.
  const linearPath = join(dataDir, 'bench-linear.audmodel')
  if (LINEAR)
    execFileSync(process.execPath, [process.argv[1]!, '--write-linear', linearPath], {
      stdio: 'inherit',
    })
  const core = await createCore({
    dataDir,
    resourcesDir: join(root, 'resources'),
    workerDir,
    ...(args.threads ? { maxThreads: Number(args.threads) } : {}),
    seedDemo: false,
  })
  const api = createApiClient(memoryTransport(core))
  const mb = (n: number) => `${(n / 1024 ** 2).toFixed(0)}`
  const trace = args['trace-memory']
    ? setInterval(() => {
        ;(globalThis as { gc?: () => void }).gc?.()
        const m = process.memoryUsage()
        console.log(
          `memory MB: rss ${mb(m.rss)} heap ${mb(m.heapUsed)}/${mb(m.heapTotal)} external ${mb(m.external)} buffers ${mb(m.arrayBuffers)}`,
        )
      }, 500)
    : null
  const source = {
    kind: 'mariadb' as const,
    connection: { url: mariaDbUrl(SCHEMA) },
    schema: SCHEMA,
    table: TABLE,
    columns: {
      id: 'id',
      content: 'content',
      author: 'author',
      postTime: 'post_time',
      sourceId: 's_id',
    },
    from: '2020-01-01',
    to: '2022-01-01',
  }
  const run = async (name: string, models: PredictStartParams['models'], table: string) => {
    const sink = {
      kind: 'mariadb' as const,
      connection: { url: mariaDbUrl(OUT) },
      schema: OUT,
      table,
    }
    const cpuBefore = cpuSeconds()
    const threads = threadSampler()
    const { taskId } = await api.call('predict.start', {
      sources: [source],
      models,
      sink,
      batchSize: BATCH,
      exclusiveGroups: [],
    })
    const task = await core.tasks.settled(taskId)
    if (task.status !== 'SUCCESS')
      throw new Error(`${name}: ${task.status} ${JSON.stringify(task.error)}`)
    const stats = await api.call('predict.stats', { taskId })
    report(name, stats, task.peakRssBytes)
    reportCpu(stats.received, cpuBefore, cpuSeconds())
    const split = threads()
    const perRow = (seconds: number) => ((seconds * 1e6) / stats.received).toFixed(1)
    console.log(
      `CPU µs/row by thread: main ${perRow(split.main)} (read, decode, pipeline, write), worker threads ${perRow(split.started)} (labelling), V8/libuv helpers ${perRow(split.helpers)}`,
    )
  }
  try {
    if (RUN !== 'linear')
      await run(
        'keyword model: 5,000 keywords over author names',
        [
          {
            field: 'author',
            model: { kind: 'keywords', name: 'authors', version: '1', labels: authorKeywords() },
          },
        ],
        'kw_results',
      )
    if (LINEAR)
      await run(
        'linear classifier (SVM, tf-idf) on content',
        [{ field: 'content', model: { kind: 'file', path: linearPath } }],
        'linear_results',
      )
    if (LINEAR) {
      const sample = { conn: admin, modelPath: linearPath, dir: dataDir, sample: 10_000 }
      const source = `${quoteIdent(SCHEMA)}.${quoteIdent(TABLE)}`
      const output = `${quoteIdent(OUT)}.${quoteIdent('linear_results')}`
      const { rows, pairs, differ } = await offlineCheck({ ...sample, source, output })
      console.log(
        `offline check: ${rows.toLocaleString('en')} sampled rows labelled by \`audience label\` with the same model (${pairs.toLocaleString('en')} (row, label) pairs written by the task), ${differ} with another label set`,
      )
    }
    // After the runs: its pages' garbage would otherwise sit in the heap the runs' peak RSS counts.
    if (LINEAR) await bareRead(admin)
  } finally {
    if (trace) clearInterval(trace)
    await core.close()
    admin.destroy()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

/** A linear SVM trained on synthetic labelled texts, saved as a model file. */
function writeLinearModel(path: string, params: RawParams = {}): void {
  const model = trainModel(
    { kind: 'linear-svm', field: 'content', seed: 1, params },
    linearTrainingSet(random(99)),
  )
  writeFileSync(path, modelToFile(model))
}

if (args['write-linear'])
  writeLinearModel(
    args['write-linear'],
    args['char-ngrams'] ? { charNgrams: Number(args['char-ngrams']) } : {},
  )
else if (RUN === 'label')
  labelBench(
    ROWS,
    (path, charNgrams) => {
      const extra = charNgrams ? ['--char-ngrams', String(charNgrams)] : []
      execFileSync(process.execPath, [process.argv[1]!, '--write-linear', path, ...extra], {
        stdio: 'inherit',
      })
    },
    linearTrainingSet(random(99)),
  )
else await main()
