import { useEffect, useRef, type ReactNode } from 'react'
import { progressPercent } from '../lib/format'
import { useStores } from '../stores/hooks'
import { isActive } from '../stores/tasks/merge'
import { useTaskResult } from '../lib/use-task-result'
import { ProgressBar } from './ProgressBar'
import { Button } from './Button'

interface TaskProgressProps {
  taskId: string
  /** What the task does, e.g. "Training": names the status region and the progress bar. */
  label: string
  /** Called once with the finished task's stats when it succeeds. */
  onSuccess?: (stats: Record<string, unknown>) => void
  children?: ReactNode
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null

/** Live status of one task started from this screen: progress, errors, abort. */
export function TaskProgress({ taskId, label, onSuccess, children }: TaskProgressProps) {
  const { tasks } = useStores()
  const { task, detail } = useTaskResult(taskId)
  const reported = useRef<string | null>(null)
  const callback = useRef(onSuccess)
  useEffect(() => {
    callback.current = onSuccess
  })

  useEffect(() => {
    if (!detail || detail.status !== 'SUCCESS' || reported.current === detail.id) return
    reported.current = detail.id
    callback.current?.(isRecord(detail.stats) ? detail.stats : {})
  }, [detail])

  const percent = progressPercent(task?.progress)
  const status = task?.status ?? 'PENDING'
  return (
    <div className="md-task" role="status" aria-label={label} data-status={status}>
      <div className="md-task-head">
        <strong>{label}</strong>
        <span className={`status status-${status.toLowerCase()}`}>{status}</span>
      </div>
      <ProgressBar label={`Progress of ${label}`} percent={percent} />
      {task?.progress?.message ? <p className="hint">{task.progress.message}</p> : null}
      {task?.error ? <p className="md-error">{task.error.message}</p> : null}
      {task && isActive(task) ? (
        <Button small onClick={() => void tasks.getState().abort(taskId)}>
          Abort {label.toLowerCase()}
        </Button>
      ) : null}
      {status === 'SUCCESS' ? children : null}
    </div>
  )
}
