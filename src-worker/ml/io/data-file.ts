import { extname } from 'node:path'
import { ApiError } from '../../../src-main/api/errors'
import type { FieldName } from '../models/model'
import {
  describeColumns,
  findColumn,
  guessColumn,
  positionalHeader,
  type ColumnRole,
} from './column-roles'
import type { DelimitedRecord } from './delimited-reader'
import { parseLabelsCell, sniffLabelSeparator, type LabelSeparator } from './labels-cell'
import { readTableFile, readTextFile } from './table-file'
import type { TextEncoding } from './text-decoding'

export interface DataRow {
  /** 1-based line of the row in the file. */
  line: number
  id: string
  fields: Partial<Record<FieldName, string>>
  /** null when the file has no label column. */
  labels: string[] | null
  /** Every column of the row as text, for writing it back out. */
  columns: Record<string, string>
}

export interface DataFileOptions {
  /** Column holding the content field: a name or a 1-based position; recognised when absent. */
  textColumn?: string
  /** Column holding gold labels: a name or a 1-based position; recognised when absent. */
  labelColumn?: string
  /** Default `auto`: strict UTF-8, a BOM / UTF-16, else detected (Big5, GB18030, …). */
  encoding?: TextEncoding | 'auto'
  /** False when the first row is data (columns are then picked by position). */
  header?: boolean
  /** How several labels share a cell; default sniffed from the first rows. */
  labelSeparator?: LabelSeparator | 'auto'
  /** xlsx: the sheet to read (default the first). */
  sheet?: string
  /** Rows per yielded batch (at most). */
  batchSize?: number
  /** Code units of content text per yielded batch (at most, unless one row holds more). */
  batchUnits?: number
}

const FIELD_ROLES: [Exclude<FieldName, 'content'>, ColumnRole][] = [
  ['author', 'author'],
  ['title', 'title'],
  ['sourceId', 'sourceId'],
]

/** Label cells looked at before the separator is chosen. */
const SNIFF_ROWS = 200

export function isJsonLines(path: string): boolean {
  return ['.jsonl', '.ndjson'].includes(extname(path).toLowerCase())
}

interface Layout {
  names: string[]
  text: number
  label: number | null
  id: number | null
  fields: [Exclude<FieldName, 'content'>, number][]
  separator: LabelSeparator | null
}

/**
 * Streams a CSV/TSV/xlsx or JSONL data file in batches of rows, read like imports are (encoding
 * detected, delimiter sniffed, columns recognised by English or Chinese names); a malformed row
 * fails with VALIDATION naming its line.
 */
export async function* readDataRows(path: string, options: DataFileOptions = {}) {
  const batchSize = options.batchSize ?? 4096
  const batchUnits = options.batchUnits ?? Infinity
  let batch: DataRow[] = []
  let units = 0
  const rows = isJsonLines(path) ? jsonRows(path, options) : tableRows(path, options)
  for await (const row of rows) {
    const length = row.fields.content?.length ?? 0
    if (batch.length > 0 && units + length > batchUnits) {
      yield batch
      batch = []
      units = 0
    }
    batch.push(row)
    units += length
    if (batch.length >= batchSize) {
      yield batch
      batch = []
      units = 0
    }
  }
  if (batch.length > 0) yield batch
}

function layoutOf(names: string[], options: DataFileOptions, path: string, hasHeader: boolean) {
  const pick = (wanted: string | undefined, role: ColumnRole, what: string) =>
    wanted !== undefined
      ? findColumn(names, wanted, what, path)
      : hasHeader
        ? guessColumn(names, role)
        : null
  const text = pick(options.textColumn, 'text', 'text')
  if (text === null) {
    throw new ApiError(
      'VALIDATION',
      `${path} has no text column that could be recognised (columns: ${describeColumns(names)}); ` +
        'use --text-column with a name or a position.',
    )
  }
  const label = pick(options.labelColumn, 'label', 'label')
  const id = hasHeader ? guessColumn(names, 'sourceId') : null
  const fields = FIELD_ROLES.flatMap(([field, role]): [typeof field, number][] => {
    const at = hasHeader ? guessColumn(names, role) : null
    return at === null || at === text ? [] : [[field, at]]
  })
  return { names, text, label, id, fields }
}

