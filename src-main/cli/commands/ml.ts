import type { Command } from 'commander'
import { trainFromFiles, type TrainFileJob } from '../../../src-worker/ml/io/file-jobs'
import { workerErrorKind } from '../../../src-worker/worker-error'
import { REGEX_BUDGET_MS } from '../../../src-worker/ml/models/regex/regex-model'
import { FIELD_NAMES, MODEL_KINDS, type FieldName } from '../../../src-worker/ml/models/model'
import type { TrainKind } from '../../../src-worker/ml/models/train-config'
import { withCore, type CliSession } from '../cli-core'
import { runFileJob } from '../file-job'
import { runLabelJob } from '../label-job'
import { CliError, EXIT, printJson, type CliIo } from '../io'
import type { CsvFlavour } from '../../api/contract/common'
import { csvFlavourOption, parseParams } from '../params'
import { addReadFlags, encodingFlag, type ReadFlags } from '../read-flags'
import {
  DEFAULT_TRAIN_KIND,
  printSelection,
  selectionOptions,
  type SelectionFlags,
} from '../selection-flags'
import { baselineWarning, evaluateOnDataset, trainOnDataset } from './model'

const TRAIN_KINDS: readonly TrainKind[] = ['auto', ...MODEL_KINDS]

const collect = (value: string, previous: string[] = []) => [...previous, value]

function oneOf<T extends string>(value: string, options: readonly T[], flag: string): T {
  const found = options.find((option) => option === value)
  if (!found) throw new CliError(`${flag} must be one of ${options.join(', ')}.`, EXIT.usage)
  return found
}

/**
 * Turns ML errors (bad rows, invalid patterns, damaged models) into one-line CLI failures; a bad
 * --param is a usage error.
 */
export async function failing<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    if (error instanceof CliError) throw error
    if (workerErrorKind(error) === 'VALIDATION' && error instanceof Error)
      throw new CliError(error.message, EXIT.usage)
    throw new CliError(error instanceof Error ? error.message : String(error))
  }
}

const REGEX_BUDGET_OPTION = [
  '--regex-budget <ms>',
  'time a batch may spend in regexes before the run stops and names the pattern',
  String(REGEX_BUDGET_MS),
] as const

function budgetMs(value: string): number {
  const ms = Number(value)
  if (!Number.isInteger(ms) || ms <= 0)
    throw new CliError('--regex-budget must be a whole number of milliseconds.', EXIT.usage)
  return ms
}

/** The data-file reading options of a job (encoding, header, columns). */
function readOptions(o: ReadFlags) {
  return {
    encoding: encodingFlag(o.encoding),
    ...(o.header ? {} : { header: false }),
    ...(o.textColumn ? { textColumn: o.textColumn } : {}),
    ...(o.labelColumn ? { labelColumn: o.labelColumn } : {}),
  }
}

interface TrainOptions extends ReadFlags, SelectionFlags {
  data?: string
  rules?: string
  field: string
  param?: string[]
  seed?: string
  multiLabel?: boolean
  singleLabel?: boolean
  threshold?: string
  noneLabel?: string
  out?: string
}

interface LabelOptions extends ReadFlags {
  model: string[]
  data: string
  out: string
  regexBudget: string
  csvFlavour: CsvFlavour
  threads?: string
}

function threadCount(value: string | undefined): number | undefined {
  if (value === undefined) return undefined
  const threads = Number(value)
  if (!Number.isInteger(threads) || threads < 1 || threads > 64)
    throw new CliError('--threads must be a whole number from 1 to 64.', EXIT.usage)
  return threads
}

