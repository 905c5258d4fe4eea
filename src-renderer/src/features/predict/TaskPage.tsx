import { useEffect, useId } from 'react'
import type { PredictStats, TaskSummary } from '@api/dto'
import {
  formatBytes,
  formatCount,
  formatDuration,
  formatEta,
  formatRate,
  formatTimestamp,
  progressPercent,
} from '../../lib/format'
import { usePredict, useStores } from '../../stores/hooks'
import {
  currentStats,
  selectPredictPending,
  selectStats,
  selectTask,
} from '../../stores/predict/selectors'
import { LabelChart } from './LabelChart'
import { SampleTable } from './SampleTable'
import { TaskOutputs } from './TaskOutputs'
import { TaskReuse } from './TaskReuse'
import { SendToReview } from './SendToReview'
import { writtenNote } from './task-text'
import { ProgressBar } from '../../components/ProgressBar'
import { TableHead } from '../../components/TableHead'
import { Button } from '../../components/Button'

const isActive = (t: TaskSummary) => t.status === 'RUNNING' || t.status === 'PENDING'

/** One predicting task: progress, rate, ETA, per-label chart, samples, abort/resume, errors, stats. */
export function TaskPage({ id }: { id: string }) {
  const headingId = useId()
  const { predict } = useStores()
  const task = usePredict(selectTask(id))
  const stored = usePredict(selectStats(id))
  const pending = usePredict(selectPredictPending(id))
  const status = task?.status

  // Final stats (and the author panel) arrive with the status change; load them whenever it changes.
  useEffect(() => {
    void predict.getState().loadStats(id)
  }, [predict, id, status])

  if (!task) {
    return (
      <section className="panel">
        <p className="hint">Loading task {id.slice(0, 8)}…</p>
      </section>
    )
  }

  const stats = currentStats(task, stored)
  const percent = progressPercent(task.progress)
  const active = isActive(task)
  const rate = active ? formatRate(task.progress?.rate, 'rows') : null
  const eta = active ? formatEta(task.progress?.etaMs) : null

  return (
    <>
      <section className="panel pc-task-page" aria-labelledby={headingId} data-status={task.status}>
        <div className="panel-header">
          <h2 id={headingId}>{task.title}</h2>
          <span className={`status status-${task.status.toLowerCase()}`}>{task.status}</span>
        </div>
        <p className="hint mono">
          {task.id} · created {formatTimestamp(task.createdAt)}
        </p>
        <ProgressBar
          label={`Progress of ${task.title}`}
          percent={percent}
          className="pc-progress-large"
        />
        <dl className="pc-metrics" aria-label="Live numbers">
          <Metric
            term="Done"
            value={
              percent === null ? '—' : `${stats?.estimateExact === false ? '~' : ''}${percent} %`
            }
          />
          <Metric
            term="Rows read"
            value={rowsRead(
              stats?.received ?? task.progress?.done ?? 0,
              stats?.estimatedRows,
              stats?.estimateExact ?? false,
            )}
          />
          <Metric term="Rate" value={rate ?? formatRate(stats?.rowsPerSecond, 'rows') ?? '—'} />
          <Metric term="ETA" value={eta ?? (active ? 'estimating…' : '—')} />
          <Metric term="Labeled" value={formatCount(stats?.labeled ?? 0)} />
          <Metric term="Labels written" value={formatCount(stats?.written ?? 0)} />
          <Metric term="Skipped (empty)" value={formatCount(stats?.excluded ?? 0)} />
          <Metric term="Invalid UTF-8 fixed" value={formatCount(stats?.invalidUtf8 ?? 0)} />
        </dl>
        <p className="hint" aria-label="Labels written, explained">
          {writtenNote(stats?.written ?? 0, stats?.labeled ?? 0)}
        </p>
        {active && task.progress?.message ? (
          <p className="hint">Now: {task.progress.message}</p>
        ) : null}
        <div className="button-row">
          {active ? (
            <Button
              variant="danger"
              disabled={pending !== undefined}
              onClick={() => void predict.getState().abort(task.id)}
            >
              {pending === 'abort' ? 'Aborting…' : 'Abort'}
            </Button>
          ) : null}
          {task.resumable && !active && task.status !== 'SUCCESS' ? (
            <Button
              variant="primary"
              disabled={pending !== undefined}
              onClick={() => void predict.getState().resume(task.id)}
            >
              {pending === 'resume' ? 'Resuming…' : 'Resume'}
            </Button>
          ) : null}
          <TaskReuse taskId={task.id} title={task.title} />
          <SendToReview
            taskId={task.id}
            title={task.title}
            labels={Object.keys(stats?.perLabel ?? {}).sort()}
          />
        </div>
        <TaskOutputs taskId={task.id} />
        {task.error ? (
          <div className="pc-error-panel" role="alert" aria-label="Task error">
            <p className="pc-error-title">
              {task.status === 'ABORTED' ? 'Stopped' : 'Failed'}{' '}
              <span className="toast-code">{task.error.code}</span>
            </p>
            <p>{task.error.message}</p>
            {task.resumable ? (
              <p className="hint">
                Committed batches are kept; Resume continues from the last checkpoint.
              </p>
            ) : null}
          </div>
        ) : null}
      </section>
      <section className="panel" aria-label="Rows per label">
        <h2>Rows per label</h2>
        <LabelChart perLabel={stats?.perLabel ?? {}} />
      </section>
      <SampleTable task={task} />
      {task.status === 'SUCCESS' && stored ? <AuthorPanel stats={stored} /> : null}
    </>
  )
}

