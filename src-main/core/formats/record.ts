import type { ImportProblem } from '../../api/contract/datasets'
import type { DelimitedRecord } from '../../../src-worker/ml/io/delimited-reader'
import { splitLabels } from '../../../src-worker/ml/io/labels-cell'

/** One document as read from a file, before it meets a dataset. */
export interface ParsedRecord {
  line: number
  text: string
  labels: string[]
  author: string | null
  title: string | null
  sourceId: string | null
  postTime: string | null
  meta: Record<string, unknown> | null
  /** Model predictions carried by the file (Label Studio `predictions`). */
  suggestions: { label: string; score: number | null }[]
}

/** A parser yields records and problems in file order. */
export type ParseItem = { record: ParsedRecord } | { problem: ImportProblem }

/** One document as written to a file. */
export interface ExportDocument {
  text: string
  labels: string[]
  author: string | null
  title: string | null
  sourceId: string | null
  postTime: string | null
  meta: Record<string, unknown> | null
  suggestions: { label: string; score: number | null }[]
}

const FIELD_ALIASES = {
  author: ['author', 'user', 'username'],
  title: ['title', 'subject'],
  sourceId: ['source_id', 'sourceid', 'source'],
  postTime: ['post_time', 'posttime', 'time', 'date', 'created_at'],
} as const

export type DocumentField = keyof typeof FIELD_ALIASES

/** Which optional document field a column or JSON key names, if any. */
export function documentFieldOf(key: string): DocumentField | null {
  const k = key.trim().toLowerCase()
  for (const field of Object.keys(FIELD_ALIASES) as DocumentField[]) {
    if ((FIELD_ALIASES[field] as readonly string[]).includes(k)) return field
  }
  return null
}

/** Labels from a JSON value: a list, or a string (with `#` / `|` separators or a JSON array). */
export function labelsFrom(value: unknown): string[] {
  if (value === null || value === undefined) return []
  if (Array.isArray(value)) return unique(value.flatMap((v) => labelsFrom(v)))
  if (typeof value === 'number' || typeof value === 'boolean') return [String(value)]
  if (typeof value !== 'string') return []
  return splitLabels(value, null)
}

const unique = (labels: string[]) => [...new Set(labels)]

export const textOrNull = (value: unknown): string | null => {
  if (value === null || value === undefined) return null
  const text = typeof value === 'string' ? value : JSON.stringify(value)
  return text.length > 0 ? text : null
}

export function emptyRecord(line: number, text: string): ParsedRecord {
  return {
    line,
    text,
    labels: [],
    author: null,
    title: null,
    sourceId: null,
    postTime: null,
    meta: null,
    suggestions: [],
  }
}

/** Fills a record from a JSON object's keys: known fields, `meta`, and the rest into meta. */
export function recordFromObject(
  line: number,
  text: string,
  labels: string[],
  object: Record<string, unknown>,
  consumed: readonly string[],
): ParsedRecord {
  const record = { ...emptyRecord(line, text), labels }
  const meta: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(object)) {
    if (consumed.includes(key)) continue
    const field = documentFieldOf(key)
    if (field) record[field] = textOrNull(value)
    else if (key === 'meta' && isPlainObject(value)) Object.assign(meta, value)
    else meta[key] = value
  }
  record.meta = Object.keys(meta).length > 0 ? meta : null
  return record
}

export const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

export const problem = (
  line: number,
  kind: ImportProblem['kind'],
  message: string,
): { problem: ImportProblem } => ({ problem: { line, kind, message } })

/** What a file holds once opened: decoded text, or (xlsx) rows of cells. */
export type SourceContent =
  | { kind: 'text'; chunks: AsyncIterable<string> }
  | {
      kind: 'rows'
      rows: AsyncIterable<DelimitedRecord>
      sheet: () => string
      sheets: () => string[]
    }
