import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import type { CallOutcome, Transport } from '../api/client'
import type { ApiEventMessage } from '../api/events'

/** The renderer's only door: one call channel and one event channel, nothing else of Node or Electron. */
const desktop: Transport = {
  call: (method, params) => ipcRenderer.invoke('api:call', method, params) as Promise<CallOutcome>,
  subscribe: (listener) => {
    const forward = (_event: IpcRendererEvent, message: ApiEventMessage) => listener(message)
    ipcRenderer.on('api:event', forward)
    return () => {
      ipcRenderer.removeListener('api:event', forward)
    }
  },
}

contextBridge.exposeInMainWorld('desktop', desktop)
