import type { ImportColumnRole, LabelSeparator } from '../../api/contract/datasets'
import {
  COLUMN_ROLES,
  findColumn,
  guessColumn,
  positionalHeader,
  type ColumnRef,
} from '../../../src-worker/ml/io/column-roles'
import type { DelimitedRecord } from '../../../src-worker/ml/io/delimited-reader'
import { sniffLabelSeparator, splitLabels } from '../../../src-worker/ml/io/labels-cell'
import { FormatError } from './format-error'
import {
  emptyRecord,
  isPlainObject,
  problem,
  textOrNull,
  type ExportDocument,
  type ParseItem,
  type ParsedRecord,
} from './record'

/** Which column holds what: a name or 1-based position, null for none, absent to recognise it. */
export type ColumnChoice = Partial<Record<ImportColumnRole, ColumnRef | null>>

export interface TableChoice {
  columns?: ColumnChoice
  /** False when the first row is data (columns are then "Column 1", "Column 2", …). */
  header?: boolean
  labelSeparator?: LabelSeparator | 'auto'
  /** Named in messages. */
  source?: string
}

export interface CsvColumns {
  header: string[]
  hasHeader: boolean
  /** 0-based index of the column used for each role, or null. */
  roles: Record<ImportColumnRole, number | null>
  meta: number | null
  /** Columns kept in `meta` under their header name. */
  extra: number[]
  labelSeparator: LabelSeparator | null
}

/** Label cells looked at before the separator is chosen. */
const SNIFF_ROWS = 200

/**
 * Maps the header to document fields: chosen columns must exist; the others are recognised by
 * name (English and Chinese). A missing text column is allowed here (`roles.text` null) so a
 * preview can still offer the columns; `parseTableRows` refuses it.
 */
export function resolveColumns(
  header: string[],
  choice: TableChoice,
  hasHeader: boolean,
): Omit<CsvColumns, 'labelSeparator'> {
  const source = choice.source ?? 'The file'
  const wanted = choice.columns ?? {}
  const roles = {} as Record<ImportColumnRole, number | null>
  const taken = new Set<number>()
  for (const role of COLUMN_ROLES) {
    const ref = wanted[role]
    let index: number | null
    if (ref === null) index = null
    else if (ref !== undefined) index = findColumn(header, ref, ROLE_NAMES[role], source)
    else index = hasHeader ? guessColumn(header, role) : null
    if (index !== null && taken.has(index) && ref === undefined) index = null
    if (index !== null) taken.add(index)
    roles[role] = index
  }
  if (roles.text === null && !hasHeader && header.length === 1) roles.text = 0
  const extra: number[] = []
  let meta: number | null = null
  header.forEach((name, i) => {
    if (taken.has(i)) return
    if (hasHeader && name.trim().toLowerCase() === 'meta' && meta === null) meta = i
    else extra.push(i)
  })
  return { header, hasHeader, roles, meta, extra }
}

const ROLE_NAMES: Record<ImportColumnRole, string> = {
  text: 'text',
  label: 'label',
  sourceId: 'id',
  author: 'author',
  title: 'title',
  postTime: 'time',
}

export const noTextColumn = (header: string[], source: string) =>
  new FormatError(
    `No text column found in ${source}. Choose the text column (by name or position); the ` +
      `columns are: ${header.map((h, i) => `${i + 1} ${h}`).join(', ')}.`,
  )

/**
 * Rows of a CSV/TSV/xlsx table as records: the first row is the header unless `header` is false;
 * unknown columns are kept in `meta` (reported once); bad rows become `malformed-row` problems.
 */
