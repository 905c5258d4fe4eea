import { z } from 'zod'
import { csvFlavour, hexId, type EpochMs } from './common'

export const LABEL_MODES = ['single', 'multi'] as const
export type LabelMode = (typeof LABEL_MODES)[number]

export const SPLITS = ['train', 'dev', 'test'] as const
export type Split = (typeof SPLITS)[number]

/** File formats a dataset can be imported from and exported to. */
export const DATASET_FORMATS = [
  'doccano-jsonl',
  'doccano-json',
  'csv',
  'tsv',
  'fasttext',
  'label-studio',
  'text',
  'xlsx',
] as const
export type DatasetFormat = (typeof DATASET_FORMATS)[number]

/**
 * Text encodings files are read in: UTF-8 (checked strictly), UTF-16 with or without a BOM, and
 * the legacy encodings Excel writes (Big5 is cp950 as browsers decode it; GB18030 covers GBK).
 */
export const TEXT_ENCODINGS = [
  'utf-8',
  'utf-8-bom',
  'utf-16le',
  'utf-16be',
  'big5',
  'gb18030',
  'shift_jis',
  'euc-jp',
  'euc-kr',
  'windows-1252',
] as const
export type TextEncoding = (typeof TEXT_ENCODINGS)[number]

/** How several labels share one cell: a separator character, or a JSON array (always recognised). */
export const LABEL_SEPARATORS = ['|', '#', ';', ',', '、', 'json'] as const
export type LabelSeparator = (typeof LABEL_SEPARATORS)[number]

/** Field separators of CSV/TSV files. */
export const CSV_DELIMITERS = [',', '\t', ';', '|'] as const
export type CsvDelimiter = (typeof CSV_DELIMITERS)[number]

/** What a column of a CSV/TSV/xlsx file can be used as. */
export const IMPORT_COLUMN_ROLES = [
  'text',
  'label',
  'sourceId',
  'author',
  'title',
  'postTime',
] as const
export type ImportColumnRole = (typeof IMPORT_COLUMN_ROLES)[number]

export const ENCODING_NAMES: Record<TextEncoding, string> = {
  'utf-8': 'UTF-8',
  'utf-8-bom': 'UTF-8 with BOM',
  'utf-16le': 'UTF-16 LE',
  'utf-16be': 'UTF-16 BE',
  big5: 'Big5 (cp950)',
  gb18030: 'GB18030 / GBK',
  shift_jis: 'Shift_JIS',
  'euc-jp': 'EUC-JP',
  'euc-kr': 'EUC-KR',
  'windows-1252': 'Windows-1252',
}

export interface LabelSummary {
  id: number
  name: string
  /** CSS hex colour, `#1f77b4`. */
  color: string
  /** One key (digit or letter) that toggles the label on the annotation screen. */
  shortcut: string | null
  /** Documents carrying this label. */
  count: number
}

export interface SplitConfig {
  seed: number
  ratios: { train: number; dev: number; test: number }
}

export interface DatasetSummary {
  id: string
  name: string
  description: string
  labelMode: LabelMode
  documentCount: number
  labeledCount: number
  labels: LabelSummary[]
  createdAt: EpochMs
  updatedAt: EpochMs
}

export interface DatasetDetail extends DatasetSummary {
  split: SplitConfig | null
  /** Documents per split; `none` counts documents added before any split. */
  splitCounts: Record<Split | 'none', number>
}

export interface DeletedDataset {
  id: string
  name: string
  deletedAt: EpochMs
}

export interface ImportProblem {
  /** 1-based line of the file where the row starts (0 when not tied to a line). */
  line: number
  kind: ImportProblemKind
  message: string
}

export type ImportProblemKind =
  | 'missing-text'
  | 'empty-labels'
  | 'malformed-row'
  | 'unknown-column'
  | 'extra-labels'
  | 'line-breaks-replaced'

/** What an import did; it is the `stats` of the `datasets.import` task. */
export interface ImportReport {
  datasetId: string
  datasetName: string
  format: DatasetFormat
  encoding: TextEncoding
  rowsRead: number
  imported: number
  duplicatesSkipped: number
  duplicatesKept: number
  labelsCreated: string[]
  /** Problem counts by kind; rows with `missing-text` or `malformed-row` were not imported. */
  problemCounts: Partial<Record<ImportProblemKind, number>>
  /** Lines of the rows that were skipped (bad rows the user chose to skip), first 10,000. */
  skippedLines: number[]
  /** The first problems in file order (at most 100). */
  problems: ImportProblem[]
}

