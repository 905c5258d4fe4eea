import { resolve } from 'node:path'
import type { Command } from 'commander'
import type {
  DatasetDetail,
  DatasetFormat,
  DatasetSummary,
  ExportReport,
  ImportReport,
} from '../../api/contract/datasets'
import type { CsvFlavour } from '../../api/contract/common'
import { awaitTask } from '../await-task'
import { withCore, type CliSession } from '../cli-core'
import { CliError, formatTable, printJson, type CliIo } from '../io'
import { csvFlavourOption } from '../params'
import { addReadFlags, encodingFlag, oneOf, type ReadFlags } from '../read-flags'
import { CSV_DELIMITERS, DATASET_FORMATS, LABEL_SEPARATORS } from '../../api/contract/datasets'

type ImportOpts = ReadFlags & {
  name: string
  format: string
  labelColumn?: string
  labelSeparator: string
  sheet?: string
  delimiter: string
  lenientQuotes?: boolean
  duplicates: string
  skipBadRows?: boolean
  single?: boolean
}
type ExportOpts = {
  format: string
  out: string
  csvFlavour: CsvFlavour
  split?: string
  status?: string
  label?: string
  query?: string
}

/** Finds a live dataset by id or exact name. */
async function findDataset({ api }: CliSession, ref: string): Promise<DatasetSummary | undefined> {
  const all = await api.call('datasets.list', {})
  return all.find((d) => d.id === ref) ?? all.find((d) => d.name === ref)
}

export async function requireDataset(session: CliSession, ref: string): Promise<DatasetSummary> {
  const found = await findDataset(session, ref)
  if (!found)
    throw new CliError(`NOT_FOUND: no dataset "${ref}". Run \`audience dataset list\` to see them.`)
  return found
}

function printDatasets(io: CliIo, datasets: DatasetSummary[]): void {
  if (io.json) return printJson(io, datasets)
  if (datasets.length === 0) return io.out('No datasets yet. Create one or import a file.')
  const rows = datasets.map((d) => [
    d.id,
    d.name,
    String(d.documentCount),
    String(d.labeledCount),
    d.labelMode,
    d.labels.map((l) => l.name).join(', '),
  ])
  io.out(formatTable(['ID', 'NAME', 'DOCS', 'LABELED', 'MODE', 'LABELS'], rows))
}

function printDetail(io: CliIo, d: DatasetDetail): void {
  if (io.json) return printJson(io, d)
  io.out(`${d.name}  (${d.id})`)
  if (d.description) io.out(d.description)
  io.out(`${d.documentCount} documents, ${d.labeledCount} labeled, ${d.labelMode}-label`)
  const s = d.splitCounts
  io.out(`splits: train ${s.train}, dev ${s.dev}, test ${s.test}, none ${s.none}`)
  const rows = d.labels.map((l) => [
    String(l.id),
    l.name,
    l.shortcut ?? '',
    l.color,
    String(l.count),
  ])
  if (rows.length > 0) io.out(formatTable(['ID', 'LABEL', 'KEY', 'COLOR', 'DOCS'], rows))
}

function printImport(io: CliIo, r: ImportReport): void {
  if (io.json) return printJson(io, r)
  io.out(`Imported ${r.imported} documents into "${r.datasetName}" (${r.format}, ${r.encoding}).`)
  io.out(
    `rows read ${r.rowsRead}, duplicates skipped ${r.duplicatesSkipped}, kept ${r.duplicatesKept}`,
  )
  if (r.labelsCreated.length > 0) io.out(`new labels: ${r.labelsCreated.join(', ')}`)
  for (const [kind, count] of Object.entries(r.problemCounts)) io.out(`${kind}: ${count}`)
  for (const p of r.problems.slice(0, 10)) io.out(`  line ${p.line}: ${p.message}`)
  if (r.skippedLines.length > 0) io.out(`skipped lines: ${r.skippedLines.join(', ')}`)
}

