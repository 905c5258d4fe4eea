import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Command } from 'commander'
import type { Split } from '../../api/contract/datasets'
import type { TaskStats } from '../../api/contract/tasks'
import type {
  ModelField,
  ModelVersionDetail,
  ModelVersionSummary,
  ReportData,
  TrainKindName,
} from '../../api/contract/models'
import { awaitTask } from '../await-task'
import { withCore, type CliSession } from '../cli-core'
import { CliError, formatTable, printJson, type CliIo } from '../io'
import { parseParams } from '../params'
import { printSelection } from '../selection-flags'

const percent = (x: number | null) => (x === null ? '' : (x * 100).toFixed(1))

/** Finds a model version by id or exact name (the newest of that name). */
export async function requireModel({ api }: CliSession, ref: string): Promise<ModelVersionSummary> {
  const all = await api.call('models.list', {})
  const found = all.find((m) => m.id === ref) ?? all.find((m) => m.name === ref)
  if (!found)
    throw new CliError(`NOT_FOUND: no model version "${ref}". Run \`audience model list\`.`)
  return found
}

export function printReport(io: CliIo, report: ReportData): void {
  const rows = report.labels.map((label) => {
    const s = report.perLabel[label]!
    return [label, s.precision.toFixed(4), s.recall.toFixed(4), s.f1.toFixed(4), String(s.support)]
  })
  for (const [name, s] of [
    ['micro avg', report.micro],
    ['macro avg', report.macro],
    ['weighted avg', report.weighted],
  ] as const) {
    rows.push([
      name,
      s.precision.toFixed(4),
      s.recall.toFixed(4),
      s.f1.toFixed(4),
      String(s.support),
    ])
  }
  io.out(formatTable(['LABEL', 'PRECISION', 'RECALL', 'F1', 'SUPPORT'], rows))
  const accuracy = report.multiLabel ? 'exact-match accuracy' : 'accuracy'
  io.out(`${accuracy} ${report.accuracy.toFixed(4)} over ${report.rows} rows`)
  if (report.multiLabel && report.hammingLoss !== null)
    io.out(
      `hamming loss ${report.hammingLoss.toFixed(4)}, samples F1 ${report.samplesF1?.toFixed(4)}`,
    )
  const warning = baselineWarning(report)
  if (warning) io.out(warning)
}

/** "WARNING: …" when macro-F1 is not above the trivial baseline's, else null. */
export function baselineWarning(
  report: Pick<ReportData, 'belowBaseline' | 'baseline' | 'macroF1'>,
): string | null {
  const b = report.baseline
  if (!report.belowBaseline || !b) return null
  const guess =
    b.strategy === 'majority'
      ? `always predicting ${b.labels[0]}`
      : `giving every row every label (${b.labels.join(', ')})`
  return `WARNING: macro-F1 ${report.macroF1.toFixed(4)} is no better than ${guess}, which scores ${b.macroF1.toFixed(4)}.`
}

function printDetail(io: CliIo, m: ModelVersionDetail): void {
  if (io.json) return printJson(io, m)
  io.out(`${m.name}  (${m.id})`)
  io.out(`${m.kind} on ${m.field}, labels: ${m.labels.join(', ')}; ${m.origin}`)
  if (m.datasetName)
    io.out(
      `trained on "${m.datasetName}" ${m.trainSplits?.join('+') ?? ''}, tested on ${m.testSplit ?? '-'}`,
    )
  if (m.exclusions.length > 0)
    io.out(`exclusion sets: ${m.exclusions.map((e) => `${e.name} v${e.version}`).join(', ')}`)
  io.out(`file: ${m.filePath}`)
  if (m.decisionRule) io.out(`decision rule: ${m.decisionRule}`)
  if (m.selection) printSelection(io, m.selection)
  if (m.report) printReport(io, m.report)
}

