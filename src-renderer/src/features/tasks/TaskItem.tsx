import { useId } from 'react'
import type { TaskSummary } from '@api/dto'
import {
  formatBytes,
  formatEta,
  formatRate,
  formatTimestamp,
  progressPercent,
} from '../../lib/format'
import { useStores, useTasks } from '../../stores/hooks'
import { canAbort, canResume, selectPending } from '../../stores/tasks/selectors'
import { ProgressBar } from '../../components/ProgressBar'
import { Button } from '../../components/Button'

export function TaskItem({ task }: { task: TaskSummary }) {
  const titleId = useId()
  const { tasks } = useStores()
  const pending = useTasks(selectPending(task.id))
  const percent = progressPercent(task.progress)
  const progress = task.progress
  const rate = task.status === 'RUNNING' ? formatRate(progress?.rate) : null
  const eta = task.status === 'RUNNING' ? formatEta(progress?.etaMs) : null
  const counts =
    progress && progress.total !== undefined ? `${progress.done} / ${progress.total}` : null

  return (
    <li className="task" aria-labelledby={titleId} data-status={task.status}>
      <div className="task-head">
        <span className="task-title" id={titleId}>
          {task.title}
        </span>
        <span className={`status status-${task.status.toLowerCase()}`}>{task.status}</span>
      </div>
      <ProgressBar label={`Progress of ${task.title}`} percent={percent} />
      <p className="task-meta">
        {percent !== null ? <span>{percent} %</span> : null}
        {counts ? <span>{counts}</span> : null}
        {rate ? <span>{rate}</span> : null}
        {eta ? <span>{eta}</span> : null}
        {progress?.message ? <span>{progress.message}</span> : null}
      </p>
      {task.error ? <p className="task-error">{task.error.message}</p> : null}
      <div className="task-foot">
        <span className="task-time">
          {formatTimestamp(task.createdAt)}
          {task.peakRssBytes ? ` · peak ${formatBytes(task.peakRssBytes)}` : ''}
        </span>
        <span className="task-id mono" title="Task id">
          {task.id.slice(0, 8)}
        </span>
        {canAbort(task) ? (
          <Button
            small
            variant="danger"
            aria-label={`Abort ${task.title}`}
            disabled={pending !== undefined}
            onClick={() => void tasks.getState().abort(task.id)}
          >
            {pending === 'abort' ? 'Aborting…' : 'Abort'}
          </Button>
        ) : null}
        {canResume(task) ? (
          <Button
            small
            aria-label={`Resume ${task.title}`}
            disabled={pending !== undefined}
            onClick={() => void tasks.getState().resume(task.id)}
          >
            {pending === 'resume' ? 'Resuming…' : 'Resume'}
          </Button>
        ) : null}
      </div>
    </li>
  )
}
