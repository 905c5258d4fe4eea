import type { Transport } from '@api/client'
import type { DesktopApi } from '@api/desktop'

declare global {
  interface Window {
    /** Set by the Electron preload (src-main/electron/preload.ts); absent in a plain browser. */
    desktop?: DesktopApi
  }
}

/** The desktop window's extra abilities (native dialogs, show in folder, menu), or null in a browser. */
export function desktopApi(): DesktopApi | null {
  return window.desktop ?? null
}

/** The Electron preload's transport, when the page runs inside the desktop window. */
export function ipcTransport(): Transport | null {
  return window.desktop ?? null
}