export async function* parseTableRows(
  records: AsyncIterable<DelimitedRecord>,
  choice: TableChoice,
  onColumns?: (columns: CsvColumns) => void,
): AsyncGenerator<ParseItem> {
  const hasHeader = choice.header ?? true
  const source = choice.source ?? 'The file'
  const iterator = records[Symbol.asyncIterator]()
  const first = await iterator.next()
  if (first.done) return
  const header = hasHeader
    ? first.value.fields.map((name, i) => (i === 0 ? name.replace(/^\uFEFF/, '') : name))
    : positionalHeader(first.value.fields.length)
  const resolved = resolveColumns(header, choice, hasHeader)
  const buffered: DelimitedRecord[] = hasHeader ? [] : [first.value]
  let separator: LabelSeparator | null =
    choice.labelSeparator === undefined || choice.labelSeparator === 'auto'
      ? null
      : choice.labelSeparator
  const labelAt = resolved.roles.label
  let done = false
  if (labelAt !== null && (choice.labelSeparator ?? 'auto') === 'auto') {
    while (buffered.length < SNIFF_ROWS) {
      const next = await iterator.next()
      if (next.done) {
        done = true
        break
      }
      buffered.push(next.value)
    }
    separator = sniffLabelSeparator(buffered.map((r) => r.fields[labelAt] ?? ''))
  }
  const columns: CsvColumns = { ...resolved, labelSeparator: separator }
  onColumns?.(columns)
  if (columns.roles.text === null) throw noTextColumn(header, source)
  if (hasHeader) {
    for (const i of columns.extra) {
      const name = header[i] ?? `column ${i + 1}`
      yield problem(
        first.value.line,
        'unknown-column',
        `column "${name}" is not a document field; kept in meta`,
      )
    }
  }
  for (const row of buffered) yield* rowToItems(row, columns)
  if (done) return
  for (let next = await iterator.next(); !next.done; next = await iterator.next())
    yield* rowToItems(next.value, columns)
}

function* rowToItems(row: DelimitedRecord, columns: CsvColumns): Generator<ParseItem> {
  if (row.problem !== undefined) {
    yield problem(row.line, 'malformed-row', `${row.problem}; row skipped`)
    return
  }
  if (row.fields.length > columns.header.length) {
    const counts = `${row.fields.length} cells for ${columns.header.length} columns`
    yield problem(row.line, 'malformed-row', `${counts} (check the quotes); row skipped`)
    return
  }
  const { fields } = row
  const { roles } = columns
  const text = fields[roles.text ?? 0] ?? ''
  if (text.trim().length === 0) {
    yield problem(row.line, 'missing-text', 'empty text cell; row skipped')
    return
  }
  const record: ParsedRecord = emptyRecord(row.line, text)
  if (roles.label !== null) {
    record.labels = splitLabels(fields[roles.label] ?? '', columns.labelSeparator)
    if (record.labels.length === 0)
      yield problem(row.line, 'empty-labels', 'empty label cell; imported unlabeled')
  }
  const cell = (at: number | null) => (at === null ? null : textOrNull(fields[at] ?? ''))
  record.sourceId = cell(roles.sourceId)
  record.author = cell(roles.author)
  record.title = cell(roles.title)
  record.postTime = cell(roles.postTime)
  const meta: Record<string, unknown> = {}
  if (columns.meta !== null) Object.assign(meta, metaCell(fields[columns.meta] ?? ''))
  for (const i of columns.extra) {
    const value = fields[i] ?? ''
    if (value.length > 0) meta[columns.header[i] ?? `column_${i + 1}`] = value
  }
  record.meta = Object.keys(meta).length > 0 ? meta : null
  yield { record }
}

function metaCell(cell: string): Record<string, unknown> {
  if (cell.trim().length === 0) return {}
  try {
    const value = JSON.parse(cell) as unknown
    if (isPlainObject(value)) return value
  } catch {
    // Plain text: kept as is below.
  }
  return { meta: cell }
}

export const CSV_HEADER = ['text', 'label', 'author', 'title', 'source_id', 'post_time', 'meta']

/**
 * Labels are joined with `#`, or written as a JSON array when a label itself holds a character
 * another separator could be sniffed from (so a re-import reads the same labels).
 */
export function labelsCell(labels: string[]): string {
  return labels.some((l) => /[#|;,、]/.test(l)) ? JSON.stringify(labels) : labels.join('#')
}

/** One document as the cells of a CSV_HEADER row. */
export function csvCells(doc: ExportDocument): string[] {
  return [
    doc.text,
    labelsCell(doc.labels),
    doc.author ?? '',
    doc.title ?? '',
    doc.sourceId ?? '',
    doc.postTime ?? '',
    doc.meta === null ? '' : JSON.stringify(doc.meta),
  ]
}
