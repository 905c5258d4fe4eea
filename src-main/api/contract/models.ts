import { z } from 'zod'
import { csvFlavour, hexId, type EpochMs } from './common'
import type { ExclusionSnapshot } from './preprocessing'

export const MODEL_TYPES = [
  'keyword',
  'regex',
  'term-weight',
  'nb',
  'cnb',
  'linear-svm',
  'logreg',
] as const
export type ModelType = (typeof MODEL_TYPES)[number]
/** What training accepts: a model type, or auto (the best one found by cross-validation). */
export const TRAIN_KINDS = ['auto', ...MODEL_TYPES] as const
export type TrainKindName = (typeof TRAIN_KINDS)[number]
export const MODEL_FIELDS = ['content', 'title', 'author', 'sourceId'] as const
export type ModelField = (typeof MODEL_FIELDS)[number]

export interface LabelScores {
  precision: number
  recall: number
  f1: number
  support: number
}

/** One label's true/false positives and negatives over the evaluated documents. */
export interface LabelCounts {
  tp: number
  fp: number
  fn: number
  tn: number
}

/**
 * The trivial predictor a model is compared with: single-label, always the majority label of the
 * training rows; multi-label, every label seen in training on every row (the best constant
 * predictor per label for F1). `source` is 'evaluated' when the model file records no training
 * labels (rule models, older files): then the evaluated rows' own frequencies are used.
 */
export interface BaselineData {
  strategy: 'majority' | 'every-label'
  source: 'training' | 'evaluated'
  labels: string[]
  macroF1: number
}

/**
 * scikit-learn's classification report (zero_division = 0), the same for every model type.
 * Reports saved before a field existed read it as null (counts, hammingLoss, samplesF1,
 * baseline) or false (belowBaseline).
 */
export interface ReportData {
  multiLabel: boolean
  rows: number
  labels: string[]
  perLabel: Record<string, LabelScores>
  /** TP/FP/FN/TN per label. */
  counts: Record<string, LabelCounts> | null
  micro: LabelScores
  macro: LabelScores
  weighted: LabelScores
  samples: LabelScores | null
  /** Exact-match accuracy: for multi-label, the share of rows whose whole label set is right. */
  accuracy: number
  /** Share of wrong (row, label) decisions (multi-label); 1 - accuracy for single-label. */
  hammingLoss: number | null
  macroF1: number
  microF1: number
  weightedF1: number
  samplesF1: number | null
  baseline: BaselineData | null
  baselineMacroF1: number | null
  /** macro-F1 is not above the baseline's: the model is no better than a constant guess. */
  belowBaseline: boolean
  /**
   * matrix[gold][predicted] over `labels`. Multi-label reports add a "(none)" row and column at
   * noneIndex: per document, each right label counts on the diagonal; each missed gold label
   * pairs with each spurious predicted label, or with "(none)" when none was predicted; each
   * spurious label with no missed gold counts in the "(none)" row.
   */
  confusion: { labels: string[]; matrix: number[][]; noneIndex: number | null }
}

/** One row of a cross-validation table: a model configuration and how it scored across folds. */
export interface SelectionRow {
  kind: 'nb' | 'cnb' | 'linear-svm' | 'logreg'
  /** word-1, word-1-2, char-1-2, char-1-3, or 'custom' for a fixed model's own features. */
  features: string
  /** C (SVM, logistic regression) or alpha (naive Bayes). */
  strength: number
  /** For people, e.g. "linear-svm C=1, word 1-2". */
  title: string
  meanMacroF1: number
  stdMacroF1: number
  /** Macro-F1 of each fold's validation rows. */
  foldMacroF1: number[]
  /** Seconds spent fitting and scoring it on every fold (featurising excluded). */
  fitSeconds: number
  chosen: boolean
  /** Naive Bayes, multi-label: one binary model per label instead of one multinomial model. */
  binaryPerLabel?: boolean
  /** Auto: the work it was charged against the budget (estimated from the data, not the clock). */
  workUnits?: number
}