export function registerModelCommands(program: Command, io: () => CliIo, url: string): void {
  const model = program
    .command('model')
    .description('List, show, export, import and delete model versions')
  const session = <T>(run: (s: CliSession) => Promise<T>) =>
    withCore(program.opts<{ dataDir?: string }>().dataDir, url, run)

  model
    .command('list')
    .description('List model versions, newest first')
    .action(() =>
      session(async ({ api }) => {
        const models = await api.call('models.list', {})
        if (io().json) return printJson(io(), models)
        if (models.length === 0)
          return io().out('No model versions yet. Train one with `audience train`.')
        const rows = models.map((m) => [
          m.id,
          m.name,
          m.kind,
          m.datasetName ?? '',
          percent(m.accuracy),
          percent(m.macroF1),
        ])
        io().out(formatTable(['ID', 'NAME', 'TYPE', 'DATASET', 'ACC%', 'MACRO-F1%'], rows))
      }),
    )

  model
    .command('show <model>')
    .description('Show a version (id or name) with its report')
    .action((ref: string) =>
      session(async (s) =>
        printDetail(io(), await s.api.call('models.get', { id: (await requireModel(s, ref)).id })),
      ),
    )

  model
    .command('export <model>')
    .description('Copy a version’s model file')
    .requiredOption('--out <file>', 'where to write the .audmodel file')
    .action((ref: string, opts: { out: string }) =>
      session(async (s) => {
        const { id } = await requireModel(s, ref)
        const done = await s.api.call('models.exportFile', { id, path: resolve(opts.out) })
        if (io().json) return printJson(io(), done)
        io().out(`Wrote ${done.path}`)
      }),
    )

  model
    .command('import <file>')
    .description('Add a .audmodel file as a new version')
    .option('--name <name>', 'name of the new version')
    .action((file: string, opts: { name?: string }) =>
      session(async ({ api }) => {
        const contentBase64 = readFileSync(resolve(file)).toString('base64')
        printDetail(
          io(),
          await api.call('models.importFile', {
            contentBase64,
            ...(opts.name ? { name: opts.name } : {}),
          }),
        )
      }),
    )

  model
    .command('export-terms <model>')
    .description('Write a term-weight version’s table as label,term,weight CSV, to edit')
    .requiredOption('--out <file>', 'CSV to write')
    .action((ref: string, opts: { out: string }) =>
      session(async (s) => {
        const { id } = await requireModel(s, ref)
        const done = await s.api.call('models.exportTerms', { id, path: resolve(opts.out) })
        if (io().json) return printJson(io(), done)
        io().out(`Wrote ${done.rows} rows to ${done.path}`)
      }),
    )

  model
    .command('import-terms <model> <file>')
    .description('Add a new version: the term-weight version with the edited table from <file>')
    .option('--name <name>', 'name of the new version')
    .action((ref: string, file: string, opts: { name?: string }) =>
      session(async (s) => {
        const { id } = await requireModel(s, ref)
        const path = resolve(file)
        printDetail(
          io(),
          await s.api.call('models.importTerms', {
            id,
            path,
            ...(opts.name ? { name: opts.name } : {}),
          }),
        )
      }),
    )

  model
    .command('delete <model>')
    .description('Delete a version, its file and its evaluations')
    .action((ref: string) =>
      session(async (s) => {
        const { id, name } = await requireModel(s, ref)
        await s.api.call('models.delete', { id })
        if (io().json) return printJson(io(), { id, deleted: true })
        io().out(`Deleted ${name} (${id})`)
      }),
    )
}

export interface DatasetTrainOptions {
  dataset: string
  model: string
  field?: string
  /** --time-budget as the auto model's parameter. */
  params?: Record<string, string>
  crossValidate?: number
  param?: string[]
  trainSplits?: string
  testSplit?: string
  exclude?: string[]
  rules?: string
  name?: string
}

/** `audience train --dataset …`: trains through the core as a task and saves a model version. */
export async function trainOnDataset(
  s: CliSession,
  io: CliIo,
  o: DatasetTrainOptions,
): Promise<void> {
  const datasets = await s.api.call('datasets.list', {})
  const dataset = datasets.find((d) => d.id === o.dataset || d.name === o.dataset)
  if (!dataset)
    throw new CliError(`NOT_FOUND: no dataset "${o.dataset}". Run \`audience dataset list\`.`)
  const sets = await s.api.call('preprocessing.listSets', {})
  const exclusionSetIds = (o.exclude ?? []).map((ref) => {
    const set = sets.find((x) => x.id === ref || x.name === ref)
    if (!set) throw new CliError(`NOT_FOUND: no exclusion set "${ref}".`)
    return set.id
  })
  const ruleSets = o.rules ? await s.api.call('rules.listSets', {}) : []
  const ruleSet = o.rules ? ruleSets.find((r) => r.id === o.rules || r.name === o.rules) : undefined
  if (o.rules && !ruleSet) throw new CliError(`NOT_FOUND: no rule set "${o.rules}".`)
  const params = {
    datasetId: dataset.id,
    // Raw strings go through as given: the contract's schema validates them like any call.
    kind: o.model as TrainKindName,
    params: { ...parseParams(o.param), ...o.params },
    ...(o.crossValidate !== undefined ? { crossValidate: o.crossValidate } : {}),
    exclusionSetIds,
    ...(o.field ? { field: o.field as ModelField } : {}),
    ...(o.trainSplits ? { trainSplits: o.trainSplits.split(',') as Split[] } : {}),
    ...(o.testSplit ? { testSplit: o.testSplit === 'skip' ? null : (o.testSplit as Split) } : {}),
    ...(ruleSet ? { ruleSetId: ruleSet.id } : {}),
    ...(o.name ? { name: o.name } : {}),
  }
  const { taskId } = await s.api.call('models.startTraining', params)
  const task = await awaitTask(s, io, taskId)
  const stats = (await s.api.call('tasks.show', { id: task.id })).stats as TaskStats['models.train']
  printDetail(io, await s.api.call('models.get', { id: stats.modelId }))
}

/** `audience evaluate --model <version> --dataset <name> --split test`. */
export async function evaluateOnDataset(
  s: CliSession,
  io: CliIo,
  o: { model: string; dataset: string; split?: string },
): Promise<void> {
  const version = await requireModel(s, o.model)
  const datasets = await s.api.call('datasets.list', {})
  const dataset = datasets.find((d) => d.id === o.dataset || d.name === o.dataset)
  if (!dataset) throw new CliError(`NOT_FOUND: no dataset "${o.dataset}".`)
  const { taskId } = await s.api.call('models.startEvaluation', {
    id: version.id,
    datasetId: dataset.id,
    ...(o.split ? { split: o.split as Split } : {}),
  })
  await awaitTask(s, io, taskId)
  const { evaluationId } = (await s.api.call('tasks.show', { id: taskId }))
    .stats as TaskStats['models.evaluate']
  const evaluation = await s.api.call('models.getEvaluation', { evaluationId })
  if (io.json) return printJson(io, evaluation)
  io.out(`${version.name} on "${dataset.name}" ${o.split ?? 'all'}: evaluation ${evaluationId}`)
  printReport(io, evaluation.report)
}
