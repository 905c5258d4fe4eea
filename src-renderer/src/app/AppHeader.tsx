import { Icon } from '../components/Icon'
import { TASKS_DRAWER_ID } from '../features/tasks/TasksDrawer'
import { useStores, useTasks, usePick } from '../stores/hooks'
import { selectActiveCount } from '../stores/tasks/selectors'
import { Button } from '../components/Button'

const CONNECTION_TEXT = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
  unauthorized: 'Not authorised: open the URL the bridge printed',
} as const

export function AppHeader() {
  const { ui } = useStores()
  const { theme, tasksOpen, connection } = usePick('ui', ['theme', 'tasksOpen', 'connection'])
  const active = useTasks(selectActiveCount)
  const nextTheme = theme === 'dark' ? 'light' : 'dark'

  return (
    <header className="app-header">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          A
        </span>
        <span className="brand-name">Audience Desktop</span>
      </div>
      <div className="header-tools">
        <span className={`connection connection-${connection}`} role="status">
          <span className="connection-dot" aria-hidden="true" />
          {CONNECTION_TEXT[connection]}
        </span>
        <button
          type="button"
          className="icon-button"
          aria-label={`Switch to ${nextTheme} theme`}
          title={`Switch to ${nextTheme} theme`}
          onClick={() => ui.getState().toggleTheme()}
        >
          <Icon name={theme === 'dark' ? 'sun' : 'moon'} />
        </button>
        <Button
          className="tasks-toggle"
          aria-expanded={tasksOpen}
          aria-controls={TASKS_DRAWER_ID}
          onClick={() => ui.getState().toggleTasks()}
        >
          <Icon name="tasks" />
          Tasks
          {active > 0 ? (
            <span className="count-badge" aria-label={`${active} running`}>
              {active}
            </span>
          ) : null}
        </Button>
      </div>
    </header>
  )
}