/** A label-set change that can be undone (split, merge). */
export interface LabelChange {
  undoId: string
  /** The labels the documents now carry instead. */
  labels: LabelSummary[]
  /** Documents whose labels changed. */
  documents: number
}

export interface ExportReport {
  datasetId: string
  format: DatasetFormat
  path: string
  documents: number
  bytes: number
}

export interface ImportPreview {
  format: DatasetFormat
  /** The encoding used: the one asked for, or the one detected (`auto`). xlsx files are UTF-8. */
  encoding: TextEncoding
  encodingDetected: boolean
  /** 1 for a byte-order mark or valid UTF-8; the detector's confidence (0..1) for legacy encodings. */
  encodingConfidence: number
  /** CSV/TSV: the field separator used (sniffed or chosen). */
  delimiter: CsvDelimiter | null
  /** Whether the first row was read as the header. */
  header: boolean
  /** xlsx: every sheet's name, and the one read. */
  sheets: string[]
  sheet: string | null
  /** CSV/TSV/xlsx: the header (or "Column 1", "Column 2", … without one), to pick columns from. */
  columns: string[]
  /** 1-based position in `columns` of the column used for each role (chosen or recognised); null: none. */
  roles: Record<ImportColumnRole, number | null>
  textColumn: string | null
  labelColumn: string | null
  /** The label separator used (sniffed or chosen); null when no cell holds several labels. */
  labelSeparator: LabelSeparator | null
  /** The first parsed rows, as they would be imported. */
  rows: { line: number; text: string; labels: string[] }[]
  problems: ImportProblem[]
}

const name = z.string().trim().min(1, 'enter a name').max(200)
const color = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'use a hex colour like #1f77b4')
const shortcut = z
  .string()
  .regex(/^[0-9a-z]$/, 'use one digit or lower-case letter')
  .nullable()
const labelId = z.number().int().positive()
const labelInput = z
  .object({ name, color: color.optional(), shortcut: shortcut.optional() })
  .strict()

/**
 * Where import bytes come from: a file path, a file uploaded with `datasets.uploadFile` (the
 * browser cannot give paths), or text already decoded (kept for scripts and tests).
 */
const importSource = z.union([
  z.object({ path: z.string().min(1) }).strict(),
  z.object({ upload: hexId }).strict(),
  z
    .object({
      /** The file's text, already decoded (what `File.text()` returns). Up to 64 MB. */
      content: z.string().max(64 * 1024 * 1024),
      /** The original file name: its extension helps detect the format. */
      fileName: z.string().min(1).max(300).default('upload.txt'),
    })
    .strict(),
])

/**
 * A CSV/TSV/xlsx column: a header name, or a 1-based position (a number, or digits that name no
 * column). Absent: recognised from the header; null: not used.
 */
const columnRef = z
  .union([z.string().trim().min(1).max(300), z.number().int().min(1).max(100_000)])
  .nullable()
  .optional()

export const importOptions = z
  .object({
    format: z.enum(['auto', ...DATASET_FORMATS]).default('auto'),
    /** `auto`: strict UTF-8, else a byte-order mark / UTF-16, else detected (see ImportPreview). */
    encoding: z.enum(['auto', ...TEXT_ENCODINGS]).default('auto'),
    /** CSV/TSV/xlsx: false when the first row is already data (pick columns by position). */
    header: z.boolean().default(true),
    delimiter: z.enum(['auto', ...CSV_DELIMITERS]).default('auto'),
    /** `strict`: a row breaking the quoting rules is a bad row; `lenient` keeps stray quotes as text. */
    quotes: z.enum(['strict', 'lenient']).default('strict'),
    /** xlsx: the sheet to read (default the first). */
    sheet: z.string().min(1).max(200).optional(),
    textColumn: columnRef,
    labelColumn: columnRef,
    sourceIdColumn: columnRef,
    authorColumn: columnRef,
    titleColumn: columnRef,
    timeColumn: columnRef,
    /** How several labels share a cell; `auto` sniffs it from the first rows. */
    labelSeparator: z.enum(['auto', ...LABEL_SEPARATORS]).default('auto'),
    /** Exact duplicates (same normalised text) of documents already in the dataset or file. */
    duplicates: z.enum(['skip', 'keep']).default('skip'),
    /**
     * `fail` (default) stops at the first bad row (no text, broken quotes, too many cells) and
     * leaves the dataset untouched; `skip` imports the good rows once the user agreed.
     */
    onProblem: z.enum(['skip', 'fail']).default('fail'),
  })
  .strict()