async function* tableRows(path: string, options: DataFileOptions): AsyncGenerator<DataRow> {
  const hasHeader = options.header ?? true
  const records = readTableFile(path, {
    ...(options.encoding ? { encoding: options.encoding } : {}),
    ...(options.sheet ? { sheet: options.sheet } : {}),
  })
  const first = await records.next()
  if (first.done) return
  const names = hasHeader
    ? first.value.fields.map((name, i) => (i === 0 ? name.replace(/^\uFEFF/, '') : name).trim())
    : positionalHeader(first.value.fields.length)
  const base = layoutOf(names, options, path, hasHeader)
  const buffered: DelimitedRecord[] = hasHeader ? [] : [first.value]
  let separator: LabelSeparator | null = null
  const wanted = options.labelSeparator ?? 'auto'
  if (wanted !== 'auto') separator = wanted
  else if (base.label !== null) {
    while (buffered.length < SNIFF_ROWS) {
      const next = await records.next()
      if (next.done) break
      buffered.push(next.value)
    }
    separator = sniffLabelSeparator(buffered.map((r) => r.fields[base.label!] ?? ''))
  }
  const layout: Layout = { ...base, separator }
  for (const record of buffered) yield toRow(record, layout, path)
  for await (const record of records) yield toRow(record, layout, path)
}

function toRow(record: DelimitedRecord, layout: Layout, path: string): DataRow {
  const { line, fields: cells } = record
  if (record.problem !== undefined)
    throw new ApiError('VALIDATION', `${path} line ${line}: ${record.problem}.`)
  if (cells.length !== layout.names.length) {
    throw new ApiError(
      'VALIDATION',
      `${path} line ${line}: ${cells.length} fields, the header has ${layout.names.length}.`,
    )
  }
  const columns: Record<string, string> = {}
  layout.names.forEach((name, i) => (columns[name] = cells[i]!))
  const fields: Partial<Record<FieldName, string>> = { content: cells[layout.text] ?? '' }
  for (const [field, at] of layout.fields) fields[field] = cells[at] ?? ''
  const labels =
    layout.label === null ? null : parseLabelsCell(cells[layout.label], line, layout.separator)
  const id = layout.id === null ? String(line) : (cells[layout.id] ?? String(line))
  return { line, id, fields, labels, columns }
}

async function* jsonRows(path: string, options: DataFileOptions): AsyncGenerator<DataRow> {
  let textKey: string | null = null
  for await (const { line, columns } of jsonLineObjects(path, options.encoding ?? 'auto')) {
    if (textKey === null) {
      const candidates = options.textColumn ? [options.textColumn] : ['text', 'content']
      textKey = candidates.find((name) => name in columns) ?? null
      if (textKey === null) {
        throw new ApiError(
          'VALIDATION',
          `${path} has no ${candidates.join(' or ')} field (fields: ${Object.keys(columns).join(', ')}); use --text-column.`,
        )
      }
    }
    const fields: Partial<Record<FieldName, string>> = { content: columns[textKey] ?? '' }
    for (const [field, key] of [
      ['author', 'author'],
      ['title', 'title'],
      ['sourceId', 'sourceId'],
      ['sourceId', 'source_id'],
    ] as const) {
      if (key in columns) fields[field] = columns[key]!
    }
    const labelKey = options.labelColumn ?? 'label'
    const labels = labelKey in columns ? parseLabelsCell(columns[labelKey], line) : null
    yield { line, id: columns.id ?? String(line), fields, labels, columns }
  }
}

async function* jsonLineObjects(path: string, encoding: TextEncoding | 'auto') {
  let pending = ''
  let line = 0
  const parse = function* (text: string) {
    line++
    if (text.trim() === '') return
    let value: unknown
    try {
      value = JSON.parse(text)
    } catch (error) {
      throw new ApiError(
        'VALIDATION',
        `${path} line ${line}: not valid JSON (${(error as Error).message}).`,
      )
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new ApiError('VALIDATION', `${path} line ${line}: expected a JSON object.`)
    }
    const columns: Record<string, string> = {}
    for (const [key, cell] of Object.entries(value)) {
      columns[key] = typeof cell === 'string' ? cell : JSON.stringify(cell)
    }
    yield { line, columns }
  }
  const { chunks } = await readTextFile(path, encoding)
  for await (const chunk of chunks) {
    const lines = (pending + chunk).split('\n')
    pending = lines.pop()!
    for (const text of lines) yield* parse(text)
  }
  yield* parse(pending)
}
