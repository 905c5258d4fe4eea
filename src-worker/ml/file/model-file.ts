import type {
  DecisionParams,
  FieldName,
  ModelKind,
  ModelParts,
  ModelSection,
} from '../models/model'
import type { LabelPrior } from '../metrics/baseline'
import type { ModelSelection } from '../auto/selection'
import { crc32 } from 'node:zlib'
import { headerProblem } from './model-header'

export const MODEL_FILE_MAGIC = 'AUDMODEL'
/**
 * 2: calibration curves (isotonic sections, softmax-odds scoring), per-label thresholds chosen by
 * cross-validation, the term-weight sum rule. Version 1 files still load and decide exactly as
 * they were trained to (their scoring and rules are kept, never reinterpreted).
 */
export const MODEL_FILE_VERSION = 2
/** The oldest format this version of Audience reads. */
export const OLDEST_MODEL_FILE_VERSION = 1
export const MODEL_FILE_EXTENSION = '.audmodel'

/** What every model file says about itself, readable without decoding the weights. */
export interface ModelHeader {
  kind: ModelKind
  labels: string[]
  field: FieldName
  decision: DecisionParams
  params: Record<string, unknown>
  /** SHA-256 of the training texts and labels ('' for rule models without data). */
  trainingDataHash: string
  /** Evaluation figures stored with the model, e.g. macroF1 on a held-out set. */
  metrics: Record<string, number>
  /** How often each label occurred in the training rows (absent in rule models and older files):
   * the prior of the trivial baseline every evaluation is compared with. */
  labelPrior?: LabelPrior
  /** How the model was chosen: its cross-validation table (absent when it was not scored so). */
  selection?: ModelSelection
  /** For people: how it turns a text into labels, as describe() says (absent in older files). */
  decisionRule?: string
}

type SectionType = 'int32' | 'float32' | 'float64' | 'uint8'

interface SectionEntry {
  name: string
  type: SectionType
  offset: number
  byteLength: number
}

interface StoredHeader extends ModelHeader {
  meta: Record<string, unknown>
  sections: SectionEntry[]
}

const PREFIX_BYTES = 16
const ALIGN = 8

const align = (n: number) => Math.ceil(n / ALIGN) * ALIGN

function typeOf(section: ModelSection): SectionType {
  if (section instanceof Int32Array) return 'int32'
  if (section instanceof Float32Array) return 'float32'
  if (section instanceof Float64Array) return 'float64'
  return 'uint8'
}

/**
 * Layout: "AUDMODEL", u32 format version, u32 header length, JSON header (labels, params,
 * vocabulary-free metadata, section table), 8-byte aligned typed-array sections, CRC-32 of all
 * preceding bytes. Little-endian. No timestamps, so the same model gives the same bytes.
 */
export function encodeModelFile(header: ModelHeader, parts: ModelParts): Uint8Array {
  const sections: SectionEntry[] = []
  let offset = 0
  for (const [name, data] of Object.entries(parts.sections)) {
    sections.push({ name, type: typeOf(data), offset, byteLength: data.byteLength })
    offset = align(offset + data.byteLength)
  }
  const stored: StoredHeader = { ...header, meta: parts.meta, sections }
  const json = new TextEncoder().encode(JSON.stringify(stored))
  const dataStart = align(PREFIX_BYTES + json.length)
  const file = new Uint8Array(dataStart + offset + 4)
  file.set(new TextEncoder().encode(MODEL_FILE_MAGIC), 0)
  const view = new DataView(file.buffer)
  view.setUint32(8, MODEL_FILE_VERSION, true)
  view.setUint32(12, json.length, true)
  file.set(json, PREFIX_BYTES)
  file.fill(0x20, PREFIX_BYTES + json.length, dataStart)
  sections.forEach((entry) => {
    const data = parts.sections[entry.name]!
    file.set(
      new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
      dataStart + entry.offset,
    )
  })
  view.setUint32(file.length - 4, crc32(file.subarray(0, file.length - 4)), true)
  return file
}

const AGAIN = 'Save or export the model again, or retrain it.'

/** Reads the header only (cheap): for listings and to choose a loader. */
export function readModelHeader(file: Uint8Array): ModelHeader {
  const { meta: _meta, sections: _sections, ...header } = parseStored(file)
  return header
}

export function decodeModelFile(file: Uint8Array): { header: ModelHeader; parts: ModelParts } {
  const stored = parseStored(file)
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength)
  const dataStart = align(PREFIX_BYTES + view.getUint32(12, true))
  const dataEnd = stored.sections.reduce(
    (end, s) => Math.max(end, align(s.offset + s.byteLength)),
    0,
  )
  if (file.length < dataStart + dataEnd + 4) {
    throw new Error(
      `The model file is truncated (${file.length} of ${dataStart + dataEnd + 4} bytes). ${AGAIN}`,
    )
  }
  if (view.getUint32(file.length - 4, true) !== crc32(file.subarray(0, file.length - 4))) {
    throw new Error(`The model file is damaged (checksum mismatch). ${AGAIN}`)
  }
  const sections: Record<string, ModelSection> = {}
  for (const entry of stored.sections) {
    const start = dataStart + entry.offset
    const bytes = file.slice(start, start + entry.byteLength)
    sections[entry.name] = viewAs(entry.type, bytes.buffer)
  }
  const { meta, sections: _table, ...header } = stored
  return { header, parts: { meta, sections } }
}

function viewAs(type: SectionType, buffer: ArrayBuffer): ModelSection {
  if (type === 'int32') return new Int32Array(buffer)
  if (type === 'float32') return new Float32Array(buffer)
  if (type === 'float64') return new Float64Array(buffer)
  return new Uint8Array(buffer)
}

function parseStored(file: Uint8Array): StoredHeader {
  const magic = new TextDecoder().decode(file.subarray(0, 8))
  if (file.length < PREFIX_BYTES || magic !== MODEL_FILE_MAGIC) {
    throw new Error(
      `This is not an Audience model file (no ${MODEL_FILE_MAGIC} signature). Choose a ${MODEL_FILE_EXTENSION} file.`,
    )
  }
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength)
  const version = view.getUint32(8, true)
  if (version < OLDEST_MODEL_FILE_VERSION || version > MODEL_FILE_VERSION) {
    throw new Error(
      `The model file has format version ${version}; this version of Audience reads versions ${OLDEST_MODEL_FILE_VERSION} to ${MODEL_FILE_VERSION}. ` +
        (version > MODEL_FILE_VERSION
          ? 'Update Audience to open it.'
          : 'Retrain the model to upgrade it.'),
    )
  }
  const jsonLength = view.getUint32(12, true)
  if (align(PREFIX_BYTES + jsonLength) + 4 > file.length) {
    throw new Error(`The model file is truncated (header incomplete). ${AGAIN}`)
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(
      new TextDecoder().decode(file.subarray(PREFIX_BYTES, PREFIX_BYTES + jsonLength)),
    )
  } catch {
    throw new Error(`The model file is damaged (unreadable header). ${AGAIN}`)
  }
  const problem = headerProblem(parsed)
  if (problem) throw new Error(`The model file's header is not valid (${problem}). ${AGAIN}`)
  return parsed as StoredHeader
}
