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
import type { LoadTables } from '../models/linear/linear-model'
import type { RawParams } from '../models/params'
import { modelFromFile, modelToFile, trainModelTimed } from '../models/registry'
import type { TrainConfig, TrainKind } from '../models/train-config'
import type { ModelHeader } from '../file/model-file'
import { trainingDataHash } from '../training-data-hash'
import { withAtomicWriter, writeFileAtomic } from './atomic-file'
import { createCsvWriter, type CsvFlavour, type CsvWriter } from './csv-writer'
import { readDataRows, type DataRow, type DataFileOptions } from './data-file'
import { formatLabelsCell } from './labels-cell'
import { toTextUnits, type TextUnits } from '../text/text-units'
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

export function loadModelFile(
  path: string,
  load: LoadTables = {},
): { model: Model; header: ModelHeader } {
  try {
    return modelFromFile(new Uint8Array(readFileSync(path)), load)
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

/** One batch of `audience label` rows on its way to a labelling thread: each cell once, packed. */
export interface LabelBatch {
  size: number
  /** Cells per row: the input columns (written back out), then any model field no column holds. */
  width: number
  /** Which cell of a row each model field is. */
  fieldCells: Partial<Record<FieldName, number>>
  /** Cell c of row r is text r * width + c: two transferable buffers instead of row objects. */
  cells: TextUnits
}

/** Packs rows read by readDataRows for labelRowsCsv; `header` are the columns written back out. */
export function packLabelBatch(
  header: readonly string[],
  fields: readonly FieldName[],
  rows: readonly DataRow[],
): LabelBatch {
  const fieldCells: Partial<Record<FieldName, number>> = {}
  const extra: FieldName[] = []
  for (const field of new Set(fields)) {
    const same = (column: string) =>
      rows.every((row) => (row.fields[field] ?? '') === (row.columns[column] ?? ''))
    const at = header.findIndex(same)
    fieldCells[field] = at >= 0 ? at : header.length + extra.push(field) - 1
  }
  const width = header.length + extra.length
  const texts = new Array<string>(rows.length * width)
  rows.forEach((row, r) => {
    const base = r * width
    header.forEach((column, c) => (texts[base + c] = row.columns[column] ?? ''))
    extra.forEach((field, e) => (texts[base + header.length + e] = row.fields[field] ?? ''))
  })
  return { size: rows.length, width, fieldCells, cells: toTextUnits(texts) }
}

/**
 * Code units of text labelled at once inside a batch: the strings a piece makes die young instead
 * of living (and being copied by the garbage collector) for the whole batch.
 */
const PIECE_UNITS = 1 << 16

/**
 * One batch of `audience label` output as UTF-8: the input columns, then `<model>` (labels, |
 * separated) and `<model>_score` (best score) per model. The CLI labels batches on the pool's
 * threads (src-main/cli/label-job.ts) and writes them in input order.
 */
export function labelRowsCsv(
  models: readonly Model[],
  columns: number,
  batch: LabelBatch,
  csv: CsvWriter,
  watch: FileJobWatch = {},
  out = new Utf8Output(),
): Uint8Array {
  const { offsets } = batch.cells
  // At most 3 bytes per code unit, plus the model columns: rarely grown.
  out.start(3 * offsets[offsets.length - 1]! + 64 * batch.size)
  // A regex model's time budget is per batch: it labels the batch at once, as before pieces.
  const pieceUnits = models.some((model) => model.kind === 'regex') ? Infinity : PIECE_UNITS
  for (let start = 0; start < batch.size;) {
    const limit = offsets[start * batch.width]! + pieceUnits
    let end = start + 1
    while (end < batch.size && offsets[end * batch.width]! < limit) end++
    out.write(labelPiece(models, columns, batch, start, end, csv, watch))
    start = end
  }
  return out.bytes()
}

function labelPiece(
  models: readonly Model[],
  columns: number,
  batch: LabelBatch,
  start: number,
  end: number,
  csv: CsvWriter,
  watch: FileJobWatch,
): string {
  const cells = cellTexts(batch, start, end)
  const fieldBatch: DocBatch = { size: end - start, fields: {} }
  for (const [field, at] of Object.entries(batch.fieldCells))
    fieldBatch.fields[field as FieldName] = Array.from({ length: end - start }, (_, r) =>
      cells(r, at),
    )
  const predictions = models.map((model, m) =>
    model.predictBatch(fieldBatch, predictOptions(watch, m, false)),
  )
  let text = ''
  for (let r = 0; r < end - start; r++) {
    const row: string[] = []
    for (let c = 0; c < columns; c++) row.push(cells(r, c))
    for (const prediction of predictions) {
      const width = prediction.labels.length
      let best = 0
      for (let l = r * width; l < (r + 1) * width; l++) best = Math.max(best, prediction.scores[l]!)
      row.push(formatLabelsCell(rowLabels(prediction, r)), String(round(best)))
    }
    text += csv.row(row)
  }
  return text
}

/** Cell c of the piece's row r as a string, each made once (a field and its column share it). */
function cellTexts(batch: LabelBatch, start: number, end: number) {
  const { units, offsets } = batch.cells
  const bytes = Buffer.from(units.buffer, units.byteOffset, units.byteLength)
  const made = new Array<string | undefined>((end - start) * batch.width)
  return (r: number, c: number): string => {
    const k = r * batch.width + c
    let text = made[k]
    if (text === undefined) {
      const at = start * batch.width + k
      text = made[k] = bytes.toString('utf16le', 2 * offsets[at]!, 2 * offsets[at + 1]!)
    }
    return text
  }
}

/**
 * UTF-8 bytes written piece by piece into one buffer that grows when a piece does not fit. A
 * labelling thread keeps one for all its batches: a new one per batch is megabytes of external
 * memory each time, and V8 answers that with full garbage collections.
 */
export class Utf8Output {
  private buffer = Buffer.allocUnsafeSlow(0)
  private length = 0

  /** Empties it, with room for `capacity` bytes. */
  start(capacity: number): void {
    this.length = 0
    if (this.buffer.length < capacity) this.buffer = Buffer.allocUnsafeSlow(capacity)
  }

  write(text: string): void {
    const room = this.buffer.length - this.length
    if (3 * text.length > room && Buffer.byteLength(text) > room) {
      const bigger = Buffer.allocUnsafeSlow(2 * (this.length + Buffer.byteLength(text)))
      this.buffer.copy(bigger, 0, 0, this.length)
      this.buffer = bigger
    }
    this.length += this.buffer.write(text, this.length, 'utf8')
  }

  /** A copy of exactly the bytes written: a view would carry the whole buffer across threads. */
  bytes(): Uint8Array {
    return new Uint8Array(this.buffer.subarray(0, this.length))
  }
}
