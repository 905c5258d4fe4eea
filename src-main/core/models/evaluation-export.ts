import type { CsvFlavour } from '../../api/contract/common'
import type { EvaluationRow } from '../../api/contract/models'
import { createCsvWriter } from '../../../src-worker/ml/io/csv-writer'
import { assertFitsXlsx, createXlsxWriter } from '../../../src-worker/ml/io/xlsx'

const HEADER = ['id', 'document_id', 'text', 'gold', 'predicted', 'correct', 'scores', 'matches']

/** One evaluated document's cells, in HEADER order; label lists joined by `#`. */
const cellsOf = (row: EvaluationRow): string[] => [
  row.id,
  row.documentId === null ? '' : String(row.documentId),
  row.text,
  row.gold.join('#'),
  row.predicted.join('#'),
  row.correct ? 'true' : 'false',
  JSON.stringify(row.scores),
  row.matches.join(' | '),
]

/** Validation details as CSV, one row per evaluated document. */
export function evaluationRowsCsv(rows: readonly EvaluationRow[], flavour: CsvFlavour): string {
  const csv = createCsvWriter({ flavour })
  const lines = [csv.start, csv.row(HEADER)]
  for (const row of rows) lines.push(csv.row(cellsOf(row)))
  return lines.join('')
}

/**
 * Validation details as an .xlsx workbook at `path` (the same columns as the CSV), written through
 * the streaming exceljs writer; refused before anything is written past Excel's row limit.
 */
export async function writeEvaluationXlsx(
  path: string,
  rows: readonly EvaluationRow[],
  partSuffix: string,
): Promise<void> {
  assertFitsXlsx(rows.length, 'This evaluation')
  const xlsx = await createXlsxWriter(path, 'validation', partSuffix)
  try {
    await xlsx.row(HEADER)
    for (const row of rows) await xlsx.row(cellsOf(row))
    await xlsx.commit()
  } catch (error) {
    xlsx.abort()
    throw error
  }
}
