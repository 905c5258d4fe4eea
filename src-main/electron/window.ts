import { BrowserWindow, screen, session } from 'electron'
import type { RendererSource } from './app-url'
import { loadWindowState, MIN_SIZE, saveWindowState } from './window-state'

export interface WindowOptions {
  preloadFile: string
  source: RendererSource
  /** Where the window's size and position are remembered. */
  stateFile: string
}

/** Deny-by-default for the whole session: no permissions, no requests outside the app's origin. */
export function hardenSession(source: RendererSource): void {
  const ses = session.defaultSession
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false))
  ses.setPermissionCheckHandler(() => false)
  ses.setDevicePermissionHandler(() => false)
  ses.webRequest.onBeforeRequest((details, callback) => {
    const url = details.url
    const allowed =
      source.isTrusted(url) ||
      source.isTrusted(url.replace(/^ws/, 'http')) || // the dev server's hot reload socket
      url.startsWith('devtools://') ||
      url.startsWith('data:')
    callback({ cancel: !allowed })
  })
}

/** A hardened window: isolated, sandboxed, no Node, strict CSP, app:// only, no navigation away. */
export function createMainWindow(options: WindowOptions): BrowserWindow {
  const { source } = options
  const state = loadWindowState(
    options.stateFile,
    screen.getAllDisplays().map((d) => d.workArea),
  )
  const window = new BrowserWindow({
    ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {}),
    width: state.width,
    height: state.height,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    show: false,
    title: 'Audience Desktop',
    webPreferences: {
      preload: options.preloadFile,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  })
  if (state.maximized) window.maximize()
  const remember = () => {
    const bounds = window.getNormalBounds()
    try {
      saveWindowState(options.stateFile, { ...bounds, maximized: window.isMaximized() })
    } catch {
      // Remembering the size is a convenience; a read-only profile folder must not block closing.
    }
  }
  window.on('close', remember)
  window.webContents.on('will-navigate', (event, url) => {
    if (!source.isTrusted(url)) event.preventDefault()
  })
  window.webContents.on('will-frame-navigate', (event) => {
    if (!source.isTrusted(event.url)) event.preventDefault()
  })
  window.webContents.on('will-attach-webview', (event) => event.preventDefault())
  window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }))
  window.once('ready-to-show', () => window.show())
  void window.loadURL(source.url)
  return window
}

export { type BrowserWindow }
