import { createHash } from 'node:crypto'
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs'
import { basename, dirname, extname, join } from 'node:path'
import type {
  ModelSpec,
  ResolvedModelSummary,
  ReviewBelow,
  TextField,
} from '../../../api/contract/predicting'
import type { ExclusionSnapshot } from '../../../api/contract/preprocessing'
import { ApiError } from '../../../api/errors'
import {
  modelToFile,
  readModelHeader,
  trainModel,
  type FieldName,
  type KeywordRule,
} from '../../../../src-worker/ml'
import type { PredictModelRef } from '../../../../src-worker/ml/tasks/predict-task'
import type { ModelStore } from '../../models/model-store'
import type { ModelsRepo } from '../../models/models.repo'
import { compileOrReject } from '../../preprocessing/compile-exclusions'
import type { PreprocessingService } from '../../preprocessing/preprocessing.service'

/** Where model versions and exclusion sets come from. */
export interface ModelSources {
  models: ModelsRepo
  store: ModelStore
  preprocessing: PreprocessingService
}

/**
 * A model as a task uses it: what it reads and is written as (resolvedVersion, in model_version),
 * and how a worker loads it.
 */
export interface ResolvedModel extends ResolvedModelSummary {
  /** The field the model file reads its texts from (the batch slot the texts go into). */
  fileField: FieldName
  ref: PredictModelRef
  exclusions: ExclusionSnapshot[]
  /** Rows under this confidence are written with its label instead of the model's guess. */
  review?: ReviewBelow
}

/**
 * The spec's review-below confidence, checked against the model: rule models score by matches
 * (a count, not a confidence), and the review label must not be one the model gives.
 */
function reviewOf(
  spec: ModelSpec,
  header: { kind: string; labels: readonly string[] },
  name: string,
): { review?: ReviewBelow } {
  const review = spec.review
  if (!review) return {}
  if (header.kind === 'keyword' || header.kind === 'regex') {
    throw new ApiError(
      'VALIDATION',
      `Model "${name}" is a ${header.kind} model: it scores rows by matches, not by confidence, so review-below does not apply. Remove it for this model, or use a trained model.`,
    )
  }
  if (header.labels.includes(review.label)) {
    throw new ApiError(
      'VALIDATION',
      `Model "${name}" already gives the label "${review.label}": choose another review label.`,
    )
  }
  if (typeof review.below !== 'number') {
    const unknown = Object.keys(review.below).filter((l) => !header.labels.includes(l))
    if (unknown.length > 0) {
      throw new ApiError(
        'VALIDATION',
        `Model "${name}" has no label ${unknown.map((l) => `"${l}"`).join(', ')} (its labels: ${header.labels.join(', ')}). Fix the review-below confidences.`,
      )
    }
  }
  return { review }
}

const hashOf = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')
const NAME_MAX = 64

function headerOf(bytes: Uint8Array, what: string) {
  try {
    return readModelHeader(bytes)
  } catch (error) {
    throw new ApiError(
      'VALIDATION',
      `${what} is not a model file this version can read (${error instanceof Error ? error.message : String(error)}). Export it again from the Models screen.`,
    )
  }
}

function readFile(path: string): Uint8Array {
  try {
    return new Uint8Array(readFileSync(path))
  } catch {
    throw new ApiError('VALIDATION', `Model file ${path} cannot be read. Check the path.`)
  }
}

/** Builds the inline keyword model with the engine: case-insensitive substrings, score = matches. */
function keywordFile(field: TextField, labels: Record<string, readonly string[]>): Uint8Array {
  const keywordRules: KeywordRule[] = Object.entries(labels).flatMap(([label, keywords]) =>
    keywords.map((keyword) => ({ label, keyword, match: 'partially' as const })),
  )
  const decision = { multiLabel: true, threshold: 1 }
  return modelToFile(trainModel({ kind: 'keyword', field, keywordRules, decision }, null))
}

function exclusionsOf(sources: ModelSources, spec: ModelSpec, trained: ExclusionSnapshot[]) {
  const sets = spec.exclusionSetIds ? sources.preprocessing.snapshot(spec.exclusionSetIds) : trained
  compileOrReject(sets)
  return sets
}

const summary = (name: string, version: string, field: TextField): ResolvedModelSummary => ({
  name,
  version,
  field,
  resolvedVersion: `${name}@${version}`,
})

/** A model file: its bytes' hash and header (the file is read whole). */
function modelFile(path: string) {
  const bytes = readFile(path)
  return { header: headerOf(bytes, path), hash: hashOf(bytes) }
}

