import type { DatasetFormat } from '../../api/contract/datasets'
import { readCsvRecords, sniffDelimiter } from './csv'
import { parseCsvRows, type CsvColumnChoice, type CsvColumns } from './csv-format'
import { parseDoccanoJson, parseDoccanoJsonl } from './doccano'
import { parseFastText } from './fasttext'
import { readJsonArrayElements } from './json-array'
import { parseLabelStudio } from './label-studio'
import { readLines } from './lines'
import { parsePlainText } from './plain-text'
import type { ParseItem } from './record'

export interface ParseOptions extends CsvColumnChoice {
  onColumns?: (columns: CsvColumns) => void
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
      return parseDelimited(format, chunks, options)
  }
}

async function* parseDelimited(
  format: 'csv' | 'tsv',
  chunks: AsyncIterable<string>,
  options: ParseOptions,
): AsyncGenerator<ParseItem> {
  const lines = readLines(chunks)
  const first = await lines.next()
  if (first.done) return
  // A .csv file may still be tab separated (Excel "Unicode text"): trust the header.
  const delimiter = format === 'tsv' ? '\t' : sniffDelimiter(first.value.text)
  async function* withFirst() {
    yield first.value as { text: string; line: number }
    yield* lines
  }
  yield* parseCsvRows(readCsvRecords(withFirst(), delimiter), options, options.onColumns)
}
