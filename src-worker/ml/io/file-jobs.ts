import { readFileSync } from 'node:fs'
import { basename, extname } from 'node:path'
import {
  classificationReport,
  reportJson,
  type ClassificationReport,
} from '../metrics/classification-report'
import { labelPrior, readLabelPrior } from '../metrics/baseline'
import { describeMatches, predictedLabelSets } from '../metrics/evaluate'
import type {
  DecisionParams,
  DocBatch,
  FieldName,
  Model,
  PredictOptions,
  TrainingSet,
} from '../models/model'
import { rowLabels } from '../models/decide'
import type { RawParams } from '../models/params'
import { modelFromFile, modelToFile, trainModelTimed } from '../models/registry'
import type { TrainConfig, TrainKind } from '../models/train-config'
import type { ModelHeader } from '../file/model-file'
import { trainingDataHash } from '../training-data-hash'
import { withAtomicWriter, writeFileAtomic } from './atomic-file'
import { createCsvWriter, type CsvFlavour, type CsvWriter } from './csv-writer'
import { readDataRows, type DataRow, type DataFileOptions } from './data-file'
import { formatLabelsCell } from './labels-cell'
import { readKeywordRules, readRegexRules, readTermWeights } from './rule-files'

export interface TrainFileJob extends DataFileOptions {
  kind: TrainKind
  dataPath?: string
  rulesPath?: string
  field?: FieldName
  params?: RawParams
  decision?: Partial<DecisionParams>
  seed?: number
  /** Also score the (fixed) model by this many folds of cross-validation. */
  crossValidate?: number
  outPath: string
}

function batchOf(rows: readonly DataRow[], fields: readonly FieldName[]): DocBatch {
  const batch: DocBatch = { size: rows.length, fields: {} }
  for (const field of new Set(fields))
    batch.fields[field] = rows.map((row) => row.fields[field] ?? '')
  return batch
}

export async function readTrainingSet(
  path: string,
  field: FieldName,
  options: DataFileOptions,
): Promise<TrainingSet> {
  const texts: string[] = []
  const labels: string[][] = []
  for await (const rows of readDataRows(path, options)) {
    for (const row of rows) {
      if (row.labels === null)
        throw new Error(
          `${path} has no "${options.labelColumn ?? 'label'}" column; use --label-column.`,
        )
      texts.push(row.fields[field] ?? '')
      labels.push(row.labels)
    }
  }
  return { texts, labels }
}

function rulesOf(job: TrainFileJob): Partial<TrainConfig> {
  if (!job.rulesPath) return {}
  if (job.kind === 'keyword') return { keywordRules: readKeywordRules(job.rulesPath) }
  if (job.kind === 'regex') return { regexRules: readRegexRules(job.rulesPath) }
  if (job.kind === 'term-weight') return { termWeights: readTermWeights(job.rulesPath) }
  throw new Error(`--rules applies to keyword, regex and term-weight models, not ${job.kind}.`)
}

/** `audience train`: fits a model from a data file and/or rule files and writes the .audmodel. */
export async function trainFromFiles(job: TrainFileJob) {
  const field = job.field ?? 'content'
  const data = job.dataPath ? await readTrainingSet(job.dataPath, field, job) : null
  const config: TrainConfig = {
    kind: job.kind,
    field,
    ...(job.params ? { params: job.params } : {}),
    ...(job.decision ? { decision: job.decision } : {}),
    ...(job.seed !== undefined ? { seed: job.seed } : {}),
    ...(job.crossValidate !== undefined ? { crossValidate: job.crossValidate } : {}),
    ...rulesOf(job),
  }
  const started = performance.now()
  const { model, timings, selection } = trainModelTimed(config, data)
  const fitSeconds = (performance.now() - started) / 1000
  const file = modelToFile(model, {
    trainingDataHash: data ? trainingDataHash(data) : '',
    ...(data ? { labelPrior: labelPrior(data.labels) } : {}),
    ...(selection ? { selection } : {}),
  })
  await writeFileAtomic(job.outPath, file)
  return {
    description: model.describe(),
    selection: selection ?? null,
    rows: data?.texts.length ?? 0,
    fitSeconds,
    cvSeconds: timings.cvSeconds,
    bytes: file.length,
  }
}

export function loadModelFile(path: string): { model: Model; header: ModelHeader } {
  try {
    return modelFromFile(new Uint8Array(readFileSync(path)))
  } catch (error) {
    throw new Error(`${path}: ${(error as Error).message}`)
  }
}

/** What a caller running a file job in a worker thread watches (see runFileJob in the CLI). */
export interface FileJobWatch {
  /** Names the regex running: model m is group m (see patterns/regex-watch.ts). */
  cells?: Int32Array
  /** Rows done so far, after each batch. */
  progress?: (rows: number) => void
  /** Regex time budget per batch (ms). */
  timeBudgetMs?: number
}