/** "12k of 40k" (counted) or "12k of ~40k" (the server's estimate); the count alone past it. */
function rowsRead(received: number, estimated: number | undefined, exact: boolean): string {
  return estimated && estimated >= received
    ? `${formatCount(received)} of ${exact ? '' : '~'}${formatCount(estimated)}`
    : formatCount(received)
}

function Metric({ term, value }: { term: string; value: string }) {
  return (
    <div className="pc-metric">
      <dt>{term}</dt>
      <dd>{value}</dd>
    </div>
  )
}

function AuthorPanel({ stats }: { stats: PredictStats }) {
  const headingId = useId()
  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>Author panel</h2>
      <dl className="facts">
        <dt>Rows received</dt>
        <dd>{stats.received.toLocaleString()}</dd>
        <dt>Rows written</dt>
        <dd>{stats.written.toLocaleString()}</dd>
        <dt>Unique authors</dt>
        <dd>{(stats.uniqueAuthors ?? 0).toLocaleString()}</dd>
        <dt>Run time</dt>
        <dd>{formatDuration(stats.runMs)}</dd>
        <dt>Average rate</dt>
        <dd>{formatRate(stats.rowsPerSecond, 'rows') ?? '—'}</dd>
        <dt>Peak memory</dt>
        <dd>{stats.peakRssBytes ? formatBytes(stats.peakRssBytes) : '—'}</dd>
      </dl>
      {stats.tables && stats.tables.length > 0 ? (
        <table className="pc-data-table" aria-label="Label rate per table">
          <TableHead
            columns={[
              'Table',
              { label: 'Rows', className: 'pc-num' },
              { label: 'Unique authors', className: 'pc-num' },
              { label: 'Labeled authors', className: 'pc-num' },
              { label: 'Label rate', className: 'pc-num' },
            ]}
          />
          <tbody>
            {stats.tables.map((t) => (
              <tr key={t.table}>
                <th scope="row" className="mono">
                  {t.table}
                </th>
                <td className="pc-num">{t.rows.toLocaleString()}</td>
                <td className="pc-num">{t.uniqueAuthors.toLocaleString()}</td>
                <td className="pc-num">{t.labeledAuthors.toLocaleString()}</td>
                <td className="pc-num">{(t.labelRate * 100).toFixed(1)} %</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="hint">No per-table numbers were recorded.</p>
      )}
    </section>
  )
}
