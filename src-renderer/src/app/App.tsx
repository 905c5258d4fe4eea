import { useRef } from 'react'
import { Toaster } from '../components/Toaster'
import { SCREENS } from '../features/screens'
import { TasksDrawer } from '../features/tasks/TasksDrawer'
import { useStores, useUi } from '../stores/hooks'
import { selectScreen, selectTasksOpen } from '../stores/ui/selectors'
import { AppHeader } from './AppHeader'
import { SideNav } from './SideNav'
import { useHashNavigation, useThemeAttribute } from './use-document-effects'

export function App() {
  const main = useRef<HTMLElement>(null)
  const { ui } = useStores()
  const screenId = useUi(selectScreen)
  const tasksOpen = useUi(selectTasksOpen)
  useThemeAttribute()
  useHashNavigation(main)

  const screen = SCREENS.find((s) => s.id === screenId) ?? SCREENS[0]
  const Current = screen?.Component

  return (
    <div className={`app${tasksOpen ? ' app-with-drawer' : ''}`}>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <AppHeader />
      <SideNav />
      <main id="main" className="app-main" ref={main} tabIndex={-1}>
        {Current ? <Current /> : null}
      </main>
      {tasksOpen ? <TasksDrawer onClose={() => ui.getState().setTasksOpen(false)} /> : null}
      <Toaster />
    </div>
  )
}
