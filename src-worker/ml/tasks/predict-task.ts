import { readFileSync } from 'node:fs'
import type { DocBatch, FieldName, LabelExplanation, Model, PredictOptions } from '../models/model'
import { LinearModel, type LoadTables } from '../models/linear/linear-model'
import type { ScorerTables } from '../models/linear/scorer-tables'
import { modelFromFile } from '../models/registry'
import { REGEX_BUDGET_MS } from '../models/regex/regex-model'
import { regexTimeoutMessage, type RegexRule } from '../models/regex/regex-rules'
import { unpackDocs, type PackedDocs } from '../packed'
import { readModelHeader } from '../file/model-file'
import { decodeModelFile } from '../file/model-file'
import {
  CHANGED,
  compileExclusions,
  DROPPED,
  exclusionTimeoutMessage,
  type CompiledExclusions,
  type ExclusionSetSpec,
} from '../../preprocess/exclusions'
import type { RegexWatchState } from '../../patterns/regex-watch'

/** A model to apply: cached by id + version; loaded from `file` bytes or `path` on a cache miss. */
export interface PredictModelRef {
  id: string
  version: number
  path?: string
  file?: Uint8Array
  /** A linear model's scorer tables, in shared buffers, that one thread built for all (see share). */
  tables?: ScorerTables
}

export interface PredictTaskInput {
  models: PredictModelRef[]
  docs: PackedDocs
  /**
   * true: per-row explanations (LabelExplanation objects). 'matched': only what a predict task
   * writes, each assigned label's matched terms as one string (see ModelPrediction.matched).
   */
  explain?: boolean | 'matched'
  /** Regex time budget (ms): per batch for a regex model, per text for an exclusion pattern. */
  timeBudgetMs?: number
  /**
   * Cells naming the regex being run (see patterns/regex-watch.ts): group m is model m, or set m of
   * exclusionSets.
   */
  watch?: SharedArrayBuffer
  /** Exclusion sets the texts of some models pass through before they are labelled. */
  exclusionSets?: ExclusionSetSpec[]
  /** Per model: the indices in exclusionSets of the sets applied to its field (default: none). */
  modelExclusions?: (readonly number[])[]
  /**
   * Per model: its review-below confidence (one for every label, or per label; null: none). A
   * labelled row whose best score is under the confidence of its best label is flagged.
   */
  reviewBelow?: (number | Readonly<Record<string, number>> | null)[]
}

export interface ModelPrediction {
  id: string
  labels: string[]
  noneLabel: string | null
  /** size x labels.length, row-major. */
  scores: Float32Array
  /** size x labels.length, 1 where the label is given. */
  assigned: Uint8Array
  /** Per row, 1 where the model read a text: not empty once its exclusion sets were applied. */
  read: Uint8Array
  /** Per row; a row with nothing to explain is a hole (undefined). */
  explanations?: LabelExplanation[][]
  /**
   * With explain 'matched': at r * labels.length + l, the terms that explain assigned label l of
   * row r joined by ', ' (a hole when the model explained nothing for it).
   */
  matched?: string[]
  /** With reviewBelow for this model: per row, 1 where the row is written for review instead. */
  review?: Uint8Array
}

export interface PredictTaskOutput {
  size: number
  predictions: ModelPrediction[]
}

const CACHE_SIZE = 8

/** Loaded models (and compiled exclusion sets) of one thread, least recently used first out. */
export class ModelCache {
  private readonly models = new Map<string, Model>()
  private readonly exclusionSets = new Map<string, CompiledExclusions>()

  exclusions(sets: readonly ExclusionSetSpec[]): CompiledExclusions {
    const key = JSON.stringify(sets)
    let compiled = this.exclusionSets.get(key)
    if (!compiled) {
      compiled = compileExclusions(sets)
      this.exclusionSets.set(key, compiled)
      if (this.exclusionSets.size > CACHE_SIZE)
        this.exclusionSets.delete(this.exclusionSets.keys().next().value!)
    }
    return compiled
  }

  get(ref: PredictModelRef): Model {
    const key = `${ref.id}@${ref.version}`
    const cached = this.models.get(key)
    if (cached) {
      this.models.delete(key)
      this.models.set(key, cached)
      return cached
    }
    return this.load(ref, ref.tables ? { tables: ref.tables } : {})
  }

