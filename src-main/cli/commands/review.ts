import type { Command } from 'commander'
import type { ImportReport } from '../../api/contract/datasets'
import { withCore } from '../cli-core'
import { endedError, followTask, guardInterrupt } from '../follow-task'
import { CliError, EXIT, type CliIo } from '../io'
import { requireDataset } from './dataset'

interface ReviewOpts {
  task: string
  into: string
  new?: boolean
  sample?: string
  label?: string
  below?: string
}

const number = (value: string, flag: string): number => {
  const n = Number(value)
  if (value.trim() === '' || !Number.isFinite(n))
    throw new CliError(`${flag} expects a number, not "${value}"`, EXIT.usage)
  return n
}

/** Which rows the flags ask for: a sample per label, every row of one label, or those below X. */
function rowsOf(o: ReviewOpts) {
  const base = { taskId: o.task, ...(o.label !== undefined ? { label: o.label } : {}) }
  if (o.sample !== undefined) {
    if (o.below !== undefined)
      throw new CliError('use --sample N or --below X, not both', EXIT.usage)
    return { ...base, select: 'sample' as const, perLabel: number(o.sample, '--sample') }
  }
  if (o.below !== undefined) {
    if (o.label === undefined)
      throw new CliError('--below X needs --label L (the label whose scores it cuts)', EXIT.usage)
    return { ...base, select: 'all' as const, below: number(o.below, '--below') }
  }
  if (o.label !== undefined) return { ...base, select: 'all' as const }
  throw new CliError('say which rows: --sample N, --label L, or --below X --label L', EXIT.usage)
}

export function registerReviewCommand(program: Command, io: () => CliIo, url: string): void {
  program
    .command('review')
    .description(
      'Send rows of a predicting task to a dataset for review: unlabelled documents with the model’s labels as suggestions',
    )
    .requiredOption('--task <id>', 'the predicting task')
    .requiredOption('--into <dataset>', 'dataset name or id (with --new: the new dataset’s name)')
    .option('--new', 'create the dataset')
    .option('--sample <n>', 'a random sample of n rows per label (of --label only, if given)')
    .option('--label <label>', 'every row of this label (no limit on their number)')
    .option('--below <x>', 'with --label: only its rows scored below x')
    .action((opts: ReviewOpts) =>
      withCore(program.opts<{ dataDir?: string }>().dataDir, url, async (s) => {
        const rows = rowsOf(opts)
        const target = opts.new
          ? { newDataset: { name: opts.into } }
          : { datasetId: (await requireDataset(s, opts.into)).id }
        const interrupt = guardInterrupt(io())
        try {
          const { taskId } = await s.api.call('suggestions.reviewFromPredict', { ...rows, target })
          if (!io().json) io().err(`Task ${taskId} started (Ctrl-C aborts it).`)
          const task = await followTask(s, io(), taskId, interrupt)
          const error = endedError(task, interrupt)
          if (error) throw error
          const report = (await s.api.call('tasks.show', { id: taskId })).stats as ImportReport
          const documents = report.rowsRead
          // One line, after the progress lines --json prints as the task runs.
          if (io().json)
            return io().out(
              JSON.stringify({ taskId, documents, datasetId: report.datasetId, report }),
            )
          io().out(
            `Sent ${documents} documents to review into "${opts.into}" (${report.imported} new, ${report.duplicatesSkipped} already there). Open it in Annotate and accept the suggestions.`,
          )
        } finally {
          interrupt.dispose()
        }
      }),
    )
}
