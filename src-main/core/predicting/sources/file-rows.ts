import { ApiError } from '../../../api/errors'
import { readTableFile, readTextFile } from '../../../../src-worker/ml/io/table-file'
import { readLines } from '../../formats/lines'

/** One data row of a CSV/JSONL file: its 1-based number and a cell getter by column name. */
export interface FileRow {
  n: number
  get(column: string): string | null
}

const cellText = (v: unknown): string | null =>
  v === null || v === undefined
    ? null
    : typeof v === 'string'
      ? v
      : typeof v === 'number' || typeof v === 'boolean'
        ? String(v)
        : JSON.stringify(v)

async function* csvRows(path: string, required: readonly string[]): AsyncGenerator<FileRow> {
  let index: Map<string, number> | null = null
  let n = 0
  // Encoding detected and delimiter sniffed as imports do (a .tsv is tab separated); a stray quote
  // is kept as text and a byte that does not decode becomes U+FFFD (counted when labelled) rather
  // than stopping a long run.
  for await (const record of readTableFile(path, { quotes: 'lenient', invalid: 'replace' })) {
    if (!index) {
      const header = record.fields.map((f, i) => (i === 0 ? f.replace(/^\uFEFF/, '') : f).trim())
      index = new Map(header.map((name, i) => [name, i]))
      const missing = required.filter((c) => !index!.has(c))
      if (missing.length > 0) {
        throw new ApiError(
          'VALIDATION',
          `Column ${missing.map((c) => `"${c}"`).join(', ')} is not in the header of ${path}. Columns: ${header.join(', ')}.`,
        )
      }
      continue
    }
    const fields = record.fields
    const columns = index
    yield { n: ++n, get: (c) => fields[columns.get(c) ?? -1] ?? null }
  }
}

async function* jsonlRows(path: string): AsyncGenerator<FileRow> {
  let n = 0
  const { chunks } = await readTextFile(path, 'auto', 'replace')
  for await (const { text, line } of readLines(chunks)) {
    if (text.trim() === '') continue
    let value: unknown
    try {
      value = JSON.parse(text)
    } catch {
      throw new ApiError(
        'VALIDATION',
        `${path} line ${line} is not JSON. Fix the line or remove it.`,
      )
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new ApiError('VALIDATION', `${path} line ${line} is not a JSON object.`)
    }
    const record = value as Record<string, unknown>
    yield { n: ++n, get: (c) => cellText(record[c]) }
  }
}

/**
 * Rows handed on per turn of the event loop: a 1 MB chunk of short rows (~20,000) otherwise parses in
 * one run of promise callbacks, and every other call waits for it.
 */
const ROWS_PER_TURN = 1000

/** Streams the data rows of a CSV/TSV/xlsx (header row first) or JSONL file. */
export async function* fileRows(
  path: string,
  format: 'csv' | 'jsonl',
  required: readonly string[],
): AsyncGenerator<FileRow> {
  let n = 0
  for await (const row of format === 'csv' ? csvRows(path, required) : jsonlRows(path)) {
    yield row
    if (++n % ROWS_PER_TURN === 0) await new Promise((resolve) => setImmediate(resolve))
  }
}
