import { z } from 'zod'
import { hexId, type EpochMs } from './common'

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
] as const
export type DatasetFormat = (typeof DATASET_FORMATS)[number]

/** Text encodings the importer recognises (BOMs are detected, never required for UTF-8). */
export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be'

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
  /** The first problems in file order (at most 100). */
  problems: ImportProblem[]
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
  encoding: TextEncoding
  /** Header of CSV/TSV files, so the user can pick the text and label columns. */
  columns: string[]
  textColumn: string | null
  labelColumn: string | null
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

/** Where import bytes come from: a file path, or the text itself (the browser cannot give paths). */
const importSource = z.union([
  z.object({ path: z.string().min(1) }).strict(),
  z
    .object({
      /** The file's text, already decoded (what `File.text()` returns). Up to 64 MB. */
      content: z.string().max(64 * 1024 * 1024),
      /** The original file name: its extension helps detect the format. */
      fileName: z.string().min(1).max(300).default('upload.txt'),
    })
    .strict(),
])

export const importOptions = z
  .object({
    format: z.enum(['auto', ...DATASET_FORMATS]).default('auto'),
    /** CSV/TSV: header name (or 0-based index as text) of the text column; guessed when absent. */
    textColumn: z.string().min(1).optional(),
    labelColumn: z.string().min(1).optional(),
    /** Exact duplicates (same normalised text) of documents already in the dataset or file. */
    duplicates: z.enum(['skip', 'keep']).default('skip'),
    /** `fail` stops at the first bad row and leaves the dataset untouched. */
    onProblem: z.enum(['skip', 'fail']).default('skip'),
  })
  .strict()

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

const datasetTarget = z.union([
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
      options: importOptions.default({
        format: 'auto',
        duplicates: 'skip',
        onProblem: 'skip',
      }),
      rows: z.number().int().min(1).max(100).default(10),
    })
    .strict(),
  'datasets.startImport': z
    .object({
      target: datasetTarget,
      source: importSource,
      options: importOptions.default({
        format: 'auto',
        duplicates: 'skip',
        onProblem: 'skip',
      }),
    })
    .strict(),
  'datasets.startExport': z
    .object({
      id: hexId,
      format: z.enum(DATASET_FORMATS),
      /** Absolute path of the file to write; written to a temporary file first, then renamed. */
      path: z.string().min(1),
      filter: documentFilter.optional(),
      /** Export only these documents (the current selection). */
      documentIds: z.array(z.number().int().positive()).max(1_000_000).optional(),
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
  ) => Promise<{ target: LabelSummary; movedAnnotations: number }>
  /**
   * Deletes a label. Without `confirm`, a label still in use is refused with CONFLICT whose
   * `details.annotationCount` says how many annotations would go; call again with `confirm: true`.
   */
  'datasets.deleteLabel': (p: In<'datasets.deleteLabel'>) => Promise<{ removedAnnotations: number }>
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
