import { BrowserWindow, session } from 'electron'
import { join } from 'node:path'
import { CONTENT_SECURITY_POLICY } from '../bridge/static-files'

export interface WindowOptions {
  preloadFile: string
  /** electron-vite's dev server URL, or undefined to load the built renderer from disk. */
  devServerUrl: string | undefined
  rendererDir: string
}

/** A hardened window: isolated, sandboxed, no Node, strict CSP, no remote content, no navigation. */
export function createMainWindow(options: WindowOptions): BrowserWindow {
  const allowedPrefix = options.devServerUrl ?? 'file://'
  const isTrustedUrl = (url: string) => url.startsWith(allowedPrefix)

  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) =>
    callback(false),
  )
  session.defaultSession.webRequest.onBeforeRequest((details, callback) => {
    const local =
      details.url.startsWith('file://') ||
      details.url.startsWith('devtools://') ||
      details.url.startsWith('data:') ||
      (options.devServerUrl !== undefined &&
        details.url.startsWith(options.devServerUrl.replace(/^http/, 'ws'))) ||
      isTrustedUrl(details.url)
    callback({ cancel: !local })
  })
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
      },
    })
  })

  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
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
  window.webContents.on('will-navigate', (event, url) => {
    if (!isTrustedUrl(url)) event.preventDefault()
  })
  window.webContents.on('will-attach-webview', (event) => event.preventDefault())
  window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }))
  window.once('ready-to-show', () => window.show())

  if (options.devServerUrl) void window.loadURL(options.devServerUrl)
  else void window.loadFile(join(options.rendererDir, 'index.html'))
  return window
}

export { type BrowserWindow }
