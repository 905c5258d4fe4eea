import { useId, useMemo, type CSSProperties } from 'react'
import type { ReportData } from '../../../../src-main/api/contract/models'
import { rowShares } from './report'

interface ConfusionMatrixProps {
  confusion: ReportData['confusion']
  multiLabel: boolean
  /** The selected cell, if any. */
  selected: { gold: string; predicted: string } | null
  onSelect: (gold: string, predicted: string) => void
}

/**
 * Gold labels down, predicted across; colour strength is the cell's share of its gold row. Each cell
 * is a button: it lists that cell's rows in the details table below.
 */
export function ConfusionMatrix({
  confusion,
  multiLabel,
  selected,
  onSelect,
}: ConfusionMatrixProps) {
  const titleId = useId()
  const shares = useMemo(() => rowShares(confusion.matrix), [confusion])
  return (
    <section className="panel" aria-labelledby={titleId}>
      <h3 id={titleId}>Confusion matrix</h3>
      <p className="hint">
        Rows are gold labels, columns predicted labels
        {multiLabel ? ' (multi-label: a document counts once per gold/predicted pair)' : ''}. Pick a
        cell to list its documents.
      </p>
      <div className="md-table-wrap">
        <table className="md-confusion" aria-labelledby={titleId}>
          <thead>
            <tr>
              <th scope="col">
                <span className="visually-hidden">Gold \ predicted</span>
                <span aria-hidden="true">gold \ predicted</span>
              </th>
              {confusion.labels.map((label) => (
                <th key={label} scope="col">
                  {label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {confusion.labels.map((gold, r) => (
              <tr key={gold}>
                <th scope="row">{gold}</th>
                {confusion.labels.map((predicted, c) => {
                  const count = confusion.matrix[r]?.[c] ?? 0
                  const share = shares[r]?.[c] ?? 0
                  const isSelected = selected?.gold === gold && selected.predicted === predicted
                  return (
                    <td key={predicted}>
                      <button
                        type="button"
                        className={`md-cell${r === c ? ' md-cell-diagonal' : ''}`}
                        style={{ '--md-share': share.toFixed(3) } as CSSProperties}
                        aria-pressed={isSelected}
                        aria-label={`Gold ${gold}, predicted ${predicted}: ${count} rows`}
                        disabled={count === 0}
                        onClick={() => onSelect(gold, predicted)}
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
