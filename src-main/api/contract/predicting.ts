import { z } from 'zod'
import { csvFlavour, hexId } from './common'

const identifier = z.string().min(1).max(64)
const envVar = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected an environment variable name')

/** A saved profile, or a `mysql://user@host:port/schema` URL (no password in it: use passwordEnv). */
export const connectionRef = z.union([
  z.object({ connectionId: hexId }).strict(),
  z
    .object({
      url: z
        .string()
        .regex(
          /^mysql:\/\/[^:@/]+@[^/]+(\/[^/?]*)?$/,
          'expected mysql://USER@HOST:PORT/SCHEMA without a password',
        ),
      passwordEnv: envVar.optional(),
    })
    .strict(),
])
export type ConnectionRef = z.infer<typeof connectionRef>

export const PREDICT_FIELDS = ['content', 'title', 'author', 'sourceId'] as const
export type TextField = (typeof PREDICT_FIELDS)[number]

/** Which source column feeds which field. Only id and one text field are required. */
export const columnMapping = z
  .object({
    id: identifier,
    content: identifier.optional(),
    title: identifier.optional(),
    author: identifier.optional(),
    sourceId: identifier.optional(),
    postTime: identifier.optional(),
  })
  .strict()
  .refine((m) => m.content ?? m.title ?? m.author, {
    message: 'map at least one text column (content, title or author)',
  })
export type ColumnMapping = z.infer<typeof columnMapping>

/** `YYYY-MM-DD` or `YYYY-MM-DD HH:MM:SS` (also with a T), read in the server's time zone. */
const dateTime = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2})?)?$/,
    'expected YYYY-MM-DD or YYYY-MM-DD HH:MM:SS',
  )

const filters = {
  columns: columnMapping,
  /** Inclusive start of [from, to) on the post-time column. */
  from: dateTime.optional(),
  /** Exclusive end of [from, to). */
  to: dateTime.optional(),
  /** Only rows whose source id is one of these. */
  sourceIds: z.array(z.string().min(1).max(255)).max(10_000).optional(),
}

export const sourceSpec = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('mariadb'),
      connection: connectionRef,
      schema: identifier,
      table: identifier,
      ...filters,
    })
    .strict(),
  z
    .object({ kind: z.literal('sqlite'), path: z.string().min(1), table: identifier, ...filters })
    .strict(),
  z
    .object({
      kind: z.literal('file'),
      path: z.string().min(1),
      format: z.enum(['csv', 'jsonl']),
      ...filters,
    })
    .strict(),
])
export type SourceSpec = z.infer<typeof sourceSpec>

/** The label rows under a model's review-below confidence are written with by default. */
export const REVIEW_LABEL = 'review'

export const reviewBelow = z
  .object({
    below: z.union([
      z.number().finite(),
      z
        .record(z.string().min(1).max(64), z.number().finite())
        .refine((r) => Object.keys(r).length > 0, {
          message: 'give a confidence for at least one label',
        }),
    ]),
    label: z.string().trim().min(1).max(64).default(REVIEW_LABEL),
  })
  .strict()
export type ReviewBelow = z.output<typeof reviewBelow>

export const modelSpec = z
  .object({
    /** The field this model reads (defaults to the one it was trained on, or content). */
    field: z.enum(PREDICT_FIELDS).optional(),
    model: z.discriminatedUnion('kind', [
      /** A model file (.audmodel) written by the ML engine. */
      z.object({ kind: z.literal('file'), path: z.string().min(1) }).strict(),
      /** A saved model version (Models screen); its exclusion sets apply unless exclusionSetIds is given. */
      z.object({ kind: z.literal('version'), id: hexId }).strict(),
      /** An inline keyword model: label → keywords, matched case-insensitively as substrings. */
      z
        .object({
          kind: z.literal('keywords'),
          name: z.string().min(1).max(64),
          version: z.string().min(1).max(64).default('1'),
          labels: z.record(z.string().min(1).max(64), z.array(z.string().min(1).max(200)).min(1)),
        })
        .strict(),
    ]),
    /**
     * Exclusion sets applied to the texts before this model labels them. Default: the sets a model
     * version was trained with (none for files and keyword models); [] applies none.
     */
    exclusionSetIds: z.array(z.string().min(1).max(64)).max(50).optional(),
    /**
     * A second, lower confidence: a row whose best score is below it (one value for every label,
     * or per label) is written with `label` instead of the model's guess, to be reviewed. Models
     * that score by matched keywords or patterns (keyword, regex) take none.
     */
    review: reviewBelow.optional(),
  })
  .strict()
  .refine((m) => !(m.review && m.model.kind === 'keywords'), {
    path: ['review'],
    message:
      'a keyword model scores rows by matched keywords, not by confidence: review-below applies to trained models only',
  })