/** A planned candidate automatic selection left untried, and why. */
export interface SkippedCandidate {
  title: string
  /** budget: its estimated work did not fit what was left; cpu: the search used three times its budget in CPU time (a safety stop). */
  reason: 'budget' | 'cpu'
  workUnits: number
}

/** How a version's model was chosen: its cross-validation table on the training rows, best first. */
export interface ModelSelection {
  /** auto: a search over kinds, feature sets and parameters; fixed: the given model scored. */
  method: 'auto' | 'fixed'
  folds: number
  /** The search's time budget (auto), null for a fixed model. */
  budgetSeconds: number | null
  /** Wall time of the search, featurising included; the final fit on all rows is not. */
  searchSeconds: number
  /** Planned candidates left untried because the budget would not have held them. */
  skipped: number
  candidates: SelectionRow[]
  /**
   * Auto: the budget in work units (budgetSeconds x a fixed rate). Which candidates run depends on
   * the data, the seed and this budget only, never on how busy the machine is.
   */
  budgetUnits?: number
  /** Auto: the candidates left untried, in the order they were planned. */
  skippedCandidates?: SkippedCandidate[]
}

export interface ModelVersionSummary {
  id: string
  name: string
  kind: ModelType
  field: ModelField
  labels: string[]
  origin: 'trained' | 'rules' | 'imported'
  datasetId: string | null
  datasetName: string | null
  testSplit: string | null
  /** Headline figures of the evaluation made at training time. */
  accuracy: number | null
  macroF1: number | null
  /** That evaluation's macro-F1 was not above the trivial baseline's (see BaselineData). */
  belowBaseline: boolean
  baseline: BaselineData | null
  fileBytes: number
  createdAt: EpochMs
}

export interface ModelVersionDetail extends ModelVersionSummary {
  params: Record<string, unknown>
  /** SHA-256 of the exact texts and labels it was trained on. */
  dataHash: string | null
  trainSplits: string[] | null
  exclusions: ExclusionSnapshot[]
  report: ReportData | null
  /** Per-label decision thresholds in force. */
  thresholds: Record<string, number>
  /** The cross-validation table it was chosen by (automatic selection, or `--cv`), else null. */
  selection: ModelSelection | null
  /** How the model turns a text into labels, in words (null for files written before it was kept). */
  decisionRule: string | null
  /** The evaluation made at training time, when there was a test split. */
  evaluationId: string | null
  /** Absolute path of the model file in the workspace. */
  filePath: string
}

export interface EvaluationSummary {
  id: string
  modelId: string
  datasetId: string | null
  split: string | null
  sourceFile: string | null
  rows: number
  accuracy: number
  macroF1: number
  createdAt: EpochMs
}

export interface EvaluationRow {
  /** Document id in its dataset, or the row number of an external file. */
  id: string
  documentId: number | null
  text: string
  gold: string[]
  predicted: string[]
  scores: Record<string, number>
  matches: string[]
  correct: boolean
}

export interface EvaluationDetail extends EvaluationSummary {
  report: ReportData
}

const trainSplits = z
  .array(z.enum(['train', 'dev', 'test', 'none']))
  .min(1)
  .max(4)
const params = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]))

