import type { CsvFlavour } from '../../api/contract/common'
import type { EvaluationRow } from '../../api/contract/models'
import { createCsvWriter } from '../../../src-worker/ml/io/csv-writer'

const HEADER = ['id', 'document_id', 'text', 'gold', 'predicted', 'correct', 'scores', 'matches']

/** Validation details as CSV, one row per evaluated document; label lists joined by `#`. */
export function evaluationRowsCsv(rows: readonly EvaluationRow[], flavour: CsvFlavour): string {
  const csv = createCsvWriter({ flavour })
  const lines = [csv.start, csv.row(HEADER)]
  for (const row of rows) {
    lines.push(
      csv.row([
        row.id,
        row.documentId === null ? '' : String(row.documentId),
        row.text,
        row.gold.join('#'),
        row.predicted.join('#'),
        row.correct ? 'true' : 'false',
        JSON.stringify(row.scores),
        row.matches.join(' | '),
      ]),
    )
  }
  return lines.join('')
}