export type ImportOptionsInput = z.input<typeof importOptions>

/** Which documents a list, navigation or export covers. Conditions combine with AND. */
export const documentFilter = z
  .object({
    status: z.enum(['all', 'labeled', 'unlabeled']).default('all'),
    /** Only documents carrying this label. */
    labelId: labelId.optional(),
    split: z.enum([...SPLITS, 'none']).optional(),
    /** Full-text search (case-insensitive substring, CJK-aware). */
    query: z.string().trim().max(200).optional(),
  })
  .strict()
export type DocumentFilter = z.input<typeof documentFilter>

/** Where imported documents go: an existing dataset, or a new one. */
export const datasetTarget = z.union([
  z.object({ datasetId: hexId }).strict(),
  z
    .object({ newDataset: z.object({ name, labelMode: z.enum(LABEL_MODES).optional() }).strict() })
    .strict(),
])

export const datasetSchemas = {
  'datasets.list': z.object({ query: z.string().trim().max(200).optional() }).strict(),
  'datasets.get': z.object({ id: hexId }).strict(),
  'datasets.create': z
    .object({
      name,
      description: z.string().max(5000).default(''),
      labelMode: z.enum(LABEL_MODES).default('multi'),
      labels: z.array(labelInput).max(500).default([]),
    })
    .strict(),
  'datasets.update': z
    .object({
      id: hexId,
      name: name.optional(),
      description: z.string().max(5000).optional(),
      labelMode: z.enum(LABEL_MODES).optional(),
    })
    .strict(),
  'datasets.duplicate': z.object({ id: hexId, name: name.optional() }).strict(),
  'datasets.delete': z.object({ id: hexId }).strict(),
  'datasets.restore': z.object({ id: hexId.optional() }).strict(),
  'datasets.split': z
    .object({
      id: hexId,
      seed: z
        .number()
        .int()
        .min(0)
        .max(2 ** 31 - 1)
        .default(42),
      ratios: z
        .object({
          train: z.number().min(0).max(1),
          dev: z.number().min(0).max(1),
          test: z.number().min(0).max(1),
        })
        .strict()
        .refine((r) => Math.abs(r.train + r.dev + r.test - 1) < 1e-6, 'ratios must add up to 1')
        .default({ train: 0.8, dev: 0.1, test: 0.1 }),
    })
    .strict(),
  'datasets.addLabel': z.object({ datasetId: hexId, label: labelInput }).strict(),
  'datasets.updateLabel': z
    .object({
      datasetId: hexId,
      labelId,
      name: name.optional(),
      color: color.optional(),
      shortcut: shortcut.optional(),
    })
    .strict(),
  'datasets.mergeLabels': z
    .object({ datasetId: hexId, sourceLabelId: labelId, targetLabelId: labelId })
    .strict(),
  'datasets.deleteLabel': z
    .object({ datasetId: hexId, labelId, confirm: z.boolean().default(false) })
    .strict(),
  'datasets.previewImport': z
    .object({
      source: importSource,
      options: importOptions.prefault({}),
      rows: z.number().int().min(1).max(100).default(10),
    })
    .strict(),
  'datasets.startImport': z
    .object({
      target: datasetTarget,
      source: importSource,
      options: importOptions.prefault({}),
    })
    .strict(),
  'datasets.uploadFile': z
    .object({
      fileName: z.string().trim().min(1).max(300),
      /** The file's bytes, base64, up to 64 MB of file. */
      contentBase64: z.string().max(Math.ceil((64 * 1024 * 1024) / 3) * 4),
    })
    .strict(),
  'datasets.splitLabel': z
    .object({
      datasetId: hexId,
      labelId,
      /** The separator to split the label's name on (`json` is not a separator here). */
      separator: z.enum(LABEL_SEPARATORS).exclude(['json']),
    })
    .strict(),
  'datasets.undoLabelChange': z.object({ datasetId: hexId, undoId: hexId }).strict(),
  'datasets.startExport': z
    .object({
      id: hexId,
      format: z.enum(DATASET_FORMATS),
      /** Absolute path of the file to write; written to a temporary file first, then renamed. */
      path: z.string().min(1),
      filter: documentFilter.optional(),
      /** Export only these documents (the current selection). */
      documentIds: z.array(z.number().int().positive()).max(1_000_000).optional(),
      /** csv/tsv only: `excel` (default, for people) or `raw` (exact text, for programs). */
      csvFlavour: csvFlavour.default('excel'),
    })
    .strict(),
}

