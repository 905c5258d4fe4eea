import { app, BrowserWindow } from 'electron'
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createCore, type Core } from '../core/create-core'
import { defaultDataDir } from '../core/workspace/default-data-dir'
import { registerIpc } from './ipc'
import { safeStorageSecrets } from './safe-storage-secrets'
import { createMainWindow } from './window'

const here = dirname(fileURLToPath(import.meta.url))
const appRoot = app.getAppPath()
const devServerUrl = process.env.ELECTRON_RENDERER_URL

/** better-sqlite3 rebuilt for Electron's ABI by `npm start` lives beside, never over, the Node build. */
function electronSqliteBinding(): string | undefined {
  const file = join(appRoot, '.cache', 'electron-native', 'better_sqlite3.node')
  return existsSync(file) ? file : undefined
}

let core: Core | undefined

async function start(): Promise<void> {
  const nativeBinding = electronSqliteBinding()
  const secretStore = safeStorageSecrets()
  core = await createCore({
    dataDir: process.env.AUDIENCE_DATA_DIR ?? defaultDataDir(),
    resourcesDir: app.isPackaged
      ? join(process.resourcesPath, 'resources')
      : join(appRoot, 'resources'),
    workerDir: here,
    appVersion: app.getVersion(),
    ...(nativeBinding ? { nativeBinding } : {}),
    ...(secretStore ? { secretStore } : {}),
  })
  const window = createMainWindow({
    preloadFile: join(here, '..', 'preload', 'preload.cjs'),
    devServerUrl,
    rendererDir: join(here, '..', 'renderer'),
  })
  registerIpc(core, window, (url) => url.startsWith(devServerUrl ?? 'file://'))
}

app.enableSandbox()
if (!app.requestSingleInstanceLock()) app.quit()
app.on('second-instance', () => BrowserWindow.getAllWindows()[0]?.focus())
app.on('window-all-closed', () => app.quit())
app.on('will-quit', (event) => {
  if (!core) return
  event.preventDefault()
  const closing = core
  core = undefined
  void closing.close().finally(() => app.exit(0))
})
app
  .whenReady()
  .then(start)
  .catch((error: unknown) => {
    console.error(error)
    app.exit(1)
  })
