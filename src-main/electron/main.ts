import type { BrowserWindow } from 'electron'
import { app, dialog, Menu, MessageChannelMain, shell, utilityProcess } from 'electron'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { defaultDataDir } from '../core/workspace/default-data-dir'
import { entryPaths } from '../host/entry-paths'
import { createFileLog, type FileLog } from '../host/file-log'
import { registerAppScheme, serveAppScheme } from './app-protocol'
import { rendererSource } from './app-url'
import { CoreStartupError, createCoreRelay, type CoreRelay, type HostProcess } from './core-relay'
import { createPathDialogs } from './dialogs'
import type { FromHost, HostReady } from './host-protocol'
import { registerIpc } from './ipc'
import { aboutDetail, menuTemplate } from './menu'
import { safeStorageSecrets } from './safe-storage-secrets'
import { startupDialog } from './startup-dialog'
import { createMainWindow, hardenSession } from './window'

const here = dirname(fileURLToPath(import.meta.url))
const paths = entryPaths(import.meta.url)
const packaged = app.isPackaged
const source = rendererSource({ packaged, devServerUrl: process.env.ELECTRON_RENDERER_URL })
const dataDir = defaultDataDir()
/** How long the core gets to finish its tasks' bookkeeping at quit before it is ended. */
const CLOSE_GRACE_MS = 10_000
/** Renderer crashes after which the window is no longer reloaded (a page that crashes at load). */
const MAX_RENDERER_RELOADS = 3

let log: FileLog | undefined
let relay: CoreRelay | undefined
let mainWindow: BrowserWindow | undefined

/** The core host, as an Electron utility process talking over a MessagePort. */
function spawnHost(): HostProcess {
  const child = utilityProcess.fork(join(here, 'core-host.js'), [], {
    serviceName: 'Audience Desktop core',
    stdio: 'inherit',
  })
  const { port1, port2 } = new MessageChannelMain()
  child.postMessage({ type: 'port' }, [port2])
  port1.start()
  return {
    channel: {
      post: (message) => port1.postMessage(message),
      onMessage: (listener) => port1.on('message', (e) => listener(e.data as FromHost)),
    },
    onExit: (listener) =>
      child.once('exit', (code) => {
        port1.close()
        listener(code)
      }),
    kill: () => void child.kill(),
  }
}

function logDir(): string {
  return app.getPath('logs')
}

async function showAbout(): Promise<void> {
  await dialog.showMessageBox({
    type: 'info',
    title: 'About Audience Desktop',
    message: 'Audience Desktop',
    detail: aboutDetail({
      appVersion: app.getVersion(),
      versions: process.versions,
      dataDir,
      logDir: logDir(),
    }),
  })
}

/** Starts the core; on a startup problem shows what happened and the fix until it starts or the user quits. */
async function startCore(core: CoreRelay): Promise<HostReady | null> {
  let attempt = core.start()
  for (;;) {
    try {
      return await attempt
    } catch (error) {
      log?.error(error, 'The core did not start')
      if (!(error instanceof CoreStartupError)) {
        dialog.showErrorBox(
          'Audience Desktop cannot start',
          `${error instanceof Error ? error.message : String(error)}\n\nThe log files are in ${logDir()}.`,
        )
        return null
      }
      const box = startupDialog(error.problem)
      const { response } = await dialog.showMessageBox({
        type: 'error',
        title: box.title,
        message: box.message,
        detail: box.detail,
        buttons: box.choices.map((c) => c.label),
        cancelId: box.choices.length - 1,
        noLink: true,
      })
      const choice = box.choices[response]?.id ?? 'quit'
      if (choice === 'quit') return null
      if (choice === 'start-fresh') attempt = core.restart({ setAsideWorkspace: true })
      else {
        await shell.openPath(choice === 'open-folder' ? dataDir : logDir())
        attempt = Promise.reject(error)
      }
    }
  }
}

function watchWindow(window: BrowserWindow): void {
  let reloads = 0
  window.webContents.on('render-process-gone', (_event, details) => {
    log?.write(
      'error',
      `The window's renderer is gone: ${details.reason} (exit code ${details.exitCode}).`,
    )
    if (details.reason === 'clean-exit' || window.isDestroyed()) return
    reloads++
    const reload = reloads <= MAX_RENDERER_RELOADS
    void dialog.showMessageBox(window, {
      type: 'warning',
      title: 'Audience Desktop',
      message: reload
        ? 'The window stopped unexpectedly and was reloaded.'
        : 'The window keeps stopping; it was not reloaded again.',
      detail: `Reason: ${details.reason}. Your workspace is safe. Details are in ${log?.file ?? logDir()}.`,
    })
    if (reload) window.webContents.reload()
  })
  window.webContents.on('unresponsive', () => log?.write('warn', 'The window is not responding.'))
  window.webContents.on('console-message', (event) => {
    if (event.level === 'error' || event.level === 'warning') {
      const level = event.level === 'error' ? 'error' : 'warn'
      log?.write(level, `renderer: ${event.message} (${event.sourceId}:${event.lineNumber})`)
    }
  })
}

