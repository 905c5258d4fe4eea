import type { EvaluationRow } from '../../api/contract/models'
import { formatCsvRow } from '../../../src-worker/ml/io/csv-parser'

const HEADER = ['id', 'document_id', 'text', 'gold', 'predicted', 'correct', 'scores', 'matches']

/** Validation details as CSV (RFC 4180), one row per evaluated document; label lists joined by `#`. */
export function evaluationRowsCsv(rows: readonly EvaluationRow[]): string {
  const lines = [formatCsvRow(HEADER)]
  for (const row of rows) {
    lines.push(
      formatCsvRow([
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
