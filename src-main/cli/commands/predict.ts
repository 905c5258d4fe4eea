import { readFileSync } from 'node:fs'
import type { Command } from 'commander'
import type { ModelSpec, PredictStartParams, PredictStats } from '../../api/contract/predicting'
import type { TaskSummary } from '../../api/contract/tasks'
import type { ApiClient } from '../../api/client'
import { withCore } from '../cli-core'
import { CliError, EXIT, type CliIo } from '../io'

interface PredictOptions {
  source: string
  table: string
  idColumn: string
  textColumn: string
  authorColumn?: string
  timeColumn?: string
  sourceColumn?: string
  from?: string
  to?: string
  model: string[]
  sink: string
  sinkTable: string
  passwordEnv?: string
  batchSize: string
  json?: boolean
}

const schemaOf = (url: string) => new URL(url).pathname.replace(/^\//, '')

/**
 * `--model` is a saved model version id (32 hex digits), a .audmodel file, or a keyword JSON file:
 * `{ "field": "author", "labels": { "male": ["先生"] } }`.
 */
function modelSpec(path: string): ModelSpec {
  if (/^[0-9a-f]{32}$/i.test(path)) return { model: { kind: 'version', id: path.toLowerCase() } }
  if (!path.endsWith('.json')) return { model: { kind: 'file', path } }
  let parsed: {
    field?: ModelSpec['field']
    name?: string
    version?: string
    labels?: Record<string, string[]>
  }
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8')) as typeof parsed
  } catch (error) {
    throw new CliError(`Cannot read keyword model ${path}: ${String(error)}`, EXIT.usage)
  }
  const name = parsed.name ?? path.replace(/^.*\//, '').replace(/\.json$/, '')
  return {
    ...(parsed.field ? { field: parsed.field } : {}),
    model: { kind: 'keywords', name, version: parsed.version ?? '1', labels: parsed.labels ?? {} },
  }
}

export function predictParams(o: PredictOptions): PredictStartParams {
  const connection = (url: string) => ({
    url,
    ...(o.passwordEnv ? { passwordEnv: o.passwordEnv } : {}),
  })
  const columns = {
    id: o.idColumn,
    content: o.textColumn,
    ...(o.authorColumn ? { author: o.authorColumn } : {}),
    ...(o.timeColumn ? { postTime: o.timeColumn } : {}),
    ...(o.sourceColumn ? { sourceId: o.sourceColumn } : {}),
  }
  return {
    sources: [
      {
        kind: 'mariadb',
        connection: connection(o.source),
        schema: schemaOf(o.source),
        table: o.table,
        columns,
        ...(o.from ? { from: o.from } : {}),
        ...(o.to ? { to: o.to } : {}),
      },
    ],
    models: o.model.map(modelSpec),
    exclusiveGroups: [],
    sink: {
      kind: 'mariadb',
      connection: connection(o.sink),
      schema: schemaOf(o.sink),
      table: o.sinkTable,
    },
    batchSize: Number(o.batchSize),
  }
}

function bar(ratio: number, width = 30): string {
  const filled = Math.round(Math.min(1, ratio) * width)
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`
}

/** Follows a task until it settles: a redrawn bar on a terminal, JSON lines with --json, else nothing. */
export async function followTask(
  api: ApiClient,
  io: CliIo,
  taskId: string,
  wait: () => Promise<TaskSummary>,
) {
  const off = api.on('task.updated', (task) => {
    if (task.id !== taskId || !task.progress) return
    const p = task.progress
    if (io.json) return io.out(JSON.stringify({ taskId, status: task.status, progress: p }))
    if (!io.tty) return
    const rate = p.rate ? `${Math.round(p.rate).toLocaleString('en')} rows/s` : ''
    const eta = p.etaMs ? `ETA ${Math.round(p.etaMs / 1000)} s` : ''
    process.stdout.write(
      `\r${bar(p.ratio ?? 0)} ${p.done.toLocaleString('en')} rows ${rate} ${eta}   `,
    )
  })
  try {
    return await wait()
  } finally {
    off()
    if (io.tty && !io.json) process.stdout.write('\n')
  }
}

export function printOutcome(io: CliIo, task: TaskSummary, stats: PredictStats | null): void {
  if (io.json)
    return io.out(
      JSON.stringify({ taskId: task.id, status: task.status, error: task.error, stats }),
    )
  io.out(`${task.id}  ${task.status}`)
  if (stats)
    io.out(
      `read ${stats.received}, excluded ${stats.excluded}, labeled ${stats.labeled}, written ${stats.written}, ${stats.rowsPerSecond} rows/s`,
    )
  if (task.error) io.out(`error: ${task.error.code}: ${task.error.message}`)
}

export function registerPredictCommand(program: Command, io: () => CliIo, url: string): void {
  const dataDir = () => program.opts<{ dataDir?: string }>().dataDir
  program
    .command('predict')
    .description(
      'Label a MariaDB table with one or more models and write the labels to an output schema',
    )
    .requiredOption('--source <url>', 'mysql://USER@HOST:PORT/SCHEMA of the posts')
    .requiredOption('--table <name>', 'posts table')
    .requiredOption('--id-column <name>', 'primary key column')
    .requiredOption('--text-column <name>', 'content column')
    .option('--author-column <name>', 'author column')
    .option('--time-column <name>', 'post time column (for --from/--to)')
    .option('--source-column <name>', 'source id column')
    .option('--from <date>', 'first post time (inclusive)')
    .option('--to <date>', 'end of the range (exclusive)')
    .requiredOption(
      '--model <path...>',
      'model version id, model file (.audmodel) or keyword model (.json); repeatable',
    )
    .requiredOption('--sink <url>', 'mysql://USER@HOST:PORT/OUT_SCHEMA for the results')
    .option('--sink-table <name>', 'results table', 'results')
    .option('--password-env <var>', 'environment variable holding the MariaDB password')
    .option('--batch-size <n>', 'rows per batch', '10000')
    .action((opts: PredictOptions) =>
      withCore(dataDir(), url, async ({ api, core }) => {
        const { taskId } = await api.call('predict.start', predictParams(opts))
        if (io().json) io().out(JSON.stringify({ taskId, status: 'RUNNING' }))
        const task = await followTask(api, io(), taskId, () => core.tasks.settled(taskId))
        printOutcome(io(), task, await api.call('predict.stats', { taskId }))
        if (task.status !== 'SUCCESS')
          throw new CliError(
            `Task ${taskId} ended ${task.status}; resume it with \`audience tasks resume ${taskId}\`.`,
            EXIT.failure,
          )
      }),
    )
}
