import { useEffect, useRef, type RefObject } from 'react'
import { SCREENS, DEFAULT_SCREEN } from '../features/screens'
import { useStores, useUi } from '../stores/hooks'
import { selectPendingScreen, selectScreen, selectTheme } from '../stores/ui/selectors'
import { hashForScreen, screenFromHash } from './routes'

const SCREEN_IDS = SCREENS.map((s) => s.id)

/** Keeps <html data-theme> in step with the ui store (CSS variables switch on it). */
export function useThemeAttribute(): void {
  const theme = useUi(selectTheme)
  useEffect(() => {
    document.documentElement.dataset.theme = theme
    document.documentElement.style.colorScheme = theme
  }, [theme])
}

/**
 * Navigation lives in the ui store; the URL fragment mirrors it so that back/forward and reload
 * work. After a navigation, focus moves to the new screen's h1 so keyboard and screen-reader users
 * land on it.
 */
export function useHashNavigation(main: RefObject<HTMLElement | null>): void {
  const { ui } = useStores()
  const screen = useUi(selectScreen)
  const pending = useUi(selectPendingScreen)
  const first = useRef(true)

  // A navigation held for unsaved work and then cancelled: the address goes back to this screen.
  useEffect(() => {
    const hash = hashForScreen(screen)
    if (pending === null && window.location.hash !== hash)
      window.history.replaceState(null, '', hash)
  }, [pending, screen])

  useEffect(() => {
    const onHashChange = () => {
      // In-page anchors (the skip link's #main) are not routes.
      if (!window.location.hash.startsWith('#/')) return
      ui.getState().navigate(screenFromHash(window.location.hash, SCREEN_IDS, DEFAULT_SCREEN))
    }
    window.addEventListener('hashchange', onHashChange)
    return () => window.removeEventListener('hashchange', onHashChange)
  }, [ui])

  useEffect(() => {
    const hash = hashForScreen(screen)
    if (window.location.hash !== hash) window.history.replaceState(null, '', hash)
    const title = SCREENS.find((s) => s.id === screen)?.label
    document.title = title ? `${title} · Audience Desktop` : 'Audience Desktop'
    if (first.current) {
      first.current = false
      return
    }
    main.current?.querySelector<HTMLElement>('h1')?.focus()
  }, [screen, main])
}
