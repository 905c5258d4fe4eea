import type { CsvDelimiter, DatasetFormat } from '../../api/contract/datasets'
import { DelimitedReader, type DelimitedRecord } from '../../../src-worker/ml/io/delimited-reader'
import { parseTableRows, type CsvColumns, type TableChoice } from './csv-format'
import { parseDoccanoJson, parseDoccanoJsonl } from './doccano'
import { parseFastText } from './fasttext'
import { readJsonArrayElements } from './json-array'
import { parseLabelStudio } from './label-studio'
import { readLines } from './lines'
import { parsePlainText } from './plain-text'
import type { ParseItem, SourceContent } from './record'

export interface ParseOptions extends TableChoice {
  delimiter?: CsvDelimiter | 'auto'
  quotes?: 'strict' | 'lenient'
  onColumns?: (columns: CsvColumns) => void
  /** Called once the CSV/TSV delimiter is known. */
  onDelimiter?: (delimiter: CsvDelimiter) => void
}

/** Parses an opened source (decoded text, or xlsx rows) in the given format, streaming. */
export function parseContent(
  format: DatasetFormat,
  content: SourceContent,
  options: ParseOptions = {},
): AsyncGenerator<ParseItem> {
  if (content.kind === 'rows') return parseTableRows(content.rows, options, options.onColumns)
  return parseText(format, content.chunks, options)
}

/** Parses decoded text chunks in the given format, streaming. */
export function parseText(
  format: DatasetFormat,
  chunks: AsyncIterable<string>,
  options: ParseOptions = {},
): AsyncGenerator<ParseItem> {
  switch (format) {
    case 'doccano-jsonl':
      return parseDoccanoJsonl(readLines(chunks))
    case 'doccano-json':
      return parseDoccanoJson(readJsonArrayElements(chunks))
    case 'label-studio':
      return parseLabelStudio(readJsonArrayElements(chunks))
    case 'fasttext':
      return parseFastText(readLines(chunks))
    case 'text':
      return parsePlainText(readLines(chunks))
    case 'csv':
    case 'tsv':
    case 'xlsx':
      return parseTableRows(delimitedRecords(format, chunks, options), options, options.onColumns)
  }
}

/** CSV/TSV records from text chunks; a `.csv` may still be tab or semicolon separated (sniffed). */
export async function* delimitedRecords(
  format: DatasetFormat,
  chunks: AsyncIterable<string>,
  options: ParseOptions,
): AsyncGenerator<DelimitedRecord> {
  const wanted = options.delimiter ?? 'auto'
  const reader = new DelimitedReader({
    delimiter: wanted === 'auto' && format === 'tsv' ? '\t' : wanted,
    quotes: options.quotes ?? 'strict',
    ...(options.source !== undefined ? { source: options.source } : {}),
  })
  let told = false
  const tell = () => {
    if (told || reader.delimiter === null) return
    told = true
    options.onDelimiter?.(reader.delimiter)
  }
  for await (const chunk of chunks) {
    const records = reader.push(chunk)
    tell()
    yield* records
  }
  const rest = reader.end()
  tell()
  yield* rest
}
