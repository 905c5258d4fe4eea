import { readDelimitedText } from '../../io/delimited-reader'
import { createCsvWriter } from '../../io/csv-writer'

/** One editable row of a term-weight model: the weight (0..1) of a term for a label. */
export interface TermWeight {
  label: string
  term: string
  weight: number
}

/** Raw CSV: it is read back by termWeightsFromCsv, so terms stay exactly as they are. */
export function termWeightsToCsv(rows: readonly TermWeight[]): string {
  const csv = createCsvWriter({ flavour: 'raw' })
  return (
    csv.row(['label', 'term', 'weight']) +
    rows.map((r) => csv.row([r.label, r.term, String(r.weight)])).join('')
  )
}

/** Parses `label,term,weight` CSV (header required); bad rows fail with their line number. */
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
    const term = fields[termAt]?.trim() ?? ''
    const weight = Number(fields[weightAt])
    if (label === '' || term === '')
      throw new Error(`${source} line ${line}: label and term are required.`)
    if (term.includes('\n'))
      throw new Error(`${source} line ${line}: a term cannot contain a line break.`)
    if (!Number.isFinite(weight) || weight < 0 || weight > 1) {
      throw new Error(`${source} line ${line}: weight must be a number from 0 to 1.`)
    }
    return { label, term, weight }
  })
}
