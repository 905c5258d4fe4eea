import { FormatError } from './format-error'
import type { CsvRecord } from './csv'
import {
  documentFieldOf,
  emptyRecord,
  isPlainObject,
  LABEL_ALIASES,
  labelsFrom,
  problem,
  TEXT_ALIASES,
  textOrNull,
  type DocumentField,
  type ExportDocument,
  type ParseItem,
  type ParsedRecord,
} from './record'

export interface CsvColumnChoice {
  /** Header name (case-insensitive) or 0-based index as text; guessed from common names when absent. */
  textColumn?: string | undefined
  labelColumn?: string | undefined
}

export interface CsvColumns {
  header: string[]
  text: number
  label: number | null
  fields: Map<number, DocumentField>
  meta: number | null
  /** Columns kept in `meta` under their header name. */
  extra: number[]
}

/** Maps the header to document fields; an explicit column that does not exist is an error. */
export function resolveColumns(header: string[], choice: CsvColumnChoice): CsvColumns {
  const names = header.map((h) => h.trim().toLowerCase())
  const find = (wanted: string | undefined, aliases: string[], role: string): number | null => {
    if (wanted !== undefined) {
      const index = /^\d+$/.test(wanted)
        ? Number(wanted)
        : names.indexOf(wanted.trim().toLowerCase())
      if (index < 0 || index >= header.length) {
        throw new FormatError(
          `There is no ${role} column "${wanted}". The columns are: ${header.join(', ')}.`,
        )
      }
      return index
    }
    const index = names.findIndex((n) => aliases.includes(n))
    return index >= 0 ? index : null
  }
  const text = find(choice.textColumn, TEXT_ALIASES, 'text')
  if (text === null) {
    throw new FormatError(
      `No text column found. Choose one with textColumn; the columns are: ${header.join(', ')}.`,
    )
  }
  const label = find(choice.labelColumn, LABEL_ALIASES, 'label')
  const fields = new Map<number, DocumentField>()
  const extra: number[] = []
  let meta: number | null = null
  header.forEach((name, i) => {
    if (i === text || i === label) return
    const field = documentFieldOf(name)
    if (field && ![...fields.values()].includes(field)) fields.set(i, field)
    else if (name.trim().toLowerCase() === 'meta' && meta === null) meta = i
    else extra.push(i)
  })
  return { header, text, label, fields, meta, extra }
}

/** CSV/TSV rows (after the header) as records; unknown columns are kept in `meta` and reported once. */
export async function* parseCsvRows(
  records: AsyncIterable<CsvRecord>,
  choice: CsvColumnChoice,
  onColumns?: (columns: CsvColumns) => void,
): AsyncGenerator<ParseItem> {
  let columns: CsvColumns | null = null
  for await (const row of records) {
    if (!columns) {
      columns = resolveColumns(row.fields, choice)
      onColumns?.(columns)
      for (const i of columns.extra) {
        const name = columns.header[i] ?? `column ${i + 1}`
        yield problem(
          row.line,
          'unknown-column',
          `column "${name}" is not a document field; kept in meta`,
        )
      }
      continue
    }
    if (row.fields.length > columns.header.length) {
      const counts = `${row.fields.length} cells for ${columns.header.length} columns`
      yield problem(row.line, 'malformed-row', `${counts} (check the quotes); row skipped`)
      continue
    }
    yield* rowToRecord(row, columns)
  }
}

function* rowToRecord({ fields, line }: CsvRecord, columns: CsvColumns): Generator<ParseItem> {
  const text = fields[columns.text] ?? ''
  if (text.trim().length === 0) {
    yield problem(line, 'missing-text', 'empty text cell; row skipped')
    return
  }
  const record: ParsedRecord = emptyRecord(line, text)
  if (columns.label !== null) {
    record.labels = labelsFrom(fields[columns.label] ?? '')
    if (record.labels.length === 0)
      yield problem(line, 'empty-labels', 'empty label cell; imported unlabeled')
  }
  for (const [i, field] of columns.fields) record[field] = textOrNull(fields[i] ?? '')
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

/** Labels are joined with `#`, or written as a JSON array when a label itself holds `#` or `|`. */
export function labelsCell(labels: string[]): string {
  return labels.some((l) => /[#|]/.test(l)) ? JSON.stringify(labels) : labels.join('#')
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
