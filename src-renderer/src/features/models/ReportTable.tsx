import { useId, useMemo, useState } from 'react'
import type { LabelCounts, ReportData } from '@api/contract/models'
import {
  accuracyName,
  baselineGuess,
  baselineWarning,
  formatScore,
  nextSort,
  reportRows,
  reportToTsv,
  sortRows,
  type ReportRow,
  type SortKey,
  type SortState,
} from './report'
import { Button } from '../../components/Button'

const SCORE_COLUMNS: { key: SortKey; label: string; numeric: boolean }[] = [
  { key: 'name', label: 'Label', numeric: false },
  { key: 'precision', label: 'Precision', numeric: true },
  { key: 'recall', label: 'Recall', numeric: true },
  { key: 'f1', label: 'F1', numeric: true },
  { key: 'support', label: 'Support', numeric: true },
]

const COUNT_COLUMNS: { key: keyof LabelCounts; label: string; title: string }[] = [
  { key: 'tp', label: 'TP', title: 'True positives: documents with the label, given it' },
  { key: 'fp', label: 'FP', title: 'False positives: documents without the label, given it' },
  { key: 'fn', label: 'FN', title: 'False negatives: documents with the label, not given it' },
  { key: 'tn', label: 'TN', title: 'True negatives: documents without the label, not given it' },
]

function Row({ row, counts }: { row: ReportRow; counts: boolean }) {
  return (
    <tr className={row.kind === 'average' ? 'md-average' : undefined}>
      <th scope="row">{row.name}</th>
      <td className="md-num">{formatScore(row.precision)}</td>
      <td className="md-num">{formatScore(row.recall)}</td>
      <td className="md-num">{formatScore(row.f1)}</td>
      {counts
        ? COUNT_COLUMNS.map((c) => (
            <td key={c.key} className="md-num">
              {row.counts?.[c.key] ?? ''}
            </td>
          ))
        : null}
      <td className="md-num">{row.support}</td>
    </tr>
  )
}

/** One figure in the F1 column (accuracy, Hamming loss, baseline), under the label rows. */
function Figure({
  name,
  value,
  rows,
  width,
}: {
  name: string
  value: number
  rows: number
  width: number
}) {
  return (
    <tr className="md-average">
      <th scope="row">{name}</th>
      <td />
      <td />
      <td className="md-num">{formatScore(value)}</td>
      {Array.from({ length: width }, (_, i) => (
        <td key={i} />
      ))}
      <td className="md-num">{rows}</td>
    </tr>
  )
}

/** Where the baseline's labels come from, in a sentence. */
function baselineNote(b: NonNullable<ReportData['baseline']>): string {
  const from =
    b.source === 'training'
      ? 'the training documents'
      : 'these documents (the model records no training labels)'
  return b.strategy === 'majority'
    ? `The baseline is ${baselineGuess(b)}, the most frequent label of ${from}.`
    : `The baseline is ${baselineGuess(b)}: every label seen in ${from}, the best constant guess for F1.`
}

/**
 * scikit-learn's classification report: sortable label rows with their TP/FP/FN/TN, averages,
 * (exact-match) accuracy, Hamming loss and the trivial baseline, copyable as TSV.
 */
export function ReportTable({ report }: { report: ReportData }) {
  const titleId = useId()
  const [sort, setSort] = useState<SortState | null>(null)
  const [copied, setCopied] = useState('')
  const { labels, averages } = useMemo(() => reportRows(report), [report])
  const shown = useMemo(() => (sort ? sortRows(labels, sort) : labels), [labels, sort])
  const counts = report.counts !== null
  // Support stays last, as in scikit-learn's report.
  const columns = [
    ...SCORE_COLUMNS.slice(0, -1).map((c) => ({ ...c, title: undefined })),
    ...(counts ? COUNT_COLUMNS.map((c) => ({ ...c, numeric: true })) : []),
    ...SCORE_COLUMNS.slice(-1).map((c) => ({ ...c, title: undefined })),
  ]
  const extra = counts ? COUNT_COLUMNS.length : 0
  const warning = baselineWarning(report)

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(reportToTsv(report, shown, averages))
      setCopied('Report copied as tab-separated text.')
    } catch {
      setCopied('The clipboard is not available here: select the table and copy it instead.')
    }
  }

  return (
    <section className="panel" aria-labelledby={titleId}>
      <div className="panel-header">
        <h3 id={titleId}>Classification report</h3>
        <Button small onClick={() => void copy()}>
          Copy
        </Button>
      </div>
      {warning && report.baseline ? (
        <p className="md-warning" role="note">
          <strong>{warning}.</strong> Macro-F1 {formatScore(report.macroF1)} is not above the{' '}
          {formatScore(report.baseline.macroF1)} of {baselineGuess(report.baseline)}: do not label
          data with this model.
        </p>
      ) : null}
      <table className="md-table md-report" aria-labelledby={titleId}>
        <thead>
          <tr>
            {columns.map((c) => (
              <th
                key={c.key}
                scope="col"
                className={c.numeric ? 'md-num' : undefined}
                title={c.title}
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
            <Row key={row.name} row={row} counts={counts} />
          ))}
        </tbody>
        <tbody>
          <Figure
            name={accuracyName(report.multiLabel)}
            value={report.accuracy}
            rows={report.rows}
            width={extra}
          />
          {averages.map((row) => (
            <Row key={row.name} row={row} counts={counts} />
          ))}
          {report.multiLabel && report.hammingLoss !== null ? (
            <Figure
              name="hamming loss"
              value={report.hammingLoss}
              rows={report.rows}
              width={extra}
            />
          ) : null}
          {report.baseline ? (
            <Figure
              name={`baseline macro avg (${baselineGuess(report.baseline)})`}
              value={report.baseline.macroF1}
              rows={report.rows}
              width={extra}
            />
          ) : null}
        </tbody>
      </table>
      <p className="hint">
        {report.multiLabel
          ? 'Exact-match accuracy counts a document only when its whole label set is right; Hamming loss is the share of wrong (document, label) decisions. '
          : ''}
        {report.baseline ? baselineNote(report.baseline) : ''}
      </p>
      <p className="hint" role="status">
        {copied}
      </p>
    </section>
  )
}
