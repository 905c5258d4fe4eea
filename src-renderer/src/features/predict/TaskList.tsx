import { useEffect, useId } from 'react'
import { TableHead } from '../../components/TableHead'
import { formatTimestamp, progressPercent } from '../../lib/format'
import { usePredict, useStores } from '../../stores/hooks'
import {
  selectPredictLoaded,
  selectPredictLoading,
  selectPredictTasks,
  selectView,
} from '../../stores/predict/selectors'
import { Button } from '../../components/Button'

/** Predicting tasks, newest first; opening one shows its page below. */
export function TaskList() {
  const headingId = useId()
  const { predict } = useStores()
  const tasks = usePredict(selectPredictTasks)
  const loaded = usePredict(selectPredictLoaded)
  const loading = usePredict(selectPredictLoading)
  const view = usePredict(selectView)

  useEffect(() => {
    void predict.getState().refresh()
  }, [predict])

  return (
    <section className="panel" aria-labelledby={headingId}>
      <div className="panel-header">
        <h2 id={headingId}>Predicting tasks</h2>
        <Button
          className="button-quiet"
          disabled={loading}
          onClick={() => void predict.getState().refresh()}
        >
          Reload
        </Button>
      </div>
      {tasks.length === 0 ? (
        <p className="hint">{loaded ? 'No predicting tasks yet.' : 'Loading…'}</p>
      ) : (
        <table className="pc-data-table" aria-label="Predicting tasks">
          <TableHead
            columns={[
              'Task',
              'Status',
              { label: 'Progress', className: 'pc-num' },
              'Created',
              { label: <span className="pc-visually-hidden">Open</span> },
            ]}
          />
          <tbody>
            {tasks.map((t) => {
              const percent = progressPercent(t.progress)
              const open = view.kind === 'task' && view.id === t.id
              return (
                <tr key={t.id} aria-current={open ? 'true' : undefined}>
                  <th scope="row" className="pc-cell-text">
                    {t.title}
                  </th>
                  <td>
                    <span className={`status status-${t.status.toLowerCase()}`}>{t.status}</span>
                  </td>
                  <td className="pc-num">{percent === null ? '—' : `${percent} %`}</td>
                  <td className="mono">{formatTimestamp(t.createdAt)}</td>
                  <td>
                    <Button
                      small
                      aria-label={`Open ${t.title}`}
                      onClick={() => predict.getState().show({ kind: 'task', id: t.id })}
                    >
                      Open
                    </Button>
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      )}
    </section>
  )
}
