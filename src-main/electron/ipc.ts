import { ipcMain, shell, type BrowserWindow, type IpcMainInvokeEvent } from 'electron'
import { existsSync } from 'node:fs'
import type { MenuCommand } from '../api/desktop'
import type { CoreRelay } from './core-relay'
import type { createPathDialogs } from './dialogs'
import { isAppMainFrame, isRevealablePath, parsePickRequest } from './ipc-guards'

const forbidden = {
  ok: false,
  error: { code: 'FORBIDDEN', message: 'Calls are accepted from the app window only.' },
} as const

/**
 * The window's only channels: API calls relayed to the core host, its events, native path dialogs and
 * "show in folder". Every request is checked to come from the app window's main frame.
 */
export function registerIpc(options: {
  window: BrowserWindow
  relay: CoreRelay
  isTrusted: (url: string) => boolean
  pickPath: ReturnType<typeof createPathDialogs>
}) {
  const { window, relay } = options
  const trusted = (event: IpcMainInvokeEvent) =>
    event.sender === window.webContents &&
    isAppMainFrame(event.senderFrame, window.webContents.mainFrame, options.isTrusted)

  ipcMain.handle('api:call', async (event, method: unknown, params: unknown) => {
    if (!trusted(event)) return forbidden
    if (typeof method !== 'string') {
      return {
        ok: false,
        error: { code: 'VALIDATION', message: 'The method name must be a string.' },
      }
    }
    return relay.call(method, params)
  })
  ipcMain.handle('desktop:pickPath', async (event, purpose: unknown, pickOptions: unknown) => {
    if (!trusted(event)) return null
    const request = parsePickRequest(purpose, pickOptions)
    return request ? options.pickPath(window, request) : null
  })
  ipcMain.handle('desktop:showInFolder', (event, path: unknown) => {
    if (trusted(event) && isRevealablePath(path) && existsSync(path)) shell.showItemInFolder(path)
  })
  const unsubscribe = relay.subscribe((message) => {
    if (!window.isDestroyed()) window.webContents.send('api:event', message)
  })
  return {
    sendMenuCommand(command: MenuCommand) {
      if (!window.isDestroyed()) window.webContents.send('desktop:menu', command)
    },
    dispose() {
      for (const channel of ['api:call', 'desktop:pickPath', 'desktop:showInFolder'])
        ipcMain.removeHandler(channel)
      unsubscribe()
    },
  }
}