export type ModelSpec = z.infer<typeof modelSpec>

const tableTemplate = z
  .string()
  .regex(/^[A-Za-z0-9_]*\{group\}[A-Za-z0-9_]*$/, 'expected letters, digits, _ and one {group}')

/** One table per source group: source id → group, table name from the template. */
const routing = z
  .object({
    groups: z.record(z.string().min(1), z.string().regex(/^[A-Za-z0-9_]{1,40}$/)),
    template: tableTemplate.default('panel_{group}'),
    /** Group for source ids missing from the mapping (default: the main table). */
    otherGroup: z
      .string()
      .regex(/^[A-Za-z0-9_]{1,40}$/)
      .optional(),
  })
  .strict()

export const sinkSpec = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('mariadb'),
      connection: connectionRef,
      schema: identifier,
      table: identifier.regex(/^[A-Za-z0-9_]+$/).default('results'),
      routing: routing.optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('sqlite'),
      /** Default: `<dataDir>/outputs/<taskId>.sqlite`. */
      path: z.string().min(1).optional(),
      table: identifier.regex(/^[A-Za-z0-9_]+$/).default('results'),
      routing: routing.optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('csv'),
      /** A path ending in `.xlsx` writes Excel workbooks (results, and `<name>_authors.xlsx`);
       * refused up front when the source is known to pass Excel's 1,048,576 rows. */
      path: z.string().min(1),
      /** `raw` (default: exact text, for programs) or `excel` (for opening in Excel). */
      csvFlavour: csvFlavour.default('raw'),
    })
    .strict(),
])
export type SinkSpec = z.infer<typeof sinkSpec>

export const predictStartParams = z
  .object({
    title: z.string().min(1).max(200).optional(),
    sources: z.array(sourceSpec).min(1).max(20),
    models: z.array(modelSpec).min(1).max(20),
    /** Labels of which an author keeps one (most posts wins, a tie drops both), e.g. [['male','female']]. */
    exclusiveGroups: z.array(z.array(z.string().min(1)).min(2)).default([]),
    sink: sinkSpec,
    batchSize: z.number().int().min(1).max(100_000).default(10_000),
  })
  .strict()
  .superRefine((p, ctx) => {
    p.sources.forEach((s, i) => {
      if (s.from && s.to && s.from >= s.to) {
        ctx.addIssue({
          code: 'custom',
          path: ['sources', i, 'to'],
          message: `from (${s.from}) must be earlier than to (${s.to})`,
        })
      }
      if ((s.from ?? s.to) && !s.columns.postTime) {
        ctx.addIssue({
          code: 'custom',
          path: ['sources', i, 'columns', 'postTime'],
          message: 'a time range needs a post-time column',
        })
      }
      if (s.sourceIds && !s.columns.sourceId) {
        ctx.addIssue({
          code: 'custom',
          path: ['sources', i, 'columns', 'sourceId'],
          message: 'a source-id filter needs a source-id column',
        })
      }
    })
  })
export type PredictStartParams = z.output<typeof predictStartParams>

/** A model of a predict task as resolved when the task started. */
export interface ResolvedModelSummary {
  /** The saved model's name, the model file's base name, or the keyword model's name. */
  name: string
  /** The saved version's id, the first 12 hex digits of the file's SHA-256, or the keyword model's version. */
  version: string
  /** The source field the model reads. */
  field: TextField
  /** `name@version`: what the output's model_version column holds for this model's rows. */
  resolvedVersion: string
}

/**
 * The config of a `predict.run` task: its start params, and the models as resolved at start (so
 * samples need no model file). Tasks started before resolvedModels was stored lack it.
 */
export type PredictTaskConfig = PredictStartParams & { resolvedModels?: ResolvedModelSummary[] }

export interface PreviewResult {
  /** Column names of the source, in table order. */
  columns: string[]
  /** Up to 10 rows as the task would read them, mapped to fields. */
  rows: PreviewRow[]
  /** Rows the task would read: counted, or the server's plan estimate when counting took over 2 s. */
  estimatedRows: number
  /** false: estimatedRows is the server's plan estimate, which can be far off. */
  estimateExact: boolean
}