function trainJob(o: TrainOptions & { out: string }): TrainFileJob {
  const kind: TrainKind = oneOf(o.model, TRAIN_KINDS, '--model')
  const selection = selectionOptions(o)
  const field: FieldName = oneOf(o.field, FIELD_NAMES, '--field')
  if (!o.data && !o.rules)
    throw new CliError('Give --data (labelled rows) and/or --rules.', EXIT.usage)
  if (o.multiLabel && o.singleLabel)
    throw new CliError('Give --multi-label or --single-label, not both.', EXIT.usage)
  const threshold = o.threshold === undefined ? undefined : Number(o.threshold)
  if (threshold !== undefined && !Number.isFinite(threshold))
    throw new CliError('--threshold must be a number.', EXIT.usage)
  return {
    kind,
    field,
    outPath: o.out,
    params: { ...parseParams(o.param ?? []), ...selection.params },
    ...(selection.crossValidate !== undefined ? { crossValidate: selection.crossValidate } : {}),
    decision: {
      ...(o.multiLabel ? { multiLabel: true } : {}),
      ...(o.singleLabel ? { multiLabel: false } : {}),
      ...(threshold !== undefined ? { threshold } : {}),
      ...(o.noneLabel ? { noneLabel: o.noneLabel } : {}),
    },
    ...(o.data ? { dataPath: o.data } : {}),
    ...(o.rules ? { rulesPath: o.rules } : {}),
    ...readOptions(o),
    ...(o.seed !== undefined ? { seed: Number(o.seed) } : {}),
  }
}

const percent = (value: number) => `${(value * 100).toFixed(2)}%`

interface DatasetTrainFlags {
  dataset?: string
  trainSplits?: string
  testSplit?: string
  exclude?: string[]
  ruleSet?: string
  name?: string
}