type In<M extends keyof typeof datasetSchemas> = z.input<(typeof datasetSchemas)[M]>

export interface DatasetMethods {
  /** Lists live datasets, newest first, with document, labeled and per-label counts; `query` matches name or description. */
  'datasets.list': (p: In<'datasets.list'>) => Promise<DatasetSummary[]>
  /** One dataset with its label set, split settings and per-split counts. */
  'datasets.get': (p: In<'datasets.get'>) => Promise<DatasetDetail>
  /** Creates an empty dataset, optionally with its label set. Names are unique among live datasets. */
  'datasets.create': (p: In<'datasets.create'>) => Promise<DatasetDetail>
  /** Renames, re-describes or switches the label mode (to single only when no document has two labels). */
  'datasets.update': (p: In<'datasets.update'>) => Promise<DatasetDetail>
  /** Copies a dataset with its labels, documents, annotations and splits. */
  'datasets.duplicate': (p: In<'datasets.duplicate'>) => Promise<DatasetDetail>
  /** Moves a dataset to the bin; `datasets.restore` brings it back. Bins older than 7 days are emptied at start. */
  'datasets.delete': (p: In<'datasets.delete'>) => Promise<DeletedDataset>
  /** Restores the given deleted dataset, or the most recently deleted one. */
  'datasets.restore': (p: In<'datasets.restore'>) => Promise<DatasetDetail>
  /** Re-splits every document into train/dev/test, stratified by label set, deterministic for a seed. */
  'datasets.split': (p: In<'datasets.split'>) => Promise<DatasetDetail>
  /** Adds a label; colour and shortcut default to the next free ones. */
  'datasets.addLabel': (p: In<'datasets.addLabel'>) => Promise<LabelSummary>
  /** Renames, recolours or re-keys a label (`shortcut: null` removes the key). */
  'datasets.updateLabel': (p: In<'datasets.updateLabel'>) => Promise<LabelSummary>
  /** Moves every annotation of the source label to the target label and removes the source, atomically. */
  'datasets.mergeLabels': (
    p: In<'datasets.mergeLabels'>,
  ) => Promise<{ target: LabelSummary; movedAnnotations: number; undoId: string }>
  /**
   * Deletes a label. Without `confirm`, a label still in use is refused with CONFLICT whose
   * `details.annotationCount` says how many annotations would go; call again with `confirm: true`.
   */
  'datasets.deleteLabel': (p: In<'datasets.deleteLabel'>) => Promise<{ removedAnnotations: number }>
  /**
   * Keeps an uploaded file's bytes for `datasets.previewImport` / `startImport` (`{ upload }`);
   * the import removes it, and leftovers go when the core starts.
   */
  'datasets.uploadFile': (
    p: In<'datasets.uploadFile'>,
  ) => Promise<{ upload: string; fileName: string; bytes: number }>
  /**
   * Splits a label whose name holds several (`male;parent`) into its parts on every document, in
   * one transaction: parts that exist already are reused, the others created. Undo with
   * `datasets.undoLabelChange` and the returned `undoId`.
   */
  'datasets.splitLabel': (p: In<'datasets.splitLabel'>) => Promise<LabelChange>
  /** Reverts a label split or merge, as long as those labels were not changed since. */
  'datasets.undoLabelChange': (p: In<'datasets.undoLabelChange'>) => Promise<DatasetDetail>
  /** Detects format and encoding and parses the first rows without importing (CSV column picker). */
  'datasets.previewImport': (p: In<'datasets.previewImport'>) => Promise<ImportPreview>
  /**
   * Starts a `datasets.import` task: writes the file's documents in short transactions, invisible
   * until one final commit adds them all at once (a new dataset appears only then). Failure or abort
   * leaves the dataset as it was. The search index is built in the background afterwards. The task's
   * stats are an ImportReport.
   */
  'datasets.startImport': (p: In<'datasets.startImport'>) => Promise<{ taskId: string }>
  /** Starts a `datasets.export` task writing the dataset (or a filter/selection) to `path`; stats are an ExportReport. */
  'datasets.startExport': (p: In<'datasets.startExport'>) => Promise<{ taskId: string }>
}

export interface DatasetEvents {
  /** A dataset, its labels or its documents changed: refresh lists and counts. */
  'dataset.changed': { datasetId: string }
}
