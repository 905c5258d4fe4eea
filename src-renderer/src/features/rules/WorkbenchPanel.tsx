import { useId } from 'react'
import { usePick } from '../../stores/hooks'
import { formatPercent } from '../../lib/format'
import { HighlightedText } from '../../components/HighlightedText'
import { numeric, TableHead } from '../../components/TableHead'

/** Per-label stats and the matched documents of the draft, against the chosen dataset. */
export function WorkbenchPanel() {
  const {
    workbench,
    workbenchRows: rows,
    draft,
    focusRule: focus,
    workbenchPending: pending,
    datasetId,
  } = usePick('rules', [
    'workbench',
    'workbenchRows',
    'draft',
    'focusRule',
    'workbenchPending',
    'datasetId',
  ])
  const labelsId = useId()
  const matchesId = useId()

  if (!datasetId) return <p className="hint">Choose a labelled dataset to see how the rules do.</p>
  if (!workbench) return <p className="hint">{pending ? 'Measuring…' : 'Add a rule to start.'}</p>

  const focusRule = focus !== null ? draft.rules[focus] : undefined
  return (
    <>
      <section className="panel" aria-labelledby={labelsId} aria-busy={pending}>
        <div className="panel-header">
          <h3 id={labelsId}>Per-label coverage</h3>
          <span className="hint" role="status">
            {pending
              ? 'Updating…'
              : `${workbench.documents} documents · ${Math.round(workbench.elapsedMs)} ms`}
          </span>
        </div>
        <table className="md-table" aria-labelledby={labelsId}>
          <TableHead
            columns={[
              'Label',
              numeric('Coverage'),
              numeric('Correct'),
              numeric('Precision'),
              numeric('Recall'),
              numeric('Support'),
            ]}
          />
          <tbody>
            {workbench.labels.map((l) => (
              <tr key={l.label}>
                <th scope="row">{l.label}</th>
                <td className="md-num">{l.coverage}</td>
                <td className="md-num">{l.correct}</td>
                <td className="md-num">{formatPercent(l.precision)}</td>
                <td className="md-num">{formatPercent(l.recall)}</td>
                <td className="md-num">{l.support}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="panel" aria-labelledby={matchesId}>
        <h3 id={matchesId}>
          {focusRule
            ? `Documents matched by “${focusRule.pattern}” (${focusRule.label})`
            : 'Documents matched by any rule'}
        </h3>
        {workbench.matches.length === 0 ? (
          <p className="hint">No document matches.</p>
        ) : (
          <ul className="rl-matches" aria-labelledby={matchesId}>
            {workbench.matches.map((m) => {
              const ruleLabels = [
                ...new Set(m.spans.map((s) => draft.rules[rows[s.ruleIndex] ?? -1]?.label ?? '?')),
              ]
              const wrong = ruleLabels.some((l) => !m.gold.includes(l))
              return (
                <li key={m.documentId}>
                  <HighlightedText text={m.text} spans={m.spans} />
                  <p className="hint">
                    #{m.documentId} · gold {m.gold.join(', ') || '(none)'} · rules say{' '}
                    {ruleLabels.join(', ')}
                    {wrong ? ' · disagrees' : ''}
                  </p>
                </li>
              )
            })}
          </ul>
        )}
      </section>
    </>
  )
}
