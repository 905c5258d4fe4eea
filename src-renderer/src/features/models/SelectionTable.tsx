import { useId } from 'react'
import type { ModelSelection } from '@api/contract/models'

const score = (value: number) => value.toFixed(4)

/** How the version's model was chosen: each candidate's cross-validated macro-F1 and fit time. */
export function SelectionTable({ selection }: { selection: ModelSelection }) {
  const titleId = useId()
  const auto = selection.method === 'auto'
  return (
    <section className="panel" aria-labelledby={titleId}>
      <h3 id={titleId}>{auto ? 'Automatic model selection' : 'Cross-validation'}</h3>
      <p className="hint">
        {auto
          ? `${selection.candidates.length} candidates scored by ${selection.folds}-fold cross-validation on the training documents in ${selection.searchSeconds.toFixed(1)} s (budget ${selection.budgetSeconds ?? '—'} s${selection.skipped ? `; ${selection.skipped} more did not fit in it` : ''}). The best was then trained on all of them.`
          : `Macro-F1 by ${selection.folds}-fold cross-validation on the training documents.`}
      </p>
      <table className="md-table" aria-labelledby={titleId}>
        <thead>
          <tr>
            <th scope="col">Candidate</th>
            <th scope="col" className="md-num">
              Macro-F1 (mean ± std)
            </th>
            <th scope="col" className="md-num">
              Fit time (s)
            </th>
          </tr>
        </thead>
        <tbody>
          {selection.candidates.map((c) => (
            <tr key={c.title} aria-current={c.chosen ? 'true' : undefined}>
              <td>
                {c.title}
                {c.chosen && auto ? <strong> (chosen)</strong> : null}
              </td>
              <td className="md-num">
                {score(c.meanMacroF1)} ± {score(c.stdMacroF1)}
              </td>
              <td className="md-num">{c.fitSeconds.toFixed(2)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}
