import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type {
  ModelSpec,
  PredictStartParams,
  PredictStats,
  SinkSpec,
  SourceSpec,
} from '../../src-main/api/contract/predicting'
import { openMariaDb } from '../../src-main/core/db/mariadb'
import { quoteIdent } from '../../src-main/core/predicting/sql/mariadb'
import { AUDIENCE_BIN, finished, runAudience, spawnAudience } from '../helpers/cli'
import { repoRoot, startTestCore } from '../helpers/core-harness'
import { DEMO_CSV, demoPosts, parseCsv, writeDemoModel, type DemoPost } from '../helpers/demo-posts'
import {
  adminConnection,
  createTestSchema,
  mariaDbAvailable,
  mariaDbTarget,
  mariaDbUrl,
} from '../helpers/mariadb'

const available = await mariaDbAvailable()

/** An author keyword model: its labels overlap the content model's, so exclusive groups matter. */
const HANDLES = { male: ['阿凱', '阿宏', 'dad'], female: ['mei', '小潔', 'jenny'] }
const COLUMNS = {
  id: 'id',
  content: 'content',
  author: 'author',
  sourceId: 'source_id',
  postTime: 'post_time',
}
const ROUTES = { WH_S0001: 'one', WH_S0002: 'two' }
const BATCH = 300

type Harness = Awaited<ReturnType<typeof startTestCore>>
let harness: Harness
let dir: string
let contentModel: string
let handlesModel: string
let posts: DemoPost[]
let sources: { jsonl: string; sqlite: string }

/** The flags every run shares: the column mapping, two models on two fields, one exclusive group. */
const commonFlags = (batch = BATCH) => [
  '--id-column',
  'id',
  '--text-column',
  'content',
  '--author-column',
  'author',
  '--source-id-column',
  'source_id',
  '--time-column',
  'post_time',
  '--model',
  contentModel,
  '--field',
  'content',
  '--model',
  handlesModel,
  '--field',
  'author',
  '--exclusive-group',
  'male,female',
  '--batch-size',
  String(batch),
]

/** The same task as `commonFlags` says, as `predict.start` params. */
function apiParams(source: SourceSpec, sink: SinkSpec): PredictStartParams {
  const models: ModelSpec[] = [
    { field: 'content', model: { kind: 'file', path: contentModel } },
    {
      field: 'author',
      model: { kind: 'keywords', name: 'handles', version: '1', labels: HANDLES },
    },
  ]
  return {
    sources: [source],
    models,
    exclusiveGroups: [['male', 'female']],
    sink,
    batchSize: BATCH,
  }
}

interface JsonLine {
  taskId: string
  status: string
  progress?: { done: number }
  stats?: PredictStats
}

/** Runs `audience --json predict …` to success; checks every stdout line is JSON, the last the stats. */
async function cliPredict(flags: string[]): Promise<JsonLine[]> {
  const run = await runAudience(harness.dataDir, ['--json', 'predict', ...flags])
  expect(run.code, run.stderr).toBe(0)
  const lines = run.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as JsonLine)
  const taskId = lines[0]!.taskId
  expect(lines[0]).toEqual({ taskId: expect.stringMatching(/^[0-9a-f]{32}$/), status: 'RUNNING' })
  const progress = lines.slice(1, -1)
  expect(progress.length).toBeGreaterThan(0)
  for (const line of progress) {
    expect(line.taskId).toBe(taskId)
    expect(line.progress?.done).toEqual(expect.any(Number))
  }
  expect(lines.at(-1)).toMatchObject({ taskId, status: 'SUCCESS', error: null })
  expect(lines.at(-1)!.stats!.written).toBeGreaterThan(0)
  return lines
}

async function apiPredict(params: PredictStartParams): Promise<string> {
  const { taskId } = await harness.api.call('predict.start', params)
  const task = await harness.core.tasks.settled(taskId)
  expect(task.status, JSON.stringify(task.error)).toBe('SUCCESS')
  return taskId
}

/** Tables → sorted rows without task_id (two runs of one task differ only there). */
type Output = Record<string, string[]>

const rowKey = (row: Record<string, unknown>) => {
  const { task_id: _taskId, ...rest } = row
  return JSON.stringify(rest)
}

