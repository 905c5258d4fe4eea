import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron'
import type { Core } from '../core/create-core'

/** One dispatcher for every call; only our own window's main frame may use it. */
export function registerIpc(
  core: Core,
  window: BrowserWindow,
  isTrustedUrl: (url: string) => boolean,
) {
  ipcMain.handle(
    'api:call',
    async (event: IpcMainInvokeEvent, method: unknown, params: unknown) => {
      const frameUrl = event.senderFrame?.url ?? ''
      if (event.sender !== window.webContents || !isTrustedUrl(frameUrl)) {
        return {
          ok: false,
          error: { code: 'FORBIDDEN', message: 'Calls are accepted from the app window only.' },
        }
      }
      if (typeof method !== 'string') {
        return {
          ok: false,
          error: { code: 'VALIDATION', message: 'The method name must be a string.' },
        }
      }
      return core.dispatch(method, params, { host: 'electron' })
    },
  )
  const unsubscribe = core.events.subscribe((message) => {
    if (!window.isDestroyed()) window.webContents.send('api:event', message)
  })
  return () => {
    ipcMain.removeHandler('api:call')
    unsubscribe()
  }
}