async function start(): Promise<void> {
  log = createFileLog({ dir: logDir(), name: 'main' })
  log.info(`Audience Desktop ${app.getVersion()} starting (Electron ${process.versions.electron}).`)
  if (source.ignoredDevServer) log.write('warn', source.ignoredDevServer)
  serveAppScheme(paths.rendererDir)
  hardenSession(source)

  const secrets = safeStorageSecrets()
  const core = createCoreRelay({
    spawn: spawnHost,
    config: () => ({
      dataDir,
      resourcesDir: paths.resourcesDir,
      workerDir: paths.workerDir,
      ...(paths.workerExecArgv ? { workerExecArgv: paths.workerExecArgv } : {}),
      appVersion: app.getVersion(),
      logDir: logDir(),
      ...(secrets ? { secretScheme: secrets.scheme } : {}),
    }),
    ...(secrets ? { secrets } : {}),
    onCrash: (report) => {
      log?.write(
        'error',
        `The core process exited unexpectedly (exit code ${String(report.exitCode)}, ${report.crashes} in a row).`,
      )
      if (report.restarting) return
      dialog.showErrorBox(
        'Audience Desktop',
        `The core process stopped ${report.crashes} times in a row and was not restarted again. ` +
          `Quit and start Audience Desktop again; the log files in ${logDir()} say why.`,
      )
    },
    onRestarted: () => {
      const window = mainWindow
      if (!window || window.isDestroyed()) return
      window.webContents.reload()
      void dialog.showMessageBox(window, {
        type: 'warning',
        title: 'Audience Desktop',
        message: 'The core stopped unexpectedly and was restarted.',
        detail:
          'Tasks that were running are marked interrupted; resume them from the Tasks panel. ' +
          `Details are in ${join(logDir(), 'core.log')}.`,
      })
    },
  })
  relay = core

  const window = createMainWindow({
    preloadFile: join(here, '..', 'preload', 'preload.cjs'),
    source,
    stateFile: join(app.getPath('userData'), 'window-state.json'),
  })
  mainWindow = window
  watchWindow(window)
  const ipc = registerIpc({
    window,
    relay: core,
    isTrusted: source.isTrusted,
    pickPath: createPathDialogs(),
  })
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      menuTemplate({
        packaged,
        platform: process.platform,
        actions: {
          command: (command) => ipc.sendMenuCommand(command),
          openDataFolder: () => void shell.openPath(dataDir),
          openLogFolder: () => void shell.openPath(logDir()),
          about: () => void showAbout(),
        },
      }),
    ),
  )
  const ready = await startCore(core)
  if (!ready) {
    app.exit(1)
    return
  }
  if (ready.setAside) {
    log.info(`Started with a fresh workspace; the old one is ${ready.setAside}.`)
    // The page's first calls were answered "not running" while the dialog was up: load it again.
    if (!window.isDestroyed()) window.webContents.reload()
  }
  log.info(`Core ready (pid ${ready.pid}, ${ready.databaseFile}).`)
}

registerAppScheme()
app.enableSandbox()
// A second launch hands over to the first (which comes to the front) and ends here.
const primary = app.requestSingleInstanceLock()
if (!primary) app.exit(0)
app.on('second-instance', () => {
  const window = mainWindow
  if (!window || window.isDestroyed()) return
  if (window.isMinimized()) window.restore()
  window.show()
  window.focus()
})
app.on('window-all-closed', () => app.quit())
app.on('will-quit', (event) => {
  const closing = relay
  if (!closing) return
  event.preventDefault()
  relay = undefined
  const timer = setTimeout(() => closing.kill(), CLOSE_GRACE_MS)
  void closing.close().finally(() => {
    clearTimeout(timer)
    app.exit(0)
  })
})
process.on('uncaughtException', (error) => {
  log?.error(error, 'Uncaught exception in the main process')
})
app
  .whenReady()
  .then(() => (primary ? start() : undefined))
  .catch((error: unknown) => {
    log?.error(error, 'Startup failed')
    dialog.showErrorBox(
      'Audience Desktop cannot start',
      `${error instanceof Error ? error.message : String(error)}\n\nThe log files are in ${logDir()}.`,
    )
    app.exit(1)
  })
