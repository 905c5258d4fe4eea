import type { CsvFlavour } from '../../api/contract/common'
import type { DatasetFormat } from '../../api/contract/datasets'
import { createCsvWriter, type CsvDelimiter } from '../../../src-worker/ml/io/csv-writer'
import { CSV_HEADER, csvCells } from './csv-format'
import { doccanoObject } from './doccano'
import { fastTextLine, oneLine } from './fasttext'
import { labelStudioTask } from './label-studio'
import type { ExportDocument } from './record'

/** Writes one format as text pieces: `begin`, one `document` per doc (index from 0), `end`. */
export interface FormatWriter {
  begin(): string
  document(doc: ExportDocument, index: number): string
  end(): string
}

const jsonArray = (toObject: (doc: ExportDocument) => unknown): FormatWriter => ({
  begin: () => '[\n',
  document: (doc, index) => (index > 0 ? ',\n' : '') + JSON.stringify(toObject(doc)),
  end: () => '\n]\n',
})

const lineBased = (toLine: (doc: ExportDocument) => string): FormatWriter => ({
  begin: () => '',
  document: (doc) => toLine(doc) + '\n',
  end: () => '',
})

const csvBased = (delimiter: CsvDelimiter, flavour: CsvFlavour): FormatWriter => {
  const csv = createCsvWriter({ flavour, delimiter })
  return {
    begin: () => csv.start + csv.row(CSV_HEADER),
    document: (doc) => csv.row(csvCells(doc)),
    end: () => '',
  }
}

/** `csvFlavour` applies to csv and tsv only. */
export function createWriter(format: DatasetFormat, csvFlavour: CsvFlavour): FormatWriter {
  switch (format) {
    case 'doccano-jsonl':
      return lineBased((doc) => JSON.stringify(doccanoObject(doc)))
    case 'doccano-json':
      return jsonArray(doccanoObject)
    case 'label-studio':
      return jsonArray(labelStudioTask)
    case 'csv':
      return csvBased(',', csvFlavour)
    case 'tsv':
      return csvBased('\t', csvFlavour)
    case 'fasttext':
      return lineBased(fastTextLine)
    case 'text':
      return lineBased((doc) => oneLine(doc.text))
    case 'xlsx':
      throw new Error('xlsx is written by createXlsxWriter, not as text')
  }
}