/** train / evaluate / label: model files in, model files and reports out (no workspace needed). */
export function registerMlCommands(program: Command, io: () => CliIo, url: string): void {
  const session = <T>(run: (s: CliSession) => Promise<T>) =>
    withCore(program.opts<{ dataDir?: string }>().dataDir, url, run)
  addReadFlags(program.command('train'))
    .description(
      'Train a model from a labelled CSV/JSONL file and/or rule files, or (--dataset) from a workspace dataset as a new model version',
    )
    .option(
      '--model <kind>',
      `model type: ${TRAIN_KINDS.join('|')} (auto: the best by cross-validation)`,
      DEFAULT_TRAIN_KIND,
    )
    .option(
      '--time-budget <seconds>',
      'with --model auto: seconds of work at a fixed rate (a busy machine tries the same candidates, more slowly; default 60)',
    )
    .option('--cv <k>', 'with a fixed model: also print its k-fold cross-validated macro-F1')
    .option('--data <file>', 'labelled rows (CSV/TSV/xlsx, or JSONL)')
    .option('--rules <path>', 'keyword/regex rules (file or directory) or a term table CSV')
    .option('--field <field>', `field the model reads: ${FIELD_NAMES.join('|')}`, 'content')
    .option(
      '--param <name=value>',
      'model parameter, repeatable (C, alpha, minDf, calibration=auto|platt|isotonic|none, ...)',
      collect,
    )
    .option('--seed <n>', 'seed for a reproducible model file')
    .option(
      '--multi-label',
      'give every label above its threshold (default for rules and for data with a|b labels)',
    )
    .option('--single-label', 'give only the best label (rules: the one with the most matches)')
    .option('--threshold <x>', 'score a label needs (probability, or match count for rules)')
    .option('--none-label <label>', 'label for rows that get no other label')
    .option('--out <file>', 'model file to write (.audmodel); required without --dataset')
    .option(
      '--dataset <name>',
      'train on this workspace dataset (id or name) and save a model version',
    )
    .option(
      '--train-splits <list>',
      'with --dataset: splits to learn from, e.g. train or train,dev',
    )
    .option('--test-split <split>', 'with --dataset: split to evaluate on (dev|test|skip)')
    .option('--exclude <set>', 'with --dataset: exclusion set (id or name), repeatable', collect)
    .option('--rule-set <set>', 'with --dataset: rule set (id or name) for keyword/regex models')
    .option('--name <name>', 'with --dataset: name of the new version')
    .action(async (options: TrainOptions & DatasetTrainFlags) => {
      if (options.dataset) {
        const dataset = options.dataset
        return session((s) =>
          trainOnDataset(s, io(), {
            dataset,
            model: options.model,
            field: options.field,
            ...selectionOptions(options),
            ...(options.param ? { param: options.param } : {}),
            ...(options.trainSplits ? { trainSplits: options.trainSplits } : {}),
            ...(options.testSplit ? { testSplit: options.testSplit } : {}),
            ...(options.exclude ? { exclude: options.exclude } : {}),
            ...(options.ruleSet ? { rules: options.ruleSet } : {}),
            ...(options.name ? { name: options.name } : {}),
          }),
        )
      }
      const out = options.out
      if (!out) throw new CliError('train needs --out <file> (or --dataset <name>).', EXIT.usage)
      const result = await failing(() => trainFromFiles(trainJob({ ...options, out })))
      if (io().json) return printJson(io(), { out: options.out, ...result })
      if (result.selection) printSelection(io(), result.selection)
      io().out(
        `${result.description.summary}; ${result.rows} rows in ${result.fitSeconds.toFixed(2)} s -> ${options.out}`,
      )
      const rule = result.description.decisionRule
      if (rule) io().out(`Decision rule: ${rule}`)
    })

  addReadFlags(program.command('evaluate'))
    .description(
      'Score a model file on a labelled file (report.json, per-row details), or a model version on a dataset split',
    )
    .requiredOption(
      '--model <model>',
      'model file (.audmodel), or with --dataset a model version id or name',
    )
    .option('--data <file>', 'labelled rows (CSV or JSONL)')
    .option('--report <file>', 'report to write (JSON)')
    .option('--dataset <name>', 'evaluate a saved model version on this workspace dataset')
    .option('--split <split>', 'with --dataset: train|dev|test (default: all documents)')
    .option('--details <file>', 'per-row details to write (CSV)')
    .addOption(csvFlavourOption())
    .option(...REGEX_BUDGET_OPTION)
    .action(
      async (
        o: ReadFlags & {
          model: string
          data?: string
          report?: string
          details?: string
          csvFlavour: CsvFlavour
          regexBudget: string
          dataset?: string
          split?: string
        },
      ) => {
        if (o.dataset) {
          const dataset = o.dataset
          return session((s) =>
            evaluateOnDataset(s, io(), {
              model: o.model,
              dataset,
              ...(o.split ? { split: o.split } : {}),
            }),
          )
        }
        if (!o.data || !o.report) {
          throw new CliError('evaluate needs --data and --report (or --dataset).', EXIT.usage)
        }
        const { data, report: reportPath } = o
        const job = {
          modelPath: o.model,
          dataPath: data,
          reportPath,
          ...(o.details ? { detailsPath: o.details, csvFlavour: o.csvFlavour } : {}),
          ...readOptions(o),
        }
        const budget = budgetMs(o.regexBudget)
        const report = await failing(() =>
          runFileJob(url, 'ml.evaluateFile', job, [o.model], budget),
        )
        if (io().json)
          return printJson(io(), {
            accuracy: report.accuracy,
            macroF1: report.macroF1,
            rows: report.rows,
            baselineMacroF1: report.baselineMacroF1,
            belowBaseline: report.belowBaseline,
          })
        const accuracy = report.multiLabel ? 'exact-match accuracy' : 'accuracy'
        io().out(
          `${report.rows} rows: ${accuracy} ${percent(report.accuracy)}, macro-F1 ${percent(report.macroF1)} -> ${reportPath}`,
        )
        const warning = baselineWarning(report)
        if (warning) io().out(warning)
      },
    )

  addReadFlags(program.command('label'))
    .description('Label a CSV/TSV/xlsx/JSONL file of any size with one or more models')
    .requiredOption('--model <file>', 'model file, repeatable', collect)
    .requiredOption('--data <file>', 'rows to label (CSV or JSONL)')
    .requiredOption('--out <file>', 'CSV to write: input columns + labels and score per model')
    .addOption(csvFlavourOption())
    .option(...REGEX_BUDGET_OPTION)
    .option('--threads <n>', 'labelling threads (default: as many as predict tasks use)')
    .action(async (o: LabelOptions) => {
      const started = performance.now()
      const job = {
        modelPaths: o.model,
        dataPath: o.data,
        outPath: o.out,
        csvFlavour: o.csvFlavour,
        ...readOptions(o),
      }
      const budget = budgetMs(o.regexBudget)
      const threads = threadCount(o.threads)
      const result = await failing(() => runLabelJob(url, job, budget, threads))
      const seconds = (performance.now() - started) / 1000
      if (io().json) return printJson(io(), { out: o.out, rows: result.rows, seconds })
      io().out(`${result.rows} rows labelled in ${seconds.toFixed(2)} s -> ${o.out}`)
    })
}
