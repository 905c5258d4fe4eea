import { createReadStream } from 'node:fs'
import { extname } from 'node:path'
import type { FieldName } from '../models/model'
import { CsvParser, type CsvRecord } from './csv-parser'
import { parseLabelsCell } from './labels-cell'

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
  /** Column holding the content field; default text (falls back to content). */
  textColumn?: string
  /** Column holding gold labels; default label. */
  labelColumn?: string
  /** Rows per yielded batch. */
  batchSize?: number
}

const FIELD_COLUMNS: Record<Exclude<FieldName, 'content'>, string[]> = {
  author: ['author'],
  title: ['title'],
  sourceId: ['sourceId', 'source_id'],
}

export function isJsonLines(path: string): boolean {
  return ['.jsonl', '.ndjson'].includes(extname(path).toLowerCase())
}

/** Streams a CSV or JSONL data file in batches of rows; a malformed row fails with its line. */
export async function* readDataRows(path: string, options: DataFileOptions = {}) {
  const batchSize = options.batchSize ?? 4096
  const records = isJsonLines(path) ? jsonLineObjects(path) : csvObjects(path)
  let batch: DataRow[] = []
  let textColumn: string | null = null
  for await (const { line, columns } of records) {
    textColumn ??= pickTextColumn(columns, options.textColumn, path)
    batch.push(toRow(line, columns, textColumn, options.labelColumn ?? 'label'))
    if (batch.length >= batchSize) {
      yield batch
      batch = []
    }
  }
  if (batch.length > 0) yield batch
}

function pickTextColumn(columns: Record<string, string>, wanted: string | undefined, path: string) {
  const candidates = wanted ? [wanted] : ['text', 'content']
  const found = candidates.find((name) => name in columns)
  if (found) return found
  const names = Object.keys(columns).join(', ')
  throw new Error(
    `${path} has no ${candidates.join(' or ')} column (columns: ${names}); use --text-column.`,
  )
}

function toRow(
  line: number,
  columns: Record<string, string>,
  textColumn: string,
  labelColumn: string,
) {
  const fields: Partial<Record<FieldName, string>> = { content: columns[textColumn] ?? '' }
  for (const [field, names] of Object.entries(FIELD_COLUMNS)) {
    const name = names.find((n) => n in columns)
    if (name !== undefined) fields[field as FieldName] = columns[name]!
  }
  const labels = labelColumn in columns ? parseLabelsCell(columns[labelColumn], line) : null
  const id = columns.id ?? String(line)
  return { line, id, fields, labels, columns } satisfies DataRow
}

async function* textChunks(path: string): AsyncGenerator<string> {
  let first = true
  for await (const chunk of createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
    const text = chunk as string
    yield first && text.startsWith('\uFEFF') ? text.slice(1) : text
    first = false
  }
}

async function* csvObjects(path: string) {
  const parser = new CsvParser()
  let header: string[] | null = null
  const objects = function* (records: CsvRecord[]) {
    for (const record of records) {
      if (header === null) {
        header = record.fields.map((name) => name.trim())
        continue
      }
      if (record.fields.length !== header.length) {
        const found = record.fields.length
        throw new Error(
          `${path} line ${record.line}: ${found} fields, the header has ${header.length}.`,
        )
      }
      const columns: Record<string, string> = {}
      header.forEach((name, i) => (columns[name] = record.fields[i]!))
      yield { line: record.line, columns }
    }
  }
  for await (const chunk of textChunks(path)) yield* objects(parser.push(chunk))
  yield* objects(parser.end())
}

async function* jsonLineObjects(path: string) {
  let pending = ''
  let line = 0
  const parse = function* (text: string) {
    line++
    if (text.trim() === '') return
    let value: unknown
    try {
      value = JSON.parse(text)
    } catch (error) {
      throw new Error(`${path} line ${line}: not valid JSON (${(error as Error).message}).`)
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new Error(`${path} line ${line}: expected a JSON object.`)
    }
    const columns: Record<string, string> = {}
    for (const [key, cell] of Object.entries(value)) {
      columns[key] = typeof cell === 'string' ? cell : JSON.stringify(cell)
    }
    yield { line, columns }
  }
  for await (const chunk of textChunks(path)) {
    const lines = (pending + chunk).split('\n')
    pending = lines.pop()!
    for (const text of lines) yield* parse(text)
  }
  yield* parse(pending)
}