export const modelSchemas = {
  'models.list': z.object({}).strict(),
  'models.get': z.object({ id: hexId }).strict(),
  'models.startTraining': z
    .object({
      name: z.string().trim().min(1).max(120).optional(),
      datasetId: hexId,
      /** A model type, or auto: chosen by cross-validation within params.timeBudget seconds. */
      kind: z.enum(TRAIN_KINDS),
      field: z.enum(MODEL_FIELDS).default('content'),
      params: params.default({}),
      /** A fixed statistical model: also score it by this many folds of cross-validation. */
      crossValidate: z.number().int().min(2).max(20).optional(),
      /** Splits to learn from; documents of no split are used only when asked. */
      trainSplits: trainSplits.default(['train']),
      /** Split to evaluate on; null skips the evaluation. */
      testSplit: z.enum(['train', 'dev', 'test', 'none']).nullable().default('test'),
      exclusionSetIds: z.array(hexId).max(50).default([]),
      /** Keyword and regex models: the rule set to use. */
      ruleSetId: hexId.optional(),
      multiLabel: z.boolean().optional(),
      seed: z
        .number()
        .int()
        .min(0)
        .max(2 ** 31 - 1)
        .default(1),
    })
    .strict(),
  'models.startEvaluation': z
    .object({
      id: hexId,
      datasetId: hexId.optional(),
      split: z.enum(['train', 'dev', 'test', 'none']).optional(),
      /** An external CSV/TSV/xlsx/JSONL file with gold labels, evaluated without importing it: a
       * path, a file uploaded with `datasets.uploadFile` (the core detects its encoding, as for
       * imports), or text already decoded (scripts), up to 64 MB. */
      file: z
        .object({
          path: z.string().min(1).optional(),
          upload: hexId.optional(),
          content: z
            .string()
            .max(64 * 1024 * 1024)
            .optional(),
          fileName: z.string().min(1).max(300).default('upload.csv'),
          textColumn: z.string().min(1).default('text'),
          labelColumn: z.string().min(1).default('label'),
        })
        .strict()
        .refine((f) => [f.path, f.upload, f.content].filter((v) => v !== undefined).length === 1, {
          message: 'give one of path, upload or content',
          path: ['path'],
        })
        .optional(),
    })
    .strict()
    .refine((p) => (p.datasetId === undefined) !== (p.file === undefined), {
      message: 'give either datasetId (with an optional split) or file',
      path: ['datasetId'],
    }),
  'models.listEvaluations': z.object({ id: hexId }).strict(),
  'models.getEvaluation': z.object({ evaluationId: hexId }).strict(),
  'models.evaluationRows': z
    .object({
      evaluationId: hexId,
      errorsOnly: z.boolean().default(false),
      /** A confusion-matrix cell: the rows counted in it (see ReportData.confusion); null is the
       * "(none)" row or column. */
      gold: z.string().nullable().optional(),
      predicted: z.string().nullable().optional(),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(1000).default(100),
    })
    .strict(),
  'models.exportEvaluation': z
    .object({
      evaluationId: hexId,
      /** `xlsx`: one sheet; refused up front past Excel's 1,048,576 rows. */
      format: z.enum(['csv', 'jsonl', 'xlsx']),
      /** csv only: `excel` (default, for people) or `raw` (exact text, for programs). */
      csvFlavour: csvFlavour.default('excel'),
      /** Absolute path to write (the desktop app's Save as); default: the workspace's exports folder. */
      path: z.string().min(1).optional(),
    })
    .strict(),
  'models.rename': z.object({ id: hexId, name: z.string().trim().min(1).max(120) }).strict(),
  'models.setThreshold': z
    .object({ id: hexId, label: z.string().min(1), threshold: z.number().min(0).max(1e6) })
    .strict(),
  'models.delete': z.object({ id: hexId }).strict(),
  'models.exportFile': z.object({ id: hexId, path: z.string().min(1).optional() }).strict(),
  'models.importFile': z
    .object({
      path: z.string().min(1).optional(),
      /** The file's bytes, base64 (browser uploads). */
      contentBase64: z
        .string()
        .max(96 * 1024 * 1024)
        .optional(),
      name: z.string().trim().min(1).max(120).optional(),
    })
    .strict()
    .refine((p) => (p.path === undefined) !== (p.contentBase64 === undefined), {
      message: 'give either path or contentBase64',
      path: ['path'],
    }),
  'models.exportTerms': z.object({ id: hexId, path: z.string().min(1).optional() }).strict(),
  'models.importTerms': z
    .object({
      /** The term-weight version the table was exported from: its settings are kept. */
      id: hexId,
      path: z.string().min(1).optional(),
      /** The CSV's text as a browser read it. */
      content: z
        .string()
        .max(64 * 1024 * 1024)
        .optional(),
      name: z.string().trim().min(1).max(120).optional(),
    })
    .strict()
    .refine((p) => (p.path === undefined) !== (p.content === undefined), {
      message: 'give either path or content',
      path: ['path'],
    }),
  'models.compare': z
    .object({ a: hexId, b: hexId, limit: z.number().int().min(1).max(1000).default(200) })
    .strict(),
}

