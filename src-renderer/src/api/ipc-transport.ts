import type { Transport } from '../../../src-main/api/client'

declare global {
  interface Window {
    /** Set by the Electron preload (src-main/electron/preload.ts); absent in a plain browser. */
    desktop?: Transport
  }
}

/** The Electron preload's transport, when the page runs inside the desktop window. */
export function ipcTransport(): Transport | null {
  return window.desktop ?? null
}
