import { Option, type Command } from 'commander'
import { CSV_FLAVOURS } from '../../api/contract/common'
import type { PredictStats } from '../../api/contract/predicting'
import type { TaskSummary } from '../../api/contract/tasks'
import { withCore } from '../cli-core'
import { endedError, followTask, guardInterrupt } from '../follow-task'
import type { CliIo } from '../io'
import { findProfile } from './connection'
import {
  collect,
  collectModel,
  fieldParser,
  planPredict,
  predictParams,
  type PredictOptions,
} from './predict-flags'

function printOutcome(io: CliIo, task: TaskSummary, stats: PredictStats | null): void {
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

const GRAMMAR = `
Sources (one kind per task; repeat the flag for several sources sharing --table and the columns):
  --source mysql://USER@HOST:PORT/SCHEMA --table T    a MariaDB/MySQL table (password: --password-env)
  --connection NAME --table T [--schema S]            a saved connection (audience connection list)
  --source-file posts.csv | posts.jsonl               a CSV or JSON-lines file
  --source-sqlite posts.sqlite --table T              a SQLite table

Models: each --model may be followed by its own --field (content, title, author, sourceId):
  --model gender.audmodel --field content --model handles.json --field author
  A model is a version id (32 hex digits), a .audmodel file or a keyword .json:
  {"name": "handles", "field": "author", "labels": {"male": ["先生"], "female": ["小姐"]}}

Outputs (one per task):
  --sink mysql://USER@HOST:PORT/SCHEMA | --sink-connection NAME [--sink-schema S]
  --sink-sqlite out.sqlite | --sink-csv out.csv [--csv-flavour raw|excel]
  Routing (tables only): --route SOURCE_ID=GROUP ... [--route-template 'panel_{group}'] [--route-other GROUP]

Progress goes to stderr (one redrawn line on a terminal); --json prints JSON lines on stdout, the
last one with the final stats. Ctrl-C aborts the task, keeping what was written; it prints the
\`audience tasks resume <id>\` line to continue (exit 130).

Example:
  audience predict --source-file posts.csv --text-column content --author-column author \\
    --source-id-column source_id --model topics.audmodel --field content --model handles.json --field author \\
    --exclusive-group male,female --sink-sqlite labels.sqlite --route WH_F0001=north
`

export function registerPredictCommand(program: Command, io: () => CliIo, url: string): void {
  const dataDir = () => program.opts<{ dataDir?: string }>().dataDir
  const predict = program
    .command('predict')
    .description('Label posts from MariaDB, SQLite or a file with models; write the labels out')
    .showHelpAfterError('(`audience predict --help` lists the flags)')
  predict
    .option('--source <url>', 'MariaDB source: mysql://USER@HOST:PORT/SCHEMA (repeatable)', collect)
    .option('--connection <name>', 'MariaDB source: a saved connection (repeatable)', collect)
    .option('--source-file <file>', 'CSV or JSONL source file (repeatable)', collect)
    .option('--source-sqlite <file>', 'SQLite source file (repeatable)', collect)
    .option('--table <name>', 'source table (MariaDB, SQLite)')
    .option('--schema <name>', "source schema (default: the URL's or the connection's)")
    .addOption(
      new Option('--source-format <format>', 'file format when the name does not tell').choices([
        'csv',
        'jsonl',
      ]),
    )
    .option('--id-column <name>', 'id column (default: id)')
    .option('--text-column <name>', 'content column')
    .option('--title-column <name>', 'title column')
    .option('--author-column <name>', 'author column')
    .option('--time-column <name>', 'post time column (for --from/--to)')
    .option('--source-id-column <name>', 'source id column (for --source-ids and routing)')
    .addOption(new Option('--source-column <name>').hideHelp())
    .option('--from <date>', 'first post time (inclusive)')
    .option('--to <date>', 'end of the time range (exclusive)')
    .option('--source-ids <ids>', 'only rows with these source ids (comma-separated)')
    .option('--password-env <var>', 'environment variable holding the password of URLs')
    .option(
      '--model <model>',
      'model version id, .audmodel file or keyword .json (repeatable)',
      collectModel,
    )
    .option('--field <field>', 'the field the preceding --model reads', fieldParser(predict))
    .option(
      '--review-below <x>',
      'rows whose best score is below x are written with the review label instead (trained models)',
    )
    .option('--review-label <name>', 'the label --review-below writes (default: review)')
    .option(
      '--exclusive-group <labels>',
      'labels of which an author keeps one, e.g. male,female (repeatable)',
      collect,
    )
    .option('--sink <url>', 'MariaDB output: mysql://USER@HOST:PORT/SCHEMA')
    .option('--sink-connection <name>', 'MariaDB output: a saved connection')
    .option('--sink-sqlite <file>', 'SQLite output file')
    .option('--sink-csv <file>', 'CSV output file (the author panel goes next to it)')
    .option('--sink-schema <name>', 'output schema for --sink-connection')
    .option('--sink-table <name>', 'output table (default: results)')
    .option(
      '--route <id=group>',
      'rows of this source id go to the group’s table (repeatable)',
      collect,
    )
    .option('--route-template <template>', 'routed table names (default: panel_{group})')
    .option('--route-other <group>', 'group for source ids no --route names')
    .addOption(
      new Option('--csv-flavour <flavour>', 'CSV output: raw (default) or excel').choices(
        CSV_FLAVOURS,
      ),
    )
    .option('--batch-size <n>', 'rows per batch (default: 10000)')
    .option('--task-title <title>', 'task title (default: sources → output)')
    .addHelpText('after', GRAMMAR)
    .action((opts: PredictOptions) => {
      const plan = planPredict(opts)
      return withCore(dataDir(), url, async (session) => {
        const { api } = session
        const params = await predictParams(plan, (name, flag) => findProfile(api, name, flag))
        const interrupt = guardInterrupt(io())
        try {
          const { taskId } = await api.call('predict.start', params)
          if (io().json) io().out(JSON.stringify({ taskId, status: 'RUNNING' }))
          else io().err(`Task ${taskId} started.`)
          const task = await followTask(session, io(), taskId, interrupt)
          printOutcome(io(), task, await api.call('predict.stats', { taskId }))
          const error = endedError(task, interrupt)
          if (error) throw error
        } finally {
          interrupt.dispose()
        }
      })
    })
}
