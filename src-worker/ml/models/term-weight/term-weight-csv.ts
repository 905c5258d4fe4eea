import { readDelimitedText } from '../../io/delimited-reader'
import { createCsvWriter } from '../../io/csv-writer'

/**
 * One editable row of a term-weight model: the weight of a term for a label. Two reserved forms:
 * term BIAS_TERM holds a label's bias; label IDF_LABEL holds a term's idf, which sets how much
 * the term adds to a text's length (the divisor of every score).
 */
export interface TermWeight {
  label: string
  term: string
  weight: number
}

export const BIAS_TERM = '(bias)'
export const IDF_LABEL = '(idf)'

/** Raw CSV: it is read back by termWeightsFromCsv, so terms stay exactly as they are. */
export function termWeightsToCsv(rows: readonly TermWeight[]): string {
  const csv = createCsvWriter({ flavour: 'raw' })
  return (
    csv.row(['label', 'term', 'weight']) +
    rows.map((r) => csv.row([r.label, r.term, String(r.weight)])).join('')
  )
}

/**
 * Parses `label,term,weight` CSV (header required); bad rows fail with their line number. Terms
 * are kept exactly (a CJK run's edge terms begin or end with a space); labels are trimmed.
 */
export function termWeightsFromCsv(text: string, source: string): TermWeight[] {
  const records = readDelimitedText(text, source)
  const header = records.shift()?.fields.map((name) => name.trim().toLowerCase()) ?? []
  const column = (name: string) => {
    const at = header.indexOf(name)
    if (at < 0) throw new Error(`${source}: the header needs label, term and weight columns.`)
    return at
  }
  const [labelAt, termAt, weightAt] = [column('label'), column('term'), column('weight')]
  return records.map(({ line, fields }) => {
    const label = fields[labelAt]?.trim() ?? ''
    const term = fields[termAt] ?? ''
    const cell = fields[weightAt]?.trim() ?? ''
    const weight = Number(cell)
    if (label === '' || term.trim() === '')
      throw new Error(`${source} line ${line}: label and term are required.`)
    if (term.includes('\n'))
      throw new Error(`${source} line ${line}: a term cannot contain a line break.`)
    if (cell === '' || !Number.isFinite(weight)) {
      throw new Error(`${source} line ${line}: weight must be a number.`)
    }
    if (label === IDF_LABEL && weight <= 0) {
      throw new Error(`${source} line ${line}: an ${IDF_LABEL} weight must be above 0.`)
    }
    return { label, term, weight }
  })
}
