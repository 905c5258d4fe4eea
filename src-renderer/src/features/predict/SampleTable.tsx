import { useEffect, useId, useState } from 'react'
import type { TaskSummary } from '@api/dto'
import { formatTimestamp } from '../../lib/format'
import { usePredict, useStores } from '../../stores/hooks'
import { selectModelVersions, selectSample } from '../../stores/predict/selectors'
import { outputModelLabel, versionNumbers } from '../../lib/model-labels'
import { TableHead } from '../../components/TableHead'
import { Button } from '../../components/Button'

/** How often samples refresh while the task runs, and how soon to retry before the first batch. */
export const SAMPLE_REFRESH_MS = 5000
export const SAMPLE_RETRY_MS = 2000
const PER_LABEL = [10, 50, 100] as const

/** N random written rows per label, refreshed while the task runs. */
export function SampleTable({ task }: { task: TaskSummary }) {
  const headingId = useId()
  const { predict } = useStores()
  const sample = usePredict(selectSample(task.id))
  const [perLabel, setPerLabel] = useState<number>(10)
  const running = task.status === 'RUNNING' || task.status === 'PENDING'
  const waiting = sample?.status === 'waiting'
  const versions = usePredict(selectModelVersions)

  // Rows name their model as name@version: saved versions are shown by number ("demo-svm v3").
  useEffect(() => {
    if (predict.getState().modelVersions === null) void predict.getState().loadChoices()
  }, [predict])
  const versionList = versions?.status === 'ready' ? versions.value : []
  const numbers = versionNumbers(versionList)

  // Loads again when the run ends: a fast run can finish between two refreshes.
  useEffect(() => {
    void predict.getState().loadSample(task.id, perLabel)
  }, [predict, task.id, perLabel, running])

  useEffect(() => {
    if (!running && !waiting) return
    const timer = setInterval(
      () => void predict.getState().loadSample(task.id, perLabel),
      waiting ? SAMPLE_RETRY_MS : SAMPLE_REFRESH_MS,
    )
    return () => clearInterval(timer)
  }, [predict, task.id, perLabel, running, waiting])

  const rows = sample?.rows ?? []
  return (
    <section className="panel" aria-labelledby={headingId}>
      <div className="panel-header">
        <h2 id={headingId}>Samples</h2>
        <div className="inline-form">
          <label htmlFor={`${headingId}-n`}>Rows per label</label>
          <select
            id={`${headingId}-n`}
            className="input"
            value={perLabel}
            onChange={(e) => setPerLabel(Number(e.target.value))}
          >
            {PER_LABEL.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
          <Button
            disabled={sample?.status === 'loading'}
            onClick={() => void predict.getState().loadSample(task.id, perLabel)}
          >
            Refresh samples
          </Button>
        </div>
      </div>
      <p className="hint" role="status" aria-label="Sample status">
        {!sample || sample.status === 'loading'
          ? 'Loading samples…'
          : sample.status === 'waiting'
            ? 'No results yet, retrying…'
            : sample.status === 'error'
              ? `Could not load samples: ${sample.message}`
              : `${rows.length} rows, picked at ${formatTimestamp(sample.fetchedAt)}${running ? '; refreshing every 5 s' : ''}.`}
      </p>
      {rows.length > 0 ? (
        <div className="pc-table-scroll">
          <table className="pc-data-table" aria-label="Sampled rows">
            <TableHead
              columns={[
                'Label',
                { label: 'Score', className: 'pc-num' },
                'Text',
                'Matched',
                'Author',
                'Model',
                'Post time',
                'Id',
              ]}
            />
            <tbody>
              {rows.map((r) => (
                <tr key={`${r.table}:${r.model}:${r.label}:${r.id}`}>
                  <td>
                    <span className="pc-label-chip">{r.label}</span>
                  </td>
                  <td className="pc-num">{r.score.toFixed(2)}</td>
                  <td className="pc-cell-text">
                    {r.text ?? (r.textNote ? <span className="hint">{r.textNote}</span> : '—')}
                  </td>
                  <td>{r.matched ?? '—'}</td>
                  <td>{r.author ?? '—'}</td>
                  <td title={r.model}>{outputModelLabel(r.model, versionList, numbers)}</td>
                  <td className="mono">{r.postTime ?? '—'}</td>
                  <td className="mono">{r.id}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  )
}
