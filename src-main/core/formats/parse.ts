import type { CsvDelimiter, DatasetFormat } from '../../api/contract/datasets'
import { DelimitedReader, type DelimitedRecord } from '../../../src-worker/ml/io/delimited-reader'
import {
  inBatches,
  parseTableBatches,
  parseTableRows,
  type CsvColumns,
  type TableChoice,
} from './csv-format'
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

/**
 * Parses an opened source (decoded text, or xlsx rows) in the given format, streaming, in batches
 * (a CSV/TSV chunk's rows together; up to 1,000 items in other formats).
 */
export function parseContent(
  format: DatasetFormat,
  content: SourceContent,
  options: ParseOptions = {},
): AsyncGenerator<ParseItem[]> {
  if (content.kind === 'rows')
    return parseTableBatches(inBatches(content.rows), options, options.onColumns)
  if (format === 'csv' || format === 'tsv' || format === 'xlsx')
    return parseTableBatches(
      delimitedBatches(format, content.chunks, options),
      options,
      options.onColumns,
    )
  return inBatches(parseText(format, content.chunks, options))
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

/** CSV/TSV records from text chunks, one by one. */
async function* delimitedRecords(
  format: DatasetFormat,
  chunks: AsyncIterable<string>,
  options: ParseOptions,
): AsyncGenerator<DelimitedRecord> {
  for await (const records of delimitedBatches(format, chunks, options)) yield* records
}

/**
 * Characters parsed at a time: a 1 MB chunk's records all at once outlived a young generation of
 * 2.7 MB (the import reader's), so every scavenge copied them.
 */
const PIECE = 64 * 1024

/**
 * CSV/TSV records from text chunks, those of each 64k-character piece together (never an empty
 * batch); a `.csv` may still be tab or semicolon separated (sniffed).
 */
export async function* delimitedBatches(
  format: DatasetFormat,
  chunks: AsyncIterable<string>,
  options: ParseOptions,
): AsyncGenerator<DelimitedRecord[]> {
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
    for (let at = 0; at < chunk.length; at += PIECE) {
      const records = reader.push(
        at === 0 && chunk.length <= PIECE ? chunk : chunk.slice(at, at + PIECE),
      )
      tell()
      if (records.length > 0) yield records
    }
  }
  const rest = reader.end()
  tell()
  if (rest.length > 0) yield rest
}