  /**
   * Loads the model with a linear model's scorer tables in shared buffers and returns them, for
   * the other threads to load it over the same memory (null: the model has no such tables).
   */
  share(ref: PredictModelRef): ScorerTables | null {
    const model = this.load(ref, {})
    return model instanceof LinearModel ? model.scorerTables() : null
  }

  private load(ref: PredictModelRef, load: LoadTables): Model {
    const bytes = ref.file ?? (ref.path ? new Uint8Array(readFileSync(ref.path)) : null)
    if (!bytes)
      throw new Error(`Model ${ref.id} v${ref.version} is not loaded here; send its file or path.`)
    const { model } = modelFromFile(bytes, load)
    const key = `${ref.id}@${ref.version}`
    this.models.delete(key)
    this.models.set(key, model)
    if (this.models.size > CACHE_SIZE) this.models.delete(this.models.keys().next().value!)
    return model
  }
}

export function runPredictTask(input: PredictTaskInput, cache: ModelCache): PredictTaskOutput {
  const batch = unpackDocs(input.docs)
  const cells = input.watch ? new Int32Array(input.watch) : undefined
  const budgetMs = input.timeBudgetMs ?? REGEX_BUDGET_MS
  const views = new Map<string, { batch: DocBatch; read: Uint8Array }>()
  /** What a model reading `field` through these exclusion sets sees; models that share one share it. */
  const viewOf = (field: FieldName, sets: readonly number[]) => {
    const key = `${field}|${sets.join(',')}`
    const cached = views.get(key)
    if (cached) return cached
    const raw = batch.fields[field] ?? []
    let texts = raw
    if (sets.length > 0) {
      const specs = sets.map((s) => input.exclusionSets![s]!)
      const out = cache.exclusions(specs).applyAll(raw, { cells, budgetMs, groups: sets })
      texts = raw.map((text, r) =>
        out.status[r] === DROPPED ? '' : out.status[r] === CHANGED ? out.texts[r]! : text,
      )
    }
    const read = new Uint8Array(batch.size)
    for (let r = 0; r < batch.size; r++) if (texts[r]) read[r] = 1
    const view = {
      batch:
        texts === raw ? batch : { size: batch.size, fields: { ...batch.fields, [field]: texts } },
      read,
    }
    views.set(key, view)
    return view
  }
  const predictions = input.models.map((ref, m) => {
    const prediction = predictWith(cache.get(ref), ref, m)
    const below = input.reviewBelow?.[m]
    if (below === undefined || below === null) return prediction
    return { ...prediction, review: reviewFlags(prediction, batch.size, below) }
  })
  return { size: batch.size, predictions }

  function predictWith(model: Model, ref: PredictModelRef, m: number): ModelPrediction {
    const view = viewOf(model.field, input.modelExclusions?.[m] ?? [])
    const options = {
      ...(input.explain ? { explain: input.explain } : {}),
      ...(input.timeBudgetMs ? { timeBudgetMs: input.timeBudgetMs } : {}),
      ...(cells ? { watch: { cells, group: m } } : {}),
    }
    if (input.explain === 'matched') {
      const { labels, noneLabel, scores, assigned, matched } = predictMatched(
        model,
        view.batch,
        options,
      )
      return { id: ref.id, labels, noneLabel, scores, assigned, read: view.read, matched }
    }
    const result = model.predictBatch(view.batch, options)
    const { scores, assigned, noneLabel, explanations } = result
    return {
      id: ref.id,
      labels: [...result.labels],
      noneLabel,
      scores,
      assigned,
      read: view.read,
      ...(explanations ? { explanations: withHoles(explanations) } : {}),
    }
  }
}

/**
 * Rows to write for review: those the model labelled whose best score (of the labels it gave) is
 * below the review-below confidence of that label (a label without one is never reviewed). The model's own
 * decision thresholds are left as they are; this only flags the rows.
 */
export function reviewFlags(
  prediction: Pick<ModelPrediction, 'labels' | 'scores' | 'assigned' | 'read'>,
  size: number,
  below: number | Readonly<Record<string, number>>,
): Uint8Array {
  const { labels, scores, assigned, read } = prediction
  const width = labels.length
  const limits = labels.map((label) =>
    typeof below === 'number' ? below : (below[label] ?? -Infinity),
  )
  const flags = new Uint8Array(size)
  for (let r = 0; r < size; r++) {
    if (!read[r]) continue
    const best = bestAssigned(scores, assigned, r, width)
    if (best >= 0 && scores[r * width + best]! < limits[best]!) flags[r] = 1
  }
  return flags
}

