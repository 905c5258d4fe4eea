import type { Command } from 'commander'
import {
  evaluateFiles,
  labelFiles,
  trainFromFiles,
  type TrainFileJob,
} from '../../../src-worker/ml/io/file-jobs'
import {
  FIELD_NAMES,
  MODEL_KINDS,
  type FieldName,
  type ModelKind,
} from '../../../src-worker/ml/models/model'
import { CliError, EXIT, printJson, type CliIo } from '../io'

const collect = (value: string, previous: string[] = []) => [...previous, value]

function oneOf<T extends string>(value: string, options: readonly T[], flag: string): T {
  const found = options.find((option) => option === value)
  if (!found) throw new CliError(`${flag} must be one of ${options.join(', ')}.`, EXIT.usage)
  return found
}

function parseParams(pairs: string[]): Record<string, string> {
  return Object.fromEntries(
    pairs.map((pair) => {
      const at = pair.indexOf('=')
      if (at <= 0)
        throw new CliError(`--param ${pair}: use name=value, e.g. --param C=0.5.`, EXIT.usage)
      return [pair.slice(0, at), pair.slice(at + 1)]
    }),
  )
}

/** Turns ML errors (bad rows, invalid patterns, damaged models) into one-line CLI failures. */
async function failing<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    if (error instanceof CliError) throw error
    throw new CliError(error instanceof Error ? error.message : String(error))
  }
}

interface TrainOptions {
  data?: string
  model: string
  rules?: string
  textColumn?: string
  labelColumn?: string
  field: string
  param?: string[]
  seed?: string
  multiLabel?: boolean
  threshold?: string
  noneLabel?: string
  out: string
}

function trainJob(o: TrainOptions): TrainFileJob {
  const kind: ModelKind = oneOf(o.model, MODEL_KINDS, '--model')
  const field: FieldName = oneOf(o.field, FIELD_NAMES, '--field')
  if (!o.data && !o.rules)
    throw new CliError('Give --data (labelled rows) and/or --rules.', EXIT.usage)
  const threshold = o.threshold === undefined ? undefined : Number(o.threshold)
  if (threshold !== undefined && !Number.isFinite(threshold))
    throw new CliError('--threshold must be a number.', EXIT.usage)
  return {
    kind,
    field,
    outPath: o.out,
    params: parseParams(o.param ?? []),
    decision: {
      ...(o.multiLabel ? { multiLabel: true } : {}),
      ...(threshold !== undefined ? { threshold } : {}),
      ...(o.noneLabel ? { noneLabel: o.noneLabel } : {}),
    },
    ...(o.data ? { dataPath: o.data } : {}),
    ...(o.rules ? { rulesPath: o.rules } : {}),
    ...(o.textColumn ? { textColumn: o.textColumn } : {}),
    ...(o.labelColumn ? { labelColumn: o.labelColumn } : {}),
    ...(o.seed !== undefined ? { seed: Number(o.seed) } : {}),
  }
}

const percent = (value: number) => `${(value * 100).toFixed(2)}%`

/** train / evaluate / label: model files in, model files and reports out (no workspace needed). */
export function registerMlCommands(program: Command, io: () => CliIo): void {
  program
    .command('train')
    .description('Train a model from a labelled CSV/JSONL file and/or rule files')
    .requiredOption('--model <kind>', `model type: ${MODEL_KINDS.join('|')}`)
    .option('--data <file>', 'labelled rows (CSV with a header row, or JSONL)')
    .option('--rules <path>', 'keyword/regex rules (file or directory) or a term table CSV')
    .option('--text-column <name>', 'column with the text (default text, then content)')
    .option('--label-column <name>', 'column with the labels (default label)')
    .option('--field <field>', `field the model reads: ${FIELD_NAMES.join('|')}`, 'content')
    .option('--param <name=value>', 'model parameter, repeatable (C, alpha, minDf, ...)', collect)
    .option('--seed <n>', 'seed for a reproducible model file')
    .option('--multi-label', 'give every label above its threshold instead of the best one')
    .option('--threshold <x>', 'score a label needs (probability, or match count for rules)')
    .option('--none-label <label>', 'label for rows that get no other label')
    .requiredOption('--out <file>', 'model file to write (.audmodel)')
    .action(async (options: TrainOptions) => {
      const result = await failing(() => trainFromFiles(trainJob(options)))
      if (io().json) return printJson(io(), { out: options.out, ...result })
      io().out(
        `${result.description.summary}; ${result.rows} rows in ${result.fitSeconds.toFixed(2)} s -> ${options.out}`,
      )
    })

  program
    .command('evaluate')
    .description('Score a model on a labelled file: report.json and optional per-row details')
    .requiredOption('--model <file>', 'model file (.audmodel)')
    .requiredOption('--data <file>', 'labelled rows (CSV or JSONL)')
    .requiredOption('--report <file>', 'report to write (JSON)')
    .option('--details <file>', 'per-row details to write (CSV)')
    .option('--text-column <name>', 'column with the text')
    .option('--label-column <name>', 'column with the labels')
    .action(
      async (o: {
        model: string
        data: string
        report: string
        details?: string
        textColumn?: string
        labelColumn?: string
      }) => {
        const report = await failing(() =>
          evaluateFiles({
            modelPath: o.model,
            dataPath: o.data,
            reportPath: o.report,
            ...(o.details ? { detailsPath: o.details } : {}),
            ...(o.textColumn ? { textColumn: o.textColumn } : {}),
            ...(o.labelColumn ? { labelColumn: o.labelColumn } : {}),
          }),
        )
        if (io().json)
          return printJson(io(), {
            accuracy: report.accuracy,
            macroF1: report.macroF1,
            rows: report.rows,
          })
        io().out(
          `${report.rows} rows: accuracy ${percent(report.accuracy)}, macro-F1 ${percent(report.macroF1)} -> ${o.report}`,
        )
      },
    )

  program
    .command('label')
    .description('Label a CSV/JSONL file of any size with one or more models')
    .requiredOption('--model <file>', 'model file, repeatable', collect)
    .requiredOption('--data <file>', 'rows to label (CSV or JSONL)')
    .requiredOption('--out <file>', 'CSV to write: input columns + labels and score per model')
    .option('--text-column <name>', 'column with the text')
    .action(async (o: { model: string[]; data: string; out: string; textColumn?: string }) => {
      const started = performance.now()
      const result = await failing(() =>
        labelFiles({
          modelPaths: o.model,
          dataPath: o.data,
          outPath: o.out,
          ...(o.textColumn ? { textColumn: o.textColumn } : {}),
        }),
      )
      const seconds = (performance.now() - started) / 1000
      if (io().json) return printJson(io(), { out: o.out, rows: result.rows, seconds })
      io().out(`${result.rows} rows labelled in ${seconds.toFixed(2)} s -> ${o.out}`)
    })
}