export function registerDatasetCommands(program: Command, io: () => CliIo, url: string): void {
  const dataset = program
    .command('dataset')
    .description('Create, inspect, import and export datasets')
  const dataDir = () => program.opts<{ dataDir?: string }>().dataDir
  const session = <T>(run: (s: CliSession) => Promise<T>) => withCore(dataDir(), url, run)

  dataset
    .command('list')
    .description('List datasets with document and label counts')
    .option('--query <text>', 'only names or descriptions containing this')
    .action((opts: { query?: string }) =>
      session(async ({ api }) =>
        printDatasets(
          io(),
          await api.call('datasets.list', opts.query ? { query: opts.query } : {}),
        ),
      ),
    )

  dataset
    .command('show <dataset>')
    .description('Show a dataset (by id or name) with its labels and splits')
    .action((ref: string) =>
      session(async (s) =>
        printDetail(
          io(),
          await s.api.call('datasets.get', { id: (await requireDataset(s, ref)).id }),
        ),
      ),
    )

  dataset
    .command('create <name>')
    .description('Create an empty dataset')
    .option('--labels <names>', 'comma-separated label names')
    .option('--single', 'single-label (default: multi-label)')
    .option('--description <text>', 'what the dataset is for', '')
    .action((name: string, opts: { labels?: string; single?: boolean; description: string }) =>
      session(async ({ api }) => {
        const labels = (opts.labels ?? '')
          .split(',')
          .map((l) => l.trim())
          .filter(Boolean)
        const created = await api.call('datasets.create', {
          name,
          description: opts.description,
          labelMode: opts.single ? 'single' : 'multi',
          labels: labels.map((l) => ({ name: l })),
        })
        printDetail(io(), created)
      }),
    )

  dataset
    .command('delete <dataset>')
    .description('Move a dataset to the bin (restore it with `dataset restore`)')
    .action((ref: string) =>
      session(async (s) => {
        const deleted = await s.api.call('datasets.delete', {
          id: (await requireDataset(s, ref)).id,
        })
        if (io().json) return printJson(io(), deleted)
        io().out(`Deleted "${deleted.name}". Undo with: audience dataset restore ${deleted.id}`)
      }),
    )

  dataset
    .command('restore [id]')
    .description('Restore a deleted dataset (default: the last one deleted)')
    .action((id: string | undefined) =>
      session(async ({ api }) =>
        printDetail(io(), await api.call('datasets.restore', id ? { id } : {})),
      ),
    )

  addReadFlags(
    dataset
      .command('import <file>')
      .description('Import a file into a dataset, creating it when no dataset has that name')
      .requiredOption('--name <dataset>', 'dataset name or id'),
  )
    .option('--format <format>', `auto|${DATASET_FORMATS.join('|')}`, 'auto')
    .option(
      '--label-separator <sep>',
      `how several labels share a cell: auto|${LABEL_SEPARATORS.join('|')}`,
      'auto',
    )
    .option('--sheet <name>', 'xlsx: the sheet to read (default the first)')
    .option('--delimiter <char>', 'CSV field separator: auto, ",", ";", "|" or "tab"', 'auto')
    .option('--lenient-quotes', 'keep stray quotes as text instead of calling the row bad')
    .option('--duplicates <mode>', 'skip|keep exact duplicate texts', 'skip')
    .option('--skip-bad-rows', 'import the good rows and list the bad ones (default: stop)')
    .option('--single', 'a new dataset is single-label')
    .action((file: string, opts: ImportOpts) =>
      session(async (s) => {
        const format = oneOf(opts.format, ['auto', ...DATASET_FORMATS], '--format')
        const labelSeparator = oneOf(
          opts.labelSeparator,
          ['auto', ...LABEL_SEPARATORS],
          '--label-separator',
        )
        const delimiter = oneOf(
          opts.delimiter === 'tab' ? '\t' : opts.delimiter,
          ['auto', ...CSV_DELIMITERS],
          '--delimiter',
        )
        const existing = await findDataset(s, opts.name)
        const target = existing
          ? { datasetId: existing.id }
          : {
              newDataset: {
                name: opts.name,
                ...(opts.single ? { labelMode: 'single' as const } : {}),
              },
            }
        const { taskId } = await s.api.call('datasets.startImport', {
          target,
          source: { path: resolve(file) },
          options: {
            format,
            encoding: encodingFlag(opts.encoding),
            header: opts.header,
            delimiter,
            quotes: opts.lenientQuotes ? 'lenient' : 'strict',
            labelSeparator,
            duplicates: oneOf(opts.duplicates, ['skip', 'keep'] as const, '--duplicates'),
            onProblem: opts.skipBadRows ? 'skip' : 'fail',
            ...(opts.sheet ? { sheet: opts.sheet } : {}),
            ...(opts.textColumn ? { textColumn: opts.textColumn } : {}),
            ...(opts.labelColumn ? { labelColumn: opts.labelColumn } : {}),
          },
        })
        await awaitTask(s, io(), taskId)
        printImport(io(), (await s.api.call('tasks.show', { id: taskId })).stats as ImportReport)
      }),
    )

  dataset
    .command('export <dataset>')
    .description('Export a dataset (or a split / filter) to a file')
    .requiredOption('--format <format>', DATASET_FORMATS.join('|'))
    .requiredOption('--out <file>', 'file to write')
    .addOption(csvFlavourOption())
    .option('--split <split>', 'train|dev|test|none')
    .option('--status <status>', 'all|labeled|unlabeled')
    .option('--label <name>', 'only documents with this label')
    .option('--query <text>', 'only documents containing this text')
    .action((ref: string, opts: ExportOpts) =>
      session(async (s) => {
        const found = await requireDataset(s, ref)
        const label = opts.label ? found.labels.find((l) => l.name === opts.label) : undefined
        if (opts.label && !label)
          throw new CliError(`NOT_FOUND: no label "${opts.label}" in "${found.name}".`)
        const filter = {
          ...(opts.split ? { split: opts.split as 'train' } : {}),
          ...(opts.status ? { status: opts.status as 'all' } : {}),
          ...(label ? { labelId: label.id } : {}),
          ...(opts.query ? { query: opts.query } : {}),
        }
        const { taskId } = await s.api.call('datasets.startExport', {
          id: found.id,
          format: opts.format as DatasetFormat,
          path: resolve(opts.out),
          csvFlavour: opts.csvFlavour,
          filter,
        })
        await awaitTask(s, io(), taskId)
        const report = (await s.api.call('tasks.show', { id: taskId })).stats as ExportReport
        if (io().json) return printJson(io(), report)
        io().out(`Wrote ${report.documents} documents (${report.bytes} bytes) to ${report.path}`)
      }),
    )
}
