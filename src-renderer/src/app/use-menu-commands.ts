import { useEffect, useLayoutEffect, useRef } from 'react'
import type { MenuCommand } from '@api/desktop'
import { desktopApi } from '../api/ipc-transport'
import { useStores, useUi } from '../stores/hooks'
import { selectPendingCommand } from '../stores/ui/selectors'

/** Forwards the desktop menu's commands into the ui store (nothing happens in a browser). */
export function useDesktopMenu(): void {
  const { ui } = useStores()
  useEffect(() => desktopApi()?.onMenuCommand((c) => ui.getState().runMenuCommand(c)), [ui])
}

/**
 * Carries out a menu command on the screen that owns it, also when the command arrived before the
 * screen was shown (File → Import… from another screen navigates here first).
 */
export function useMenuCommand(command: MenuCommand, handler: () => void): void {
  const { ui } = useStores()
  const pending = useUi(selectPendingCommand)
  const latest = useRef(handler)
  useLayoutEffect(() => {
    latest.current = handler
  })
  useEffect(() => {
    if (pending === command && ui.getState().takeCommand(command)) latest.current()
  }, [pending, command, ui])
}
