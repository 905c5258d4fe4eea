import { createReadStream } from 'node:fs'
import { extname } from 'node:path'
import { DelimitedReader, type DelimitedRecord, type Delimiter } from './delimited-reader'
import { decodeStream, type TextEncoding } from './text-decoding'
import { isXlsxPath, readXlsxRows } from './xlsx'

export interface TableFileOptions {
  /** Default `auto` (strict UTF-8, BOM/UTF-16, then detected). */
  encoding?: TextEncoding | 'auto'
  /** Default: tab for .tsv/.tab files, otherwise sniffed. */
  delimiter?: Delimiter | 'auto'
  quotes?: 'strict' | 'lenient'
  /** What a byte that does not decode becomes (see DecodeOptions.invalid). */
  invalid?: 'fail' | 'replace'
  /** xlsx: the sheet to read (default the first). */
  sheet?: string
}

/** Decoded text chunks of a file (1 MB reads), strictly, in the given or detected encoding. */
export async function readTextFile(
  path: string,
  encoding: TextEncoding | 'auto' = 'auto',
  invalid: 'fail' | 'replace' = 'fail',
): Promise<{ encoding: TextEncoding; chunks: AsyncGenerator<string> }> {
  const stream = createReadStream(path, { highWaterMark: 1 << 20 })
  try {
    return await decodeStream(stream as AsyncIterable<Buffer>, { encoding, source: path, invalid })
  } catch (error) {
    stream.destroy()
    throw error
  }
}

/**
 * The records of a CSV/TSV or .xlsx file, header row first, through the one delimited reader
 * (or exceljs for workbooks), decoded like imports are.
 */
export async function* readTableFile(
  path: string,
  options: TableFileOptions = {},
): AsyncGenerator<DelimitedRecord> {
  if (isXlsxPath(path)) {
    yield* readXlsxRows(path, options.sheet, path).rows
    return
  }
  const tabs = ['.tsv', '.tab'].includes(extname(path).toLowerCase())
  const wanted = options.delimiter ?? 'auto'
  const reader = new DelimitedReader({
    delimiter: wanted === 'auto' && tabs ? '\t' : wanted,
    quotes: options.quotes ?? 'strict',
    source: path,
  })
  const { chunks } = await readTextFile(path, options.encoding, options.invalid)
  for await (const chunk of chunks) yield* reader.push(chunk)
  yield* reader.end()
}
