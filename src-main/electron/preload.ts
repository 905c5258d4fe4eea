import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import type { CallOutcome } from '../api/client'
import type { DesktopApi, MenuCommand } from '../api/desktop'
import type { ApiEventMessage } from '../api/events'

/** The renderer's only door: API calls and events, path dialogs, "show in folder", menu commands. */
const desktop: DesktopApi = {
  call: (method, params) => ipcRenderer.invoke('api:call', method, params) as Promise<CallOutcome>,
  subscribe: (listener) => {
    const forward = (_event: IpcRendererEvent, message: ApiEventMessage) => listener(message)
    ipcRenderer.on('api:event', forward)
    return () => {
      ipcRenderer.removeListener('api:event', forward)
    }
  },
  pickPath: (purpose, options) =>
    ipcRenderer.invoke('desktop:pickPath', purpose, options) as Promise<string | null>,
  showInFolder: async (path) => {
    await ipcRenderer.invoke('desktop:showInFolder', path)
  },
  onMenuCommand: (listener) => {
    const forward = (_event: IpcRendererEvent, command: MenuCommand) => listener(command)
    ipcRenderer.on('desktop:menu', forward)
    return () => {
      ipcRenderer.removeListener('desktop:menu', forward)
    }
  },
}

contextBridge.exposeInMainWorld('desktop', desktop)