/** The name a model file is written as: the file's name, without its extension. */
const fileModelName = (path: string) => basename(path, extname(path)).slice(0, NAME_MAX)

function versionRecord(sources: ModelSources, id: string) {
  const record = sources.models.get(id)
  if (!record) {
    throw new ApiError(
      'VALIDATION',
      `Model version ${id} does not exist. Pick a model from the Models screen.`,
    )
  }
  return record
}

/** Where a task keeps the copies of its model files (removed when the task succeeds). */
export const taskModelsDir = (dataDir: string, taskId: string) => join(dataDir, 'tasks', taskId)

/**
 * A task's own copy of the file of its model `index`, made at its first run: a resumed run reads
 * exactly the file the task started with, even if the version's file was rewritten (new
 * thresholds) or the given path was overwritten since. Inline keyword models need none.
 */
export function pinModelFile(
  sources: ModelSources,
  spec: ModelSpec,
  dir: string,
  index: number,
): string | undefined {
  const m = spec.model
  if (m.kind === 'keywords') return undefined
  const pinned = join(dir, `model-${index}.audmodel`)
  if (existsSync(pinned)) return pinned
  const from =
    m.kind === 'file' ? m.path : sources.store.modelPath(versionRecord(sources, m.id).fileName)
  if (!existsSync(from)) readFile(from) // says which file is missing
  mkdirSync(dirname(pinned), { recursive: true })
  copyFileSync(from, `${pinned}.partial`)
  renameSync(`${pinned}.partial`, pinned)
  return pinned
}

/**
 * Resolves a model spec to something a worker can load and cache; checks everything on the way.
 * `pinned`: the task's copy of the model's file (see pinModelFile), read instead of the original.
 */
export function resolveModel(
  sources: ModelSources,
  spec: ModelSpec,
  pinned?: string,
): ResolvedModel {
  const m = spec.model
  if (m.kind === 'keywords') {
    const field = spec.field ?? 'content'
    const file = keywordFile(field, m.labels)
    const ref = { id: `keywords:${hashOf(file)}`, version: 0, file }
    return {
      ...summary(m.name, m.version, field),
      fileField: field,
      ref,
      exclusions: exclusionsOf(sources, spec, []),
    }
  }
  if (m.kind === 'file') {
    const { header, hash } = modelFile(pinned ?? m.path)
    return {
      ...summary(fileModelName(m.path), hash.slice(0, 12), spec.field ?? header.field),
      fileField: header.field,
      ref: { id: `file:${hash}`, version: 0, path: pinned ?? m.path },
      exclusions: exclusionsOf(sources, spec, []),
      ...reviewOf(spec, header, fileModelName(m.path)),
    }
  }
  const record = versionRecord(sources, m.id)
  const path = pinned ?? sources.store.modelPath(record.fileName)
  const bytes = readFile(path)
  const header = headerOf(bytes, `The file of model "${record.name}"`)
  return {
    ...summary(record.name.slice(0, NAME_MAX), m.id, spec.field ?? header.field),
    fileField: header.field,
    // By content: a worker's cached copy never stands in for a rewritten file.
    ref: { id: `version:${m.id}:${hashOf(bytes)}`, version: 0, path },
    exclusions: exclusionsOf(sources, spec, record.exclusions),
    ...reviewOf(spec, header, record.name),
  }
}

/** What a task stores of a resolved model (no file bytes, paths or exclusion patterns). */
export const summaryOf = (m: ResolvedModel): ResolvedModelSummary =>
  summary(m.name, m.version, m.field)

/**
 * The summary of a model of a task started before summaries were stored with it, derived as
 * cheaply as it can be: keyword models and saved versions from the spec and the models table
 * (no model file is read); a model file is read and hashed as its task did. Null when a saved
 * version was deleted or a model file is gone.
 */
export function recallModel(sources: ModelSources, spec: ModelSpec): ResolvedModelSummary | null {
  const m = spec.model
  if (m.kind === 'keywords') return summary(m.name, m.version, spec.field ?? 'content')
  try {
    if (m.kind === 'file') {
      const { header, hash } = modelFile(m.path)
      return summary(fileModelName(m.path), hash.slice(0, 12), spec.field ?? header.field)
    }
    const record = versionRecord(sources, m.id)
    return summary(record.name.slice(0, NAME_MAX), m.id, spec.field ?? record.field)
  } catch (error) {
    if (error instanceof ApiError && error.code === 'VALIDATION') return null
    throw error
  }
}
