import { useRef, useState } from 'react'
import { ScreenErrorBoundary } from '../components/ScreenErrorBoundary'
import { Toaster } from '../components/Toaster'
import { SCREENS } from '../features/screens'
import { TasksDrawer } from '../features/tasks/TasksDrawer'
import { useStores, useUi } from '../stores/hooks'
import { resetScreenState } from '../stores/reset'
import { selectScreen, selectTasksOpen } from '../stores/ui/selectors'
import { AppHeader } from './AppHeader'
import { ShortcutsHelp } from './ShortcutsHelp'
import { SideNav } from './SideNav'
import { useHashNavigation, useThemeAttribute } from './use-document-effects'
import { useRememberedState } from './use-remembered-state'
import { useDesktopMenu, useMenuCommand } from './use-menu-commands'

export function App() {
  const main = useRef<HTMLElement>(null)
  const stores = useStores()
  const { ui } = stores
  const screenId = useUi(selectScreen)
  const tasksOpen = useUi(selectTasksOpen)
  const [shortcutsOpen, setShortcutsOpen] = useState(false)
  const restored = useRememberedState()
  useThemeAttribute()
  useHashNavigation(main)
  useDesktopMenu()
  useMenuCommand('help.shortcuts', () => setShortcutsOpen(true))

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
        {!restored ? (
          <p className="hint" role="status">
            Opening the workspace…
          </p>
        ) : Current && screen ? (
          <ScreenErrorBoundary
            key={screen.id}
            screen={screen.label}
            onReload={() => resetScreenState(stores, screen.id)}
          >
            <Current />
          </ScreenErrorBoundary>
        ) : null}
      </main>
      {tasksOpen ? <TasksDrawer onClose={() => ui.getState().setTasksOpen(false)} /> : null}
      {shortcutsOpen ? <ShortcutsHelp onClose={() => setShortcutsOpen(false)} /> : null}
      <Toaster />
    </div>
  )
}