function predictOptions(watch: FileJobWatch, model: number, explain: boolean): PredictOptions {
  return {
    ...(explain ? { explain } : {}),
    ...(watch.cells ? { watch: { cells: watch.cells, group: model } } : {}),
    ...(watch.timeBudgetMs ? { timeBudgetMs: watch.timeBudgetMs } : {}),
  }
}

export interface EvaluateFileJob extends DataFileOptions {
  modelPath: string
  dataPath: string
  reportPath: string
  detailsPath?: string
  /** How the details CSV is written (default raw). */
  csvFlavour?: CsvFlavour
}

const DETAIL_COLUMNS = ['id', 'text', 'gold', 'predicted', 'scores', 'matches', 'correct']

/** `audience evaluate`: streams the data through the model, writes report.json (and details.csv). */
export async function evaluateFiles(
  job: EvaluateFileJob,
  watch: FileJobWatch = {},
): Promise<ClassificationReport> {
  const { model, header } = loadModelFile(job.modelPath)
  const gold: string[][] = []
  const predicted: string[][] = []
  const csv = createCsvWriter({ flavour: job.csvFlavour ?? 'raw' })
  const run = async (writeDetails: (text: string) => Promise<void>) => {
    if (job.detailsPath) await writeDetails(csv.start + csv.row(DETAIL_COLUMNS))
    for await (const rows of readDataRows(job.dataPath, job)) {
      const prediction = model.predictBatch(
        batchOf(rows, [model.field]),
        predictOptions(watch, 0, job.detailsPath !== undefined),
      )
      const labelSets = predictedLabelSets(prediction)
      const width = prediction.labels.length
      let text = ''
      rows.forEach((row, r) => {
        if (row.labels === null)
          throw new Error(`${job.dataPath} has no label column to evaluate against.`)
        gold.push(row.labels)
        predicted.push(labelSets[r]!)
        if (!job.detailsPath) return
        const scores = Object.fromEntries(
          prediction.labels.map((l, i) => [l, round(prediction.scores[r * width + i]!)]),
        )
        const correct = sameSet(row.labels, labelSets[r]!)
        const matches = describeMatches(prediction.explanations?.[r] ?? []).join('; ')
        const cells = [
          row.id,
          row.fields[model.field] ?? '',
          formatLabelsCell(row.labels),
          formatLabelsCell(labelSets[r]!),
        ]
        text += csv.row([...cells, JSON.stringify(scores), matches, String(correct)])
      })
      if (text) await writeDetails(text)
      watch.progress?.(gold.length)
    }
  }
  if (job.detailsPath)
    await withAtomicWriter(job.detailsPath, (writer) => run((text) => writer.write(text)))
  else await run(async () => {})
  const report = classificationReport(gold, predicted, {
    multiLabel: model.decision.multiLabel || undefined,
    prior: readLabelPrior(header.labelPrior),
  })
  // The model's cross-validation table on its training rows (null when it was not chosen so).
  const json = { ...reportJson(report), modelSelection: header.selection ?? null }
  await writeFileAtomic(job.reportPath, JSON.stringify(json, null, 2) + '\n')
  return report
}

const round = (value: number) => Math.round(value * 1e6) / 1e6
const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x) => b.includes(x))

export interface LabelFileJob extends DataFileOptions {
  modelPaths: string[]
  dataPath: string
  outPath: string
  /** How the output CSV is written (default raw). */
  csvFlavour?: CsvFlavour
}

/** The output's model columns: each model file's name, numbered when two share one. */
export function columnNames(paths: readonly string[]): string[] {
  const used = new Map<string, number>()
  return paths.map((path) => {
    const name = basename(path, extname(path))
    const seen = used.get(name) ?? 0
    used.set(name, seen + 1)
    return seen === 0 ? name : `${name}_${seen + 1}`
  })
}

/** The output's header row: the input columns, then `<model>` and `<model>_score` per model. */
export function labelHeader(inputColumns: readonly string[], modelPaths: readonly string[]) {
  return [...inputColumns, ...columnNames(modelPaths).flatMap((name) => [name, `${name}_score`])]
}

/**
 * One batch of `audience label` output: the input columns, then `<model>` (labels, | separated)
 * and `<model>_score` (best score) per model. The CLI labels batches on the pool's threads
 * (src-main/cli/label-job.ts) and writes them in input order.
 */
export function labelRowsText(
  models: readonly Model[],
  header: readonly string[],
  rows: readonly DataRow[],
  csv: CsvWriter,
  watch: FileJobWatch = {},
): string {
  const batch = batchOf(
    rows,
    models.map((model) => model.field),
  )
  const predictions = models.map((model, m) =>
    model.predictBatch(batch, predictOptions(watch, m, false)),
  )
  let text = ''
  rows.forEach((row, r) => {
    const cells = header.map((column) => row.columns[column] ?? '')
    for (const prediction of predictions) {
      const width = prediction.labels.length
      const best = Math.max(0, ...prediction.scores.subarray(r * width, (r + 1) * width))
      cells.push(formatLabelsCell(rowLabels(prediction, r)), String(round(best)))
    }
    text += csv.row(cells)
  })
  return text
}
