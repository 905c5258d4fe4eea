export const FIELD_NAMES = ['author', 'title', 'content', 'sourceId'] as const
export type FieldName = (typeof FIELD_NAMES)[number]

export const MODEL_KINDS = [
  'linear-svm',
  'logreg',
  'nb',
  'cnb',
  'term-weight',
  'keyword',
  'regex',
] as const
export type ModelKind = (typeof MODEL_KINDS)[number]

/** Rows to label: one array of texts per field that the models read. */
export interface DocBatch {
  size: number
  fields: Partial<Record<FieldName, readonly string[]>>
}

/** How scores become labels. */
export interface DecisionParams {
  /** false: the best label per row (argmax); true: every label whose score reaches its threshold. */
  multiLabel: boolean
  /** Default threshold for every label (probability for statistical models, count for rules). */
  threshold: number
  /** Per-label overrides of threshold. */
  thresholds: Record<string, number>
  /** Label given when no label passes (multi-label) or the best score is below threshold. */
  noneLabel: string | null
}

export interface PredictOptions {
  /**
   * Build per-row explanations (matched keywords/terms); off for bulk labelling speed. 'matched':
   * what a predict task writes; a model may answer it with `matched` instead of explanations.
   */
  explain?: boolean | 'matched'
  /** Regex models: time one batch may spend in patterns before failing (ms). */
  timeBudgetMs?: number
  /**
   * Regex models: the cells (see patterns/regex-watch.ts) that name the pattern being run, as item
   * `pattern` of group `group`. Backed by a SharedArrayBuffer, they let a caller that kills a stuck
   * thread name the pattern.
   */
  watch?: { cells: Int32Array; group: number }
}

export interface TermMatch {
  term: string
  count: number
  weight?: number
}

export interface LabelExplanation {
  label: string
  matches: TermMatch[]
}

export interface BatchPrediction {
  /** The model's labels: column order of scores and assigned. */
  labels: readonly string[]
  noneLabel: string | null
  size: number
  /** size x labels.length, row-major. */
  scores: Float32Array
  /** size x labels.length, 1 where the label is given. */
  assigned: Uint8Array
  explanations?: LabelExplanation[][]
  /**
   * With explain 'matched', from a model that builds them directly: at r * labels.length + l, the
   * texts of the units explaining assigned label l of row r joined by ', ' (explanations would
   * give the same), a hole when there is none.
   */
  matched?: string[]
}

export interface ModelDescription {
  kind: ModelKind
  labels: readonly string[]
  field: FieldName
  decision: DecisionParams
  params: Record<string, unknown>
  /** One line for people: what the model holds. */
  summary: string
  /** For people: how the model turns a text into scores and labels (rule, thresholds, units). */
  decisionRule?: string
}

export type ModelSection = Int32Array | Float32Array | Float64Array | Uint8Array

/** What a model writes into a model file besides the common header. */
export interface ModelParts {
  meta: Record<string, unknown>
  sections: Record<string, ModelSection>
}

/** The one interface every model type implements. */
export interface Model {
  readonly kind: ModelKind
  readonly labels: readonly string[]
  readonly field: FieldName
  readonly decision: DecisionParams
  predictBatch(batch: DocBatch, options?: PredictOptions): BatchPrediction
  describe(): ModelDescription
  serialize(): ModelParts
}

/** Labelled texts for fitting: texts of the model's field and the gold labels of each row. */
export interface TrainingSet {
  texts: readonly string[]
  labels: readonly (readonly string[])[]
}

export type ProgressCallback = (done: number, total: number, message: string) => void

export function fieldTexts(batch: DocBatch, field: FieldName): readonly string[] {
  const texts = Object.hasOwn(batch.fields, field) ? batch.fields[field] : undefined
  if (!texts) throw new Error(`The batch has no "${field}" field, which this model reads.`)
  if (texts.length !== batch.size) {
    throw new Error(`Field "${field}" has ${texts.length} texts for ${batch.size} rows.`)
  }
  return texts
}
