import { useId, useMemo, useState } from 'react'
import type { ReportData } from '../../../../src-main/api/contract/models'
import {
  formatScore,
  nextSort,
  reportRows,
  reportToTsv,
  sortRows,
  type ReportRow,
  type SortKey,
  type SortState,
} from './report'

const COLUMNS: { key: SortKey; label: string; numeric: boolean }[] = [
  { key: 'name', label: 'Label', numeric: false },
  { key: 'precision', label: 'Precision', numeric: true },
  { key: 'recall', label: 'Recall', numeric: true },
  { key: 'f1', label: 'F1', numeric: true },
  { key: 'support', label: 'Support', numeric: true },
]

function Row({ row }: { row: ReportRow }) {
  return (
    <tr className={row.kind === 'average' ? 'md-average' : undefined}>
      <th scope="row">{row.name}</th>
      <td className="md-num">{formatScore(row.precision)}</td>
      <td className="md-num">{formatScore(row.recall)}</td>
      <td className="md-num">{formatScore(row.f1)}</td>
      <td className="md-num">{row.support}</td>
    </tr>
  )
}

/** scikit-learn's classification report: sortable label rows, averages and accuracy, copyable as TSV. */
export function ReportTable({ report }: { report: ReportData }) {
  const titleId = useId()
  const [sort, setSort] = useState<SortState | null>(null)
  const [copied, setCopied] = useState('')
  const { labels, averages } = useMemo(() => reportRows(report), [report])
  const shown = useMemo(() => (sort ? sortRows(labels, sort) : labels), [labels, sort])

  const copy = async () => {
    const text = reportToTsv(shown, averages, report.accuracy, report.rows)
    try {
      await navigator.clipboard.writeText(text)
      setCopied('Report copied as tab-separated text.')
    } catch {
      setCopied('The clipboard is not available here: select the table and copy it instead.')
    }
  }

  return (
    <section className="panel" aria-labelledby={titleId}>
      <div className="panel-header">
        <h3 id={titleId}>Classification report</h3>
        <button type="button" className="button button-small" onClick={() => void copy()}>
          Copy
        </button>
      </div>
      <table className="md-table md-report" aria-labelledby={titleId}>
        <thead>
          <tr>
            {COLUMNS.map((c) => (
              <th
                key={c.key}
                scope="col"
                className={c.numeric ? 'md-num' : undefined}
                aria-sort={sort?.key === c.key ? sort.direction : 'none'}
              >
                <button
                  type="button"
                  className="md-sort"
                  onClick={() => setSort(nextSort(sort, c.key))}
                >
                  {c.label}
                  <span aria-hidden="true">
                    {sort?.key === c.key ? (sort.direction === 'ascending' ? ' ▲' : ' ▼') : ''}
                  </span>
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {shown.map((row) => (
            <Row key={row.name} row={row} />
          ))}
        </tbody>
        <tbody>
          <tr className="md-average">
            <th scope="row">accuracy</th>
            <td />
            <td />
            <td className="md-num">{formatScore(report.accuracy)}</td>
            <td className="md-num">{report.rows}</td>
          </tr>
          {averages.map((row) => (
            <Row key={row.name} row={row} />
          ))}
        </tbody>
      </table>
      <p className="hint" role="status">
        {copied}
      </p>
    </section>
  )
}
