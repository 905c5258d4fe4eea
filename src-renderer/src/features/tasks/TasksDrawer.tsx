import { useEffect, useId, useRef, type KeyboardEvent } from 'react'
import { CloseButton } from '../../components/Button'
import { Icon } from '../../components/Icon'
import { useStores, useTasks } from '../../stores/hooks'
import { selectTasks, selectTasksLoaded } from '../../stores/tasks/selectors'
import { TaskItem } from './TaskItem'

export const TASKS_DRAWER_ID = 'tasks-drawer'

/** Running and recent tasks: loaded when opened, then kept live by task.updated events. */
export function TasksDrawer({ onClose }: { onClose: () => void }) {
  const headingId = useId()
  const headingRef = useRef<HTMLHeadingElement>(null)
  const { tasks: store } = useStores()
  const tasks = useTasks(selectTasks)
  const loaded = useTasks(selectTasksLoaded)

  useEffect(() => {
    void store.getState().refresh()
    headingRef.current?.focus()
  }, [store])

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') onClose()
  }

  return (
    <aside
      id={TASKS_DRAWER_ID}
      className="drawer"
      aria-labelledby={headingId}
      onKeyDown={onKeyDown}
    >
      <header className="drawer-header">
        <h2 id={headingId} ref={headingRef} tabIndex={-1}>
          Tasks
        </h2>
        <button
          type="button"
          className="icon-button"
          aria-label="Refresh tasks"
          title="Refresh"
          onClick={() => void store.getState().refresh()}
        >
          <Icon name="refresh" />
        </button>
        <CloseButton label="Close tasks" title="Close (Esc)" onClick={onClose} />
      </header>
      {tasks.length === 0 ? (
        <p className="drawer-empty">
          {loaded
            ? 'No tasks yet. Long jobs such as imports, training and predictions appear here while they run. Settings → Diagnostics can start a self-test.'
            : 'Loading tasks…'}
        </p>
      ) : (
        <ul className="task-list" aria-label="Recent tasks">
          {tasks.map((task) => (
            <TaskItem key={task.id} task={task} />
          ))}
        </ul>
      )}
    </aside>
  )
}