type In<M extends keyof typeof modelSchemas> = z.input<(typeof modelSchemas)[M]>

export interface ModelComparison {
  a: ModelVersionSummary
  b: ModelVersionSummary
  /** Per-label F1 of each and b − a. */
  perLabel: { label: string; a: LabelScores | null; b: LabelScores | null; f1Delta: number }[]
  headline: { metric: 'accuracy' | 'macroF1' | 'microF1' | 'weightedF1'; a: number; b: number }[]
  /** Both evaluated on a's test split: documents whose predicted labels differ. */
  changed: { documentId: number; text: string; gold: string[]; a: string[]; b: string[] }[]
  changedCount: number
  comparedRows: number
}

export interface ModelMethods {
  /** Lists model versions, newest first. */
  'models.list': (p: In<'models.list'>) => Promise<ModelVersionSummary[]>
  /** One version: params, data hash, exclusion sets it was trained with, report. */
  'models.get': (p: In<'models.get'>) => Promise<ModelVersionDetail>
  /** Trains a model on a dataset in the worker pool and saves it as a new version (a task). */
  'models.startTraining': (p: In<'models.startTraining'>) => Promise<{ taskId: string }>
  /** Evaluates a saved version on a dataset split or an external labelled file (a task). */
  'models.startEvaluation': (p: In<'models.startEvaluation'>) => Promise<{ taskId: string }>
  /** Evaluations of a version, newest first. */
  'models.listEvaluations': (p: In<'models.listEvaluations'>) => Promise<EvaluationSummary[]>
  /** One evaluation with its full report and confusion matrix. */
  'models.getEvaluation': (p: In<'models.getEvaluation'>) => Promise<EvaluationDetail>
  /** Per-row validation details, filterable to errors or to one confusion-matrix cell. */
  'models.evaluationRows': (
    p: In<'models.evaluationRows'>,
  ) => Promise<{ total: number; rows: EvaluationRow[] }>
  /** Writes the details as CSV, JSONL or xlsx to `path`, or under the workspace's exports folder; returns where. */
  'models.exportEvaluation': (
    p: In<'models.exportEvaluation'>,
  ) => Promise<{ path: string; relativePath: string | null; rows: number }>
  /** Renames a version. */
  'models.rename': (p: In<'models.rename'>) => Promise<ModelVersionDetail>
  /** Saves a per-label decision threshold into the version (and its model file). */
  'models.setThreshold': (p: In<'models.setThreshold'>) => Promise<ModelVersionDetail>
  /** Deletes a version, its file and its evaluations. */
  'models.delete': (p: In<'models.delete'>) => Promise<{ deleted: true }>
  /** Copies the model file to `path`, or into the exports folder; returns where. */
  'models.exportFile': (
    p: In<'models.exportFile'>,
  ) => Promise<{ path: string; relativePath: string | null }>
  /** Adds a model file (from a path or uploaded bytes) as a new version; a damaged file is refused. */
  'models.importFile': (p: In<'models.importFile'>) => Promise<ModelVersionDetail>
  /**
   * Writes a term-weight version's table as label,term,weight CSV ((bias) and (idf) rows
   * included), under exports/ unless a path is given.
   */
  'models.exportTerms': (
    p: In<'models.exportTerms'>,
  ) => Promise<{ path: string; relativePath: string | null; rows: number }>
  /**
   * A new version from an edited term table: the version's model with exactly the table's rows;
   * field, tokenizer, decision rule and thresholds stay. Bad rows are refused with their line.
   */
  'models.importTerms': (p: In<'models.importTerms'>) => Promise<ModelVersionDetail>
  /** Side by side: report diff, and which documents of a's test split change label under b. */
  'models.compare': (p: In<'models.compare'>) => Promise<ModelComparison>
}

/** What a finished `models.train` task reports (TaskDetail.stats). */
export interface TrainingStats {
  modelId: string
  evaluationId: string | null
  trainDocuments: number
  testDocuments: number
  excludedDocuments: number
}

/** What a finished `models.evaluate` task reports (TaskDetail.stats). */
export interface EvaluationStats {
  evaluationId: string
  rows: number
}