/** Rows explained at once when only the matched strings are kept: their objects die young. */
const MATCHED_CHUNK = 1000

/**
 * predictBatch with explanations reduced to the matched string of each assigned label. A linear
 * model builds the strings itself, in one call; other models explain a chunk of rows at a time: a
 * batch's explanation objects (several per row) would otherwise all live until the batch ends,
 * then be cloned to the main thread. A regex model runs the whole batch at once, as its time
 * budget is per batch.
 */
function predictMatched(model: Model, batch: DocBatch, options: PredictOptions) {
  const width = model.labels.length
  const texts = batch.fields[model.field]
  const whole = model.kind === 'regex' || model instanceof LinearModel || !texts
  const chunk = whole ? batch.size : MATCHED_CHUNK
  const labels = [...model.labels]
  if (whole) {
    const { noneLabel, scores, assigned, matched, explanations } = model.predictBatch(
      batch,
      options,
    )
    const strings = matched ?? new Array<string>(batch.size * width)
    if (!matched) joinMatches(explanations, model.labels, assigned, 0, strings)
    return { labels, noneLabel, scores, assigned, matched: strings }
  }
  const scores = new Float32Array(batch.size * width)
  const assigned = new Uint8Array(batch.size * width)
  const matched = new Array<string>(batch.size * width)
  let noneLabel: string | null = model.decision.noneLabel
  for (let start = 0; start < batch.size; start += chunk) {
    const end = Math.min(start + chunk, batch.size)
    const part = { size: end - start, fields: { [model.field]: texts.slice(start, end) } }
    const result = model.predictBatch(part, options)
    noneLabel = result.noneLabel
    scores.set(result.scores, start * width)
    assigned.set(result.assigned, start * width)
    joinMatches(result.explanations, model.labels, assigned, start * width, matched)
  }
  return { labels, noneLabel, scores, assigned, matched }
}

/** Each assigned label's matched terms joined into out, the explanations' rows from `base` on. */
function joinMatches(
  explanations: LabelExplanation[][] | undefined,
  labels: readonly string[],
  assigned: Uint8Array,
  base: number,
  out: string[],
): void {
  const width = labels.length
  const labelIndex = new Map(labels.map((label, l) => [label, l]))
  explanations?.forEach((row, r) => {
    for (const { label, matches } of row) {
      const at = base + r * width + labelIndex.get(label)!
      if (assigned[at] && out[at] === undefined) out[at] = matches.map((t) => t.term).join(', ')
    }
  })
}

/** The label given to row r with the highest score; -1 when none was given. */
export function bestAssigned(
  scores: Float32Array,
  assigned: Uint8Array,
  r: number,
  width: number,
): number {
  let best = -1
  for (let l = 0; l < width; l++) {
    const at = r * width + l
    if (assigned[at] && (best < 0 || scores[at]! > scores[r * width + best]!)) best = l
  }
  return best
}

/**
 * Rows with nothing to explain become holes: a holey array crosses threads as its entries only,
 * where 20,000 empty arrays per batch cost more to clone than the labelling of a keyword model.
 */
function withHoles(explanations: LabelExplanation[][]): LabelExplanation[][] {
  const out = new Array<LabelExplanation[]>(explanations.length)
  explanations.forEach((explanation, r) => {
    if (explanation.length > 0) out[r] = explanation
  })
  return out
}

/**
 * Names the regex a watch says was running when a batch was cut off (thread terminated at the time
 * budget) or went over its budget: a pattern of model `models[group]`, or of exclusion set
 * `exclusionSets[group]`. Null when it cannot be told.
 */
export function watchedRegexMessage(
  state: RegexWatchState,
  models: readonly PredictModelRef[],
  budgetMs: number,
  exclusionSets: readonly ExclusionSetSpec[] = [],
): string | null {
  if (state.kind === 'exclusion') {
    const set = exclusionSets[state.group]
    const pattern = set?.patterns[state.item]
    return set && pattern !== undefined
      ? exclusionTimeoutMessage(set.name, pattern, budgetMs)
      : null
  }
  const ref = models[state.group]
  const bytes = ref?.file ?? (ref?.path ? new Uint8Array(readFileSync(ref.path)) : null)
  if (!bytes || readModelHeader(bytes).kind !== 'regex') return null
  const rules = decodeModelFile(bytes).parts.meta.rules as RegexRule[]
  const rule = rules[state.item]
  return rule ? regexTimeoutMessage(rule, budgetMs) : null
}
