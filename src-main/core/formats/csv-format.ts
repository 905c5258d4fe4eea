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
  for await (const items of parseTableBatches(inBatches(records), choice, onColumns)) yield* items
}

/** Items per batch when a source gives them one by one (xlsx rows, JSON records). */
const ROWS_PER_BATCH = 1000

/** Items one by one, gathered into batches. */
export async function* inBatches<T>(items: AsyncIterable<T>): AsyncGenerator<T[]> {
  let batch: T[] = []
  for await (const item of items) {
    if (batch.push(item) >= ROWS_PER_BATCH) {
      yield batch
      batch = []
    }
  }
  if (batch.length > 0) yield batch
}

/**
 * `parseTableRows` over batches of rows (as a CSV reader parses them per chunk), yielding the items
 * of each batch together: one asynchronous step per batch rather than per row.
 */
export async function* parseTableBatches(
  batches: AsyncIterable<DelimitedRecord[]>,
  choice: TableChoice,
  onColumns?: (columns: CsvColumns) => void,
): AsyncGenerator<ParseItem[]> {
  const iterator = batches[Symbol.asyncIterator]()
  const rows: DelimitedRecord[] = []
  await readRows(iterator, rows, 1)
  const first = rows[0]
  if (first === undefined) return
  const hasHeader = choice.header ?? true
  const header = hasHeader
    ? first.fields.map((name, i) => (i === 0 ? name.replace(/^\uFEFF/, '') : name))
    : positionalHeader(first.fields.length)
  const resolved = resolveColumns(header, choice, hasHeader)
  const body = hasHeader ? rows.slice(1) : rows
  const labelSeparator = await labelSeparatorOf(resolved.roles.label, choice, iterator, body)
  const columns: CsvColumns = { ...resolved, labelSeparator }
  onColumns?.(columns)
  if (columns.roles.text === null) throw noTextColumn(header, choice.source ?? 'The file')
  const items = hasHeader ? unknownColumns(first, columns) : []
  for (const row of body) rowToItems(row, columns, items)
  yield items
  for (let next = await iterator.next(); !next.done; next = await iterator.next())
    yield rowsToItems(next.value, columns)
}

/** Adds batches to `rows` until it holds `count` rows or the batches end. */
async function readRows(
  iterator: AsyncIterator<DelimitedRecord[]>,
  rows: DelimitedRecord[],
  count: number,
): Promise<void> {
  while (rows.length < count) {
    const next = await iterator.next()
    if (next.done) return
    for (const row of next.value) rows.push(row)
  }
}

/** The chosen label separator, or the one the first label cells hold (reading them into `body`). */
async function labelSeparatorOf(
  labelAt: number | null,
  choice: TableChoice,
  iterator: AsyncIterator<DelimitedRecord[]>,
  body: DelimitedRecord[],
): Promise<LabelSeparator | null> {
  const wanted = choice.labelSeparator ?? 'auto'
  if (wanted !== 'auto') return wanted
  if (labelAt === null) return null
  await readRows(iterator, body, SNIFF_ROWS)
  return sniffLabelSeparator(body.slice(0, SNIFF_ROWS).map((r) => r.fields[labelAt] ?? ''))
}

function unknownColumns(header: DelimitedRecord, columns: CsvColumns): ParseItem[] {
  return columns.extra.map((i) => {
    const name = columns.header[i] ?? `column ${i + 1}`
    return problem(
      header.line,
      'unknown-column',
      `column "${name}" is not a document field; kept in meta`,
    )
  })
}

function rowsToItems(rows: DelimitedRecord[], columns: CsvColumns): ParseItem[] {
  const items: ParseItem[] = []
  for (const row of rows) rowToItems(row, columns, items)
  return items
}

function rowToItems(row: DelimitedRecord, columns: CsvColumns, items: ParseItem[]): void {
  if (row.problem !== undefined) {
    items.push(problem(row.line, 'malformed-row', `${row.problem}; row skipped`))
    return
  }
  if (row.fields.length > columns.header.length) {
    const counts = `${row.fields.length} cells for ${columns.header.length} columns`
    items.push(problem(row.line, 'malformed-row', `${counts} (check the quotes); row skipped`))
    return
  }
  const { fields } = row
  const { roles } = columns
  const text = fields[roles.text ?? 0] ?? ''
  if (text.trim().length === 0) {
    items.push(problem(row.line, 'missing-text', 'empty text cell; row skipped'))
    return
  }
  const record: ParsedRecord = emptyRecord(row.line, text)
  if (roles.label !== null) {
    record.labels = splitLabels(fields[roles.label] ?? '', columns.labelSeparator)
    if (record.labels.length === 0)
      items.push(problem(row.line, 'empty-labels', 'empty label cell; imported unlabeled'))
  }
  record.sourceId = cellAt(fields, roles.sourceId)
  record.author = cellAt(fields, roles.author)
  record.title = cellAt(fields, roles.title)
  record.postTime = cellAt(fields, roles.postTime)
  if (columns.meta !== null || columns.extra.length > 0) record.meta = rowMeta(fields, columns)
  items.push({ record })
}

const cellAt = (fields: string[], at: number | null) =>
  at === null ? null : textOrNull(fields[at] ?? '')

/** The `meta` column's object and the unknown columns' cells, or null for none. */
function rowMeta(fields: string[], columns: CsvColumns): Record<string, unknown> | null {
  const meta: Record<string, unknown> = {}
  if (columns.meta !== null) Object.assign(meta, metaCell(fields[columns.meta] ?? ''))
  for (const i of columns.extra) {
    const value = fields[i] ?? ''
    if (value.length > 0) meta[columns.header[i] ?? `column_${i + 1}`] = value
  }
  return Object.keys(meta).length > 0 ? meta : null
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
