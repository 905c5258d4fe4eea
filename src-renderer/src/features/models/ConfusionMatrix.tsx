import { useId, useMemo, type CSSProperties } from 'react'
import type { ReportData } from '@api/contract/models'
import { NONE, rowShares } from './report'

/** A cell of the matrix; null is the "(none)" row or column. */
export interface MatrixCell {
  gold: string | null
  predicted: string | null
}

interface ConfusionMatrixProps {
  confusion: ReportData['confusion']
  multiLabel: boolean
  /** The selected cell, if any. */
  selected: MatrixCell | null
  onSelect: (cell: MatrixCell) => void
}

/**
 * Gold labels down, predicted across; colour strength is the cell's share of its gold row. Each cell
 * is a button: it lists that cell's rows in the details table below. Multi-label matrices have a
 * "(none)" row and column, so missed and spurious labels show (see ReportData.confusion).
 */
export function ConfusionMatrix({
  confusion,
  multiLabel,
  selected,
  onSelect,
}: ConfusionMatrixProps) {
  const titleId = useId()
  const shares = useMemo(() => rowShares(confusion.matrix), [confusion])
  const noneIndex = confusion.noneIndex ?? null
  const axis = confusion.labels.map((label, i) => ({
    key: i,
    value: i === noneIndex ? null : label,
    name: i === noneIndex ? NONE : label,
  }))
  return (
    <section className="panel" aria-labelledby={titleId}>
      <h3 id={titleId}>Confusion matrix</h3>
      <p className="hint">
        Rows are gold labels, columns predicted labels. Pick a cell to list its documents.
        {multiLabel && noneIndex !== null
          ? ' Multi-label: each label a document got right counts on the diagonal; each missed gold label counts against each wrongly predicted label, or against (none) when nothing wrong was predicted; a wrongly predicted label with no missed gold label counts in the (none) row. A correctly labelled document is only on the diagonal.'
          : multiLabel
            ? ' (Saved before the (none) row existed: a document counts once per gold/predicted pair.)'
            : ''}
      </p>
      <div className="md-table-wrap">
        <table className="md-confusion" aria-labelledby={titleId}>
          <thead>
            <tr>
              <th scope="col">
                <span className="visually-hidden">Gold \ predicted</span>
                <span aria-hidden="true">gold \ predicted</span>
              </th>
              {axis.map((p) => (
                <th key={p.key} scope="col" className={p.value === null ? 'md-none' : undefined}>
                  {p.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {axis.map((g, r) => (
              <tr key={g.key}>
                <th scope="row" className={g.value === null ? 'md-none' : undefined}>
                  {g.name}
                </th>
                {axis.map((p, c) => {
                  const count = confusion.matrix[r]?.[c] ?? 0
                  const share = shares[r]?.[c] ?? 0
                  const isSelected = selected?.gold === g.value && selected.predicted === p.value
                  return (
                    <td key={p.key}>
                      <button
                        type="button"
                        className={`md-cell${r === c ? ' md-cell-diagonal' : ''}`}
                        style={{ '--md-share': share.toFixed(3) } as CSSProperties}
                        aria-pressed={isSelected}
                        aria-label={`Gold ${g.name}, predicted ${p.name}: ${count} rows`}
                        disabled={count === 0}
                        onClick={() => onSelect({ gold: g.value, predicted: p.value })}
                      >
                        {count}
                      </button>
                    </td>
                  )
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  )
}