function sqliteOutput(path: string): Output {
  const db = new Database(path, { readonly: true })
  try {
    const tables = db
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`)
      .pluck()
      .all() as string[]
    return Object.fromEntries(
      tables.map((t) => [
        t,
        (db.prepare(`SELECT * FROM "${t}"`).all() as Record<string, unknown>[]).map(rowKey).sort(),
      ]),
    )
  } finally {
    db.close()
  }
}

async function mariaDbOutput(schema: string): Promise<Output> {
  const conn = await adminConnection()
  try {
    const [tables] = await conn.query(
      'SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? ORDER BY 1',
      [schema],
    )
    const out: Output = {}
    for (const { name } of tables as { name: string }[]) {
      const [rows] = await conn.query(`SELECT * FROM ${quoteIdent(schema)}.${quoteIdent(name)}`)
      out[name] = (rows as Record<string, unknown>[]).map(rowKey).sort()
    }
    return out
  } finally {
    conn.destroy()
  }
}

function csvOutput(path: string): Output {
  const read = (file: string) => {
    const [header, ...rows] = parseCsv(readFileSync(file, 'utf8').trimEnd())
    return rows.map((r) => rowKey(Object.fromEntries(header!.map((h, i) => [h, r[i]])))).sort()
  }
  return { results: read(path), authors: read(path.replace(/\.csv$/, '_authors.csv')) }
}

/** Both models wrote labels, and no author keeps both labels of the exclusive group. */
function expectTwoModelsAndExclusivity(output: Output, panel: string, results: string[]): void {
  const versions = new Set(
    results.map((r) => (JSON.parse(r) as { model_version: string }).model_version),
  )
  expect(versions.size).toBe(2)
  const rows = (output[panel] ?? []).map(
    (r) => JSON.parse(r) as { source_author: string; label: string },
  )
  expect(rows.length).toBeGreaterThan(0)
  const labels = new Map<string, Set<string>>()
  for (const r of rows)
    labels.set(r.source_author, (labels.get(r.source_author) ?? new Set()).add(r.label))
  for (const set of labels.values()) expect(set.has('male') && set.has('female')).toBe(false)
}

function writeSources(): { jsonl: string; sqlite: string } {
  const jsonl = join(dir, 'posts.jsonl')
  const fields = (p: DemoPost) => ({
    id: p.id,
    author: p.author,
    title: p.title,
    content: p.content,
    source_id: p.sourceId,
    post_time: p.postTime,
  })
  writeFileSync(jsonl, posts.map((p) => JSON.stringify(fields(p))).join('\n') + '\n')
  const sqlite = join(dir, 'posts.sqlite')
  const db = new Database(sqlite)
  db.exec(
    'CREATE TABLE posts (id TEXT PRIMARY KEY, author TEXT, title TEXT, content TEXT, source_id TEXT, post_time TEXT)',
  )
  const insert = db.prepare(
    'INSERT INTO posts VALUES (@id, @author, @title, @content, @source_id, @post_time)',
  )
  db.transaction(() => posts.forEach((p) => insert.run(fields(p))))()
  db.close()
  return { jsonl, sqlite }
}

beforeAll(async () => {
  harness = await startTestCore({ seedDemo: false })
  dir = join(harness.dataDir, 'files')
  mkdirSync(dir)
  contentModel = writeDemoModel(dir)
  handlesModel = join(dir, 'handles.json')
  writeFileSync(handlesModel, JSON.stringify({ name: 'handles', labels: HANDLES }))
  posts = demoPosts()
  sources = writeSources()
})
afterAll(async () => {
  await harness?.close()
})

describe('audience predict with file sources and file outputs', () => {
  it('reads a CSV into SQLite with routing, exactly as predict.start does', async () => {
    const routeFlags = [
      '--route',
      'WH_S0001=one',
      '--route',
      'WH_S0002=two',
      '--route-other',
      'rest',
    ]
    const cliOut = join(dir, 'csv-cli.sqlite')
    await cliPredict([
      '--source-file',
      DEMO_CSV,
      ...commonFlags(),
      '--sink-sqlite',
      cliOut,
      ...routeFlags,
    ])
    const apiOut = join(dir, 'csv-api.sqlite')
    const routing = { groups: ROUTES, template: 'panel_{group}', otherGroup: 'rest' }
    await apiPredict(
      apiParams(
        { kind: 'file', path: DEMO_CSV, format: 'csv', columns: COLUMNS },
        { kind: 'sqlite', path: apiOut, table: 'results', routing },
      ),
    )
    const output = sqliteOutput(cliOut)
    expect(Object.keys(output).sort()).toEqual([
      'panel_one',
      'panel_one_authors',
      'panel_rest',
      'panel_rest_authors',
      'panel_two',
      'panel_two_authors',
    ])
    expect(output).toEqual(sqliteOutput(apiOut))
    for (const row of output.panel_one!) expect(row).toContain('"source_id":"WH_S0001"')
    expectTwoModelsAndExclusivity(output, 'panel_rest_authors', output.panel_rest!)
  })

  it('reads JSONL (with a source-id filter) into CSV, exactly as predict.start does', async () => {
    const { jsonl } = sources
    const ids = ['WH_S0001', 'WH_S0002', 'WH_S0003']
    const cliOut = join(dir, 'jsonl-cli.csv')
    const lines = await cliPredict([
      '--source-file',
      jsonl,
      ...commonFlags(),
      '--source-ids',
      ids.join(','),
      '--sink-csv',
      cliOut,
    ])
    const apiOut = join(dir, 'jsonl-api.csv')
    await apiPredict(
      apiParams(
        { kind: 'file', path: jsonl, format: 'jsonl', columns: COLUMNS, sourceIds: ids },
        { kind: 'csv', path: apiOut, csvFlavour: 'raw' },
      ),
    )
    const output = csvOutput(cliOut)
    expect(output).toEqual(csvOutput(apiOut))
    expect(lines.at(-1)!.stats!.received).toBe(posts.filter((p) => ids.includes(p.sourceId)).length)
    expectTwoModelsAndExclusivity(output, 'authors', output.results!)
  })
})

describe.skipIf(!available)('audience predict with MariaDB and SQLite sources and outputs', () => {
  const cleanups: (() => Promise<void>)[] = []
  let sourceSchema: string
  let sqliteSource: string
  const passwordEnv = process.env.MARIADB_PASSWORD ? { passwordEnv: 'MARIADB_PASSWORD' } : {}
  const passwordFlags = process.env.MARIADB_PASSWORD ? ['--password-env', 'MARIADB_PASSWORD'] : []
  const schema = async (prefix: string) => {
    const created = await createTestSchema(prefix)
    cleanups.push(created.drop)
    return created.name
  }

  beforeAll(async () => {
    sourceSchema = await schema('aud_clisrc')
    const conn = await openMariaDb(mariaDbTarget(sourceSchema))
    try {
      await conn.query(`CREATE TABLE posts (
        id BIGINT NOT NULL PRIMARY KEY, author VARCHAR(100) NULL, title VARCHAR(500) NULL,
        content TEXT NULL, source_id VARCHAR(20) NOT NULL, post_time DATETIME NOT NULL
      ) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`)
      const values = posts.map((p) => [
        Number(p.id),
        p.author,
        p.title,
        p.content,
        p.sourceId,
        p.postTime,
      ])
      await conn.query(
        'INSERT INTO posts (id, author, title, content, source_id, post_time) VALUES ?',
        [values],
      )
    } finally {
      conn.destroy()
    }
    sqliteSource = sources.sqlite
    const target = mariaDbTarget()
    await harness.api.call('connections.save', {
      name: 'local',
      host: target.host,
      port: target.port,
      user: target.user,
      defaultSchema: sourceSchema,
      ...passwordEnv,
    })
  })
  afterAll(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup()
  })

  it('reads a MariaDB URL (with a time range) into a saved connection, routed', async () => {
    const cliOut = await schema('aud_cliout')
    const apiOut = await schema('aud_apiout')
    const profile = (await harness.api.call('connections.list', {}))[0]!
    await cliPredict([
      '--source',
      mariaDbUrl(sourceSchema),
      '--table',
      'posts',
      ...passwordFlags,
      ...commonFlags(),
      '--from',
      '2024-02-01',
      '--sink-connection',
      'local',
      '--sink-schema',
      cliOut,
      '--route',
      'WH_S0001=one',
      '--route',
      'WH_S0002=two',
    ])
    const source: SourceSpec = {
      kind: 'mariadb',
      connection: { url: mariaDbUrl(sourceSchema), ...passwordEnv },
      schema: sourceSchema,
      table: 'posts',
      columns: COLUMNS,
      from: '2024-02-01',
    }
    const routing = { groups: ROUTES, template: 'panel_{group}' }
    await apiPredict(
      apiParams(source, {
        kind: 'mariadb',
        connection: { connectionId: profile.id },
        schema: apiOut,
        table: 'results',
        routing,
      }),
    )
    const output = await mariaDbOutput(cliOut)
    expect(Object.keys(output).sort()).toEqual([
      'panel_one',
      'panel_one_authors',
      'panel_two',
      'panel_two_authors',
      'results',
      'results_authors',
    ])
    expect(output).toEqual(await mariaDbOutput(apiOut))
    expectTwoModelsAndExclusivity(output, 'results_authors', output.results!)
  })

  it('reads a saved connection into SQLite, exactly as predict.start does', async () => {
    const cliOut = join(dir, 'conn-cli.sqlite')
    await cliPredict([
      '--connection',
      'local',
      '--table',
      'posts',
      ...commonFlags(),
      '--sink-sqlite',
      cliOut,
    ])
    const profile = (await harness.api.call('connections.list', {}))[0]!
    const apiOut = join(dir, 'conn-api.sqlite')
    await apiPredict(
      apiParams(
        {
          kind: 'mariadb',
          connection: { connectionId: profile.id },
          schema: sourceSchema,
          table: 'posts',
          columns: COLUMNS,
        },
        { kind: 'sqlite', path: apiOut, table: 'results' },
      ),
    )
    const output = sqliteOutput(cliOut)
    expect(Object.keys(output).sort()).toEqual(['results', 'results_authors'])
    expect(output).toEqual(sqliteOutput(apiOut))
    expectTwoModelsAndExclusivity(output, 'results_authors', output.results!)
  })

  it('reads a SQLite table into a MariaDB URL with a routing template', async () => {
    const cliOut = await schema('aud_cliout')
    const apiOut = await schema('aud_apiout')
    await cliPredict([
      '--source-sqlite',
      sqliteSource,
      '--table',
      'posts',
      ...commonFlags(),
      '--sink',
      mariaDbUrl(cliOut),
      ...passwordFlags,
      '--sink-table',
      'labels',
      '--route',
      'WH_S0001=one',
      '--route-template',
      'grp_{group}',
      '--route-other',
      'rest',
    ])
    const routing = { groups: { WH_S0001: 'one' }, template: 'grp_{group}', otherGroup: 'rest' }
    await apiPredict(
      apiParams(
        { kind: 'sqlite', path: sqliteSource, table: 'posts', columns: COLUMNS },
        {
          kind: 'mariadb',
          connection: { url: mariaDbUrl(apiOut), ...passwordEnv },
          schema: apiOut,
          table: 'labels',
          routing,
        },
      ),
    )
    const output = await mariaDbOutput(cliOut)
    expect(Object.keys(output).sort()).toEqual([
      'grp_one',
      'grp_one_authors',
      'grp_rest',
      'grp_rest_authors',
    ])
    expect(output).toEqual(await mariaDbOutput(apiOut))
    expectTwoModelsAndExclusivity(output, 'grp_rest_authors', output.grp_rest!)
  })
})

describe('audience predict: Ctrl-C, usage errors, progress, --version', () => {
  it('Ctrl-C on a run held mid-way aborts it, prints the resume line; resuming equals a full run', async () => {
    const gate = join(dir, 'gate')
    mkdirSync(gate)
    const cliOut = join(dir, 'sigint-cli.sqlite')
    const child = spawnAudience(
      harness.dataDir,
      [
        '--json',
        'predict',
        '--source-file',
        DEMO_CSV,
        ...commonFlags(100),
        '--sink-sqlite',
        cliOut,
      ],
      { AUDIENCE_TEST_PREDICT_GATE: gate, AUDIENCE_TEST_PREDICT_GATE_FROM: '2' },
    )
    const done = finished(child)
    while (!existsSync(join(gate, 'reached'))) await new Promise((r) => setTimeout(r, 20))
    child.kill('SIGINT')
    const run = await done
    expect(run.code, run.stderr).toBe(130)
    const lines = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as JsonLine)
    const taskId = lines[0]!.taskId
    expect(run.stderr).toContain(`Aborted. Resume with: audience tasks resume ${taskId}`)
    expect(lines.at(-1)).toMatchObject({ taskId, status: 'ABORTED' })
    const partial = lines.at(-1)!.stats!
    expect(partial.written).toBeGreaterThan(0)
    expect(partial.received).toBeLessThan(posts.length)
    const aborted = await harness.api.call('tasks.show', { id: taskId })
    expect(aborted.status).toBe('ABORTED')

    const resumed = await runAudience(harness.dataDir, ['tasks', 'resume', taskId])
    expect(resumed.code, resumed.stderr).toBe(0)
    expect(resumed.stdout).toContain(`${taskId}  SUCCESS`)

    const apiOut = join(dir, 'sigint-api.sqlite')
    await apiPredict({
      ...apiParams(
        { kind: 'file', path: DEMO_CSV, format: 'csv', columns: COLUMNS },
        { kind: 'sqlite', path: apiOut, table: 'results' },
      ),
      batchSize: 100,
    })
    const output = sqliteOutput(cliOut)
    expect(output.results!.length).toBeGreaterThan(partial.written)
    expect(output).toEqual(sqliteOutput(apiOut))
  })

  it('refuses bad flag combinations with exit 2 naming the flag, and starts nothing', async () => {
    const before = (await harness.api.call('tasks.list', {})).length
    const out = join(dir, 'never.sqlite')
    const model = ['--model', contentModel]
    const cases: [string[], string][] = [
      [
        [
          '--source-file',
          DEMO_CSV,
          '--source-sqlite',
          'posts.sqlite',
          '--table',
          'posts',
          ...model,
        ],
        '--source-file and --source-sqlite: give sources of one kind per task',
      ],
      [
        ['--source-file', DEMO_CSV, '--field', 'content', ...model],
        "option '--field <field>' argument 'content' is invalid. --field names the field of the --model before it",
      ],
      [
        [...model, '--field', 'content', '--field', 'author', '--source-file', DEMO_CSV],
        'already reads --field content',
      ],
      [
        ['--connection', 'nope', '--table', 'posts', '--text-column', 'content', ...model],
        '--connection nope: no connection named "nope"',
      ],
      [
        ['--source-file', DEMO_CSV, '--text-column', 'content', '--from', '2024-01-01', ...model],
        '--time-column: a time range needs a post-time column',
      ],
      [
        [
          '--source-file',
          DEMO_CSV,
          '--text-column',
          'content',
          ...model,
          '--route',
          'A=b',
          '--route-template',
          'x',
        ],
        '--route-template: expected letters, digits, _ and one {group}',
      ],
      [
        [
          '--source',
          'mysql://root:secret@127.0.0.1:3306/db',
          '--table',
          'posts',
          '--text-column',
          'content',
          ...model,
        ],
        '--source mysql://root:secret@127.0.0.1:3306/db: expected mysql://USER@HOST:PORT/SCHEMA without a password',
      ],
      [['--source-file', DEMO_CSV, '--text-column', 'content'], 'Give at least one --model'],
    ]
    for (const [flags, message] of cases) {
      const run = await runAudience(harness.dataDir, ['predict', ...flags, '--sink-sqlite', out])
      expect(run.code, `${flags.join(' ')}\n${run.stderr}`).toBe(2)
      expect(run.stderr).toContain(message)
    }
    const csvRoute = await runAudience(harness.dataDir, [
      'predict',
      '--source-file',
      DEMO_CSV,
      '--text-column',
      'content',
      ...model,
      '--route',
      'A=b',
      '--sink-csv',
      join(dir, 'never.csv'),
    ])
    expect(csvRoute.code).toBe(2)
    expect(csvRoute.stderr).toContain(
      '--route applies to --sink, --sink-connection and --sink-sqlite',
    )
    expect(await harness.api.call('tasks.list', {})).toHaveLength(before)
    expect(existsSync(out)).toBe(false)
    expect(existsSync(join(dir, 'never.csv'))).toBe(false)
  })

  it('draws one progress line on a terminal', () => {
    const out = join(dir, 'tty.sqlite')
    const command = [
      process.execPath,
      AUDIENCE_BIN,
      'predict',
      '--source-file',
      DEMO_CSV,
      '--text-column',
      'content',
      '--model',
      contentModel,
      '--batch-size',
      '500',
      '--sink-sqlite',
      out,
    ]
      .map((a) => `'${a.replace(/'/g, `'\\''`)}'`)
      .join(' ')
    // `script` runs the command on a pseudo-terminal, as a user's shell would.
    const text = execFileSync('script', ['-qefc', command, '/dev/null'], {
      env: { ...process.env, AUDIENCE_DATA_DIR: harness.dataDir },
      encoding: 'utf8',
    })
    expect(text).toMatch(/\r\[[#.]{24}\]\s+\d+%\s+[\d,]+\/2,000 rows/)
    expect(text).toContain('\x1b[K')
    expect(text).toMatch(/[0-9a-f]{32} {2}SUCCESS/)
  })

  it('prints its version', async () => {
    const run = await runAudience(harness.dataDir, ['--version'])
    expect(run.code).toBe(0)
    const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
      version: string
    }
    expect(run.stdout.trim()).toBe(pkg.version)
  })
})
