import { TASK_KINDS } from '../../api/contract/tasks'
import type { Command } from 'commander'
import type { TaskStatus, TaskSummary } from '../../api/contract/tasks'
import { withCore } from '../cli-core'
import { endedError, followTask, guardInterrupt } from '../follow-task'
import { formatTable, printJson, type CliIo } from '../io'

const percent = (t: TaskSummary) =>
  t.progress?.ratio !== undefined
    ? `${Math.round(t.progress.ratio * 100)}%`
    : t.progress
      ? `${t.progress.done}`
      : ''

function printTasks(io: CliIo, tasks: TaskSummary[]): void {
  if (io.json) return printJson(io, tasks)
  if (tasks.length === 0) return io.out('No tasks yet.')
  const rows = tasks.map((t) => [
    t.id,
    t.kind,
    t.status,
    percent(t),
    new Date(t.createdAt).toISOString(),
    t.title,
  ])
  io.out(formatTable(['ID', 'KIND', 'STATUS', 'PROGRESS', 'CREATED', 'TITLE'], rows))
}

function printTask(io: CliIo, task: TaskSummary): void {
  if (io.json) return printJson(io, task)
  io.out(`${task.id}  ${task.status}  ${task.kind}  ${percent(task)}  ${task.title}`)
  if (task.error) io.out(`error: ${task.error.code}: ${task.error.message}`)
}

export function registerTaskCommands(program: Command, io: () => CliIo, url: string): void {
  const tasks = program
    .command('tasks')
    .description('List, inspect, abort and resume long-running tasks')
  const dataDir = () => program.opts<{ dataDir?: string }>().dataDir

  tasks
    .command('list')
    .description('List tasks, newest first')
    .option('--status <status>', 'only tasks with this status')
    .option('--kind <kind>', 'only tasks of this kind')
    .option('--limit <n>', 'at most this many', '100')
    .action((opts: { status?: string; kind?: string; limit: string }) =>
      withCore(dataDir(), url, async ({ api }) => {
        // Raw strings go through as given: the contract's schema validates them like any other call.
        const params = {
          limit: Number(opts.limit),
          ...(opts.status ? { status: opts.status as TaskStatus } : {}),
          ...(opts.kind ? { kind: opts.kind } : {}),
        }
        printTasks(io(), await api.call('tasks.list', params))
      }),
    )

  tasks
    .command('show <id>')
    .description('Show one task with its config, stats and checkpoint')
    .action((id: string) =>
      withCore(dataDir(), url, async ({ api }) => {
        const task = await api.call('tasks.show', { id })
        if (io().json) return printJson(io(), task)
        printTask(io(), task)
        io().out(JSON.stringify({ config: task.config, stats: task.stats }, null, 2))
      }),
    )

  tasks
    .command('abort <id>')
    .description('Abort a running task (it ends ABORTED; committed work is kept)')
    .action((id: string) =>
      withCore(dataDir(), url, async ({ api }) =>
        printTask(io(), await api.call('tasks.abort', { id })),
      ),
    )

  tasks
    .command('resume <id>')
    .description(
      'Continue an ABORTED, FAILED or INTERRUPTED task from its checkpoint and follow it',
    )
    .action((id: string) =>
      withCore(dataDir(), url, async (session) => {
        const interrupt = guardInterrupt(io())
        try {
          const resumed = await session.api.call('tasks.resume', { id })
          const unit = resumed.kind === TASK_KINDS.predict ? 'rows' : ''
          const task = await followTask(session, io(), id, interrupt, unit)
          printTask(io(), task)
          const error = endedError(task, interrupt)
          if (error) throw error
        } finally {
          interrupt.dispose()
        }
      }),
    )

  tasks
    .command('sample <id>')
    .description('Random written rows per label of a predicting task, with their text')
    .option('--per-label <n>', 'rows per label', '50')
    .option('--label <label>', 'only this label')
    .action((id: string, opts: { perLabel: string; label?: string }) =>
      withCore(dataDir(), url, async ({ api }) => {
        const params = {
          taskId: id,
          perLabel: Number(opts.perLabel),
          ...(opts.label ? { label: opts.label } : {}),
        }
        const rows = await api.call('predict.sample', params)
        if (io().json) return printJson(io(), rows)
        const cut = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').slice(0, 60)
        io().out(
          formatTable(
            ['LABEL', 'SCORE', 'ID', 'AUTHOR', 'MATCHED', 'TEXT'],
            rows.map((r) => [
              r.label,
              String(r.score),
              r.id,
              r.author ?? '',
              r.matched ?? '',
              r.text === null && r.textNote ? `(${r.textNote})` : cut(r.text),
            ]),
          ),
        )
      }),
    )
}