export interface PreviewRow {
  id: string
  content?: string | null
  title?: string | null
  author?: string | null
  sourceId?: string | null
  postTime?: string | null
}

export interface SampleRow {
  id: string
  label: string
  score: number
  model: string
  author: string | null
  postTime: string | null
  sourceId: string | null
  /** Keywords or terms that produced the label. */
  matched: string | null
  /** The text the model read (fetched from the source), cut to 2,000 characters. */
  text: string | null
  /** Why `text` is null although the row had one: its source, or its model's field, cannot be read. */
  textNote?: string
  table: string
}

export interface TableStats {
  table: string
  rows: number
  uniqueAuthors: number
  labeledAuthors: number
  /** labeledAuthors / uniqueAuthors after exclusive groups (0 when there are no authors). */
  labelRate: number
}

/** What a predict task counted in the rows it read: added up batch by batch in its checkpoint. */
export interface PredictCounters {
  received: number
  /** NULL or empty texts, skipped. */
  excluded: number
  /** Texts that held invalid UTF-8, replaced with U+FFFD and labeled. */
  invalidUtf8: number
  /** Rows that got at least one label. */
  labeled: number
  /** Output rows written (one per row, model and label). */
  written: number
  perLabel: Record<string, number>
}

/** Busy time of each stage of a predict task (they overlap), in milliseconds. */
export interface PredictStageMs {
  read: number
  label: number
  write: number
}

/** Live numbers (progress.data) and final stats (tasks.show stats) of a predict task. */
export interface PredictStats extends PredictCounters {
  /** Known at the end. */
  tables?: TableStats[]
  uniqueAuthors?: number
  runMs: number
  rowsPerSecond: number
  peakRssBytes: number
  estimatedRows: number
  /** false: estimatedRows (and so percent and ETA) come from the server's plan estimate. */
  estimateExact?: boolean
  /** Time spent after the last batch: author panel and unique authors (included in runMs). */
  finishMs?: number
  /** Busy time of each stage (they overlap): rows / stage seconds is the stage's own rate. */
  stageMs?: PredictStageMs
  /** The position reached: source index and last key. */
  window?: string
}

/** A file or table a predict task writes (predict.outputs). */
export interface PredictOutput {
  kind: 'file' | 'table'
  /** A file path; `schema.table` in MariaDB; a table name inside the SQLite file listed before it. */
  location: string
  /** results, author panel, the SQLite file holding tables, or a CSV output's staging file. */
  role: 'results' | 'authors' | 'database' | 'staging'
  /** What it holds, in a sentence for the task page. */
  note: string
}

export const predictingSchemas = {
  'predict.preview': z.object({ source: sourceSpec }).strict(),
  'predict.start': predictStartParams,
  'predict.sample': z
    .object({
      taskId: hexId,
      perLabel: z.number().int().min(1).max(1000).default(50),
      label: z.string().min(1).optional(),
    })
    .strict(),
  'predict.stats': z.object({ taskId: hexId }).strict(),
  'predict.outputs': z.object({ taskId: hexId }).strict(),
}

type P<M extends keyof typeof predictingSchemas> = z.input<(typeof predictingSchemas)[M]>

export interface PredictingMethods {
  /**
   * Reads 10 rows of a source through its column mapping and estimates the rows a task would read
   * (time range and source-id filter applied). Unknown table or column: VALIDATION naming it.
   */
  'predict.preview': (p: P<'predict.preview'>) => Promise<PreviewResult>
  /**
   * Checks sources, models and the sink (a MariaDB output schema must be reachable: UNAVAILABLE and no
   * task otherwise), then starts a resumable `predict.run` task. Progress data is PredictStats.
   */
  'predict.start': (p: P<'predict.start'>) => Promise<{ taskId: string }>
  /**
   * Random written rows per label (default 50) with the text they came from. NO_RESULTS_YET before the
   * first batch is written: retry shortly. Only the output is needed: a source that cannot be read
   * gives rows with text null and a textNote saying why.
   */
  'predict.sample': (p: P<'predict.sample'>) => Promise<SampleRow[]>
  /** The live or final stats of a predict task: counts, per-label, tables, author panel rates. */
  'predict.stats': (p: P<'predict.stats'>) => Promise<PredictStats>
  /**
   * Every file and table the task writes, beside the ones named in its sink: a CSV output's
   * `<name>_authors.csv` and `<name>.csv.sqlite`, each output table's `<table>_authors`.
   */
  'predict.outputs': (p: P<'predict.outputs'>) => Promise<PredictOutput[]>
}
