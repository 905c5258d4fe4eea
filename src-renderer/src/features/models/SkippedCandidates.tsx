import { useId } from 'react'
import type { ModelSelection } from '@api/contract/models'
import { numeric, TableHead } from '../../components/TableHead'

const REASONS = {
  budget: 'Its estimated work did not fit the rest of the budget',
  cpu: 'Safety stop: the search used three times its budget in CPU time',
} as const

const millions = (units: number) => `${(units / 1e6).toFixed(1)}M`

/**
 * The candidates automatic selection planned but left untried. Work is estimated from the data,
 * not timed, so the same data and budget try the same candidates on a busy machine too.
 */
export function SkippedCandidates({ selection }: { selection: ModelSelection }) {
  const titleId = useId()
  const skipped = selection.skippedCandidates ?? []
  if (selection.method !== 'auto' || skipped.length === 0) return null
  return (
    <section className="panel" aria-labelledby={titleId}>
      <h3 id={titleId}>Candidates left untried</h3>
      <p className="hint">
        Work is estimated from the training documents (terms × labels × folds), not timed: the same
        documents and budget ({millions(selection.budgetUnits ?? 0)} units) try the same candidates
        however busy the machine is.
      </p>
      <table className="md-table" aria-labelledby={titleId}>
        <TableHead columns={['Candidate', numeric('Work (units)'), 'Why']} />
        <tbody>
          {skipped.map((s) => (
            <tr key={s.title}>
              <td>{s.title}</td>
              <td className="md-num">{millions(s.workUnits)}</td>
              <td>{REASONS[s.reason]}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}
