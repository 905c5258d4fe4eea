import { readFileSync } from 'node:fs'
import type { LabelExplanation, Model } from '../models/model'
import { modelFromFile } from '../models/registry'
import { regexTimeoutMessage, type RegexRule } from '../models/regex/regex-rules'
import { unpackDocs, type PackedDocs } from '../packed'
import { readModelHeader } from '../file/model-file'
import { decodeModelFile } from '../file/model-file'

/** A model to apply: cached by id + version; loaded from `file` bytes or `path` on a cache miss. */
export interface PredictModelRef {
  id: string
  version: number
  path?: string
  file?: Uint8Array
}

export interface PredictTaskInput {
  models: PredictModelRef[]
  docs: PackedDocs
  explain?: boolean
  /** Regex time budget per batch (ms). */
  timeBudgetMs?: number
  /** Int32 cells [model index, pattern index] kept current while regexes run (see watchedRegex). */
  watch?: SharedArrayBuffer
}

export interface ModelPrediction {
  id: string
  labels: string[]
  noneLabel: string | null
  /** size x labels.length, row-major. */
  scores: Float32Array
  /** size x labels.length, 1 where the label is given. */
  assigned: Uint8Array
  /** Per row; a row with nothing to explain is a hole (undefined). */
  explanations?: LabelExplanation[][]
}

export interface PredictTaskOutput {
  size: number
  predictions: ModelPrediction[]
}

const CACHE_SIZE = 8

/** Loaded models of one thread, least recently used first out. */
export class ModelCache {
  private readonly models = new Map<string, Model>()

  get(ref: PredictModelRef): Model {
    const key = `${ref.id}@${ref.version}`
    const cached = this.models.get(key)
    if (cached) {
      this.models.delete(key)
      this.models.set(key, cached)
      return cached
    }
    const bytes = ref.file ?? (ref.path ? new Uint8Array(readFileSync(ref.path)) : null)
    if (!bytes)
      throw new Error(`Model ${ref.id} v${ref.version} is not loaded here; send its file or path.`)
    const { model } = modelFromFile(bytes)
    this.models.set(key, model)
    if (this.models.size > CACHE_SIZE) this.models.delete(this.models.keys().next().value!)
    return model
  }
}

export function runPredictTask(input: PredictTaskInput, cache: ModelCache): PredictTaskOutput {
  const batch = unpackDocs(input.docs)
  const cells = input.watch ? new Int32Array(input.watch) : null
  const predictions = input.models.map((ref, m): ModelPrediction => {
    const model = cache.get(ref)
    if (cells) Atomics.store(cells, 0, m)
    const result = model.predictBatch(batch, {
      ...(input.explain ? { explain: true } : {}),
      ...(input.timeBudgetMs ? { timeBudgetMs: input.timeBudgetMs } : {}),
      ...(cells ? { watch: cells.subarray(1, 2) } : {}),
    })
    const { scores, assigned, noneLabel, explanations } = result
    return {
      id: ref.id,
      labels: [...result.labels],
      noneLabel,
      scores,
      assigned,
      ...(explanations ? { explanations: withHoles(explanations) } : {}),
    }
  })
  return { size: batch.size, predictions }
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

/** A watch buffer for PredictTaskInput.watch: [model index, pattern index], idle = -1. */
export function createRegexWatch(): SharedArrayBuffer {
  const buffer = new SharedArrayBuffer(8)
  new Int32Array(buffer).fill(-1)
  return buffer
}

/**
 * After a predict batch was cut off (thread terminated at the time budget), names the regex that
 * was running, or returns null when no regex was running.
 */
export function watchedRegex(
  watch: SharedArrayBuffer,
  models: PredictModelRef[],
  budgetMs: number,
) {
  const [model, pattern] = new Int32Array(watch)
  const ref = models[model ?? -1]
  if (!ref || pattern === undefined || pattern < 0) return null
  const bytes = ref.file ?? (ref.path ? new Uint8Array(readFileSync(ref.path)) : null)
  if (!bytes || readModelHeader(bytes).kind !== 'regex') return null
  const rules = decodeModelFile(bytes).parts.meta.rules as RegexRule[]
  const rule = rules[pattern]
  return rule ? regexTimeoutMessage(rule, budgetMs) : null
}
