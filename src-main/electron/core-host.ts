// The core's own process. In the app, Electron's main process starts this file with
// `utilityProcess.fork` and hands it a MessagePort; under plain Node (`child_process.fork`, as the
// integration tests do) it talks over the fork channel instead. It never imports 'electron': the
// same file runs in both, and everything Electron-only (safeStorage) is asked of the main process.
import type { MessagePortMain, ParentPort } from 'electron'
import { join } from 'node:path'
import { ApiError } from '../api/errors'
import { createCore, DATABASE_FILE, type Core } from '../core/create-core'
import type { SecretStore } from '../core/secrets/secret-store'
import { setAsideWorkspace } from '../core/workspace/set-aside'
import { createFileLog, type FileLog } from '../host/file-log'
import type { FromHost, HostChannel, HostStartConfig, ToHost } from './host-protocol'
import { describeStartupFailure } from './startup-problem'

type Channel = HostChannel<ToHost, FromHost>

/** Electron's utility process: the first message from the parent carries our end of the channel. */
function portChannel(parentPort: ParentPort): Promise<Channel> {
  return new Promise((resolve) => {
    parentPort.once('message', (event: { ports: MessagePortMain[] }) => {
      const port = event.ports[0]
      if (!port) throw new Error('The core host expected a MessagePort in its first message.')
      port.on('close', () => process.exit(0))
      resolve({
        post: (message) => port.postMessage(message),
        onMessage: (listener) => {
          port.on('message', (e: { data: ToHost }) => listener(e.data))
          port.start()
        },
      })
    })
  })
}

/** Plain Node: the `child_process.fork` IPC channel. */
function forkChannel(): Channel {
  const send = process.send?.bind(process)
  if (!send) throw new Error('The core host must be started by the app (or child_process.fork).')
  // Orphaned hosts end with their parent.
  process.on('disconnect', () => process.exit(0))
  return {
    post: (message) => void send(message),
    onMessage: (listener) => process.on('message', (m) => listener(m as ToHost)),
  }
}

/** Connection passwords sealed by the main process's `safeStorage`, asked for over the channel. */
function remoteSecretStore(
  scheme: string,
  ask: (op: 'seal' | 'open', value: string) => Promise<string>,
): SecretStore {
  return { scheme, seal: (plain) => ask('seal', plain), open: (sealed) => ask('open', sealed) }
}

function serve(channel: Channel): void {
  let core: Core | undefined
  let log: FileLog | undefined
  let nextSecret = 1
  const secrets = new Map<number, { resolve: (v: string) => void; reject: (e: ApiError) => void }>()

  const ask = (op: 'seal' | 'open', value: string) =>
    new Promise<string>((resolve, reject) => {
      const id = nextSecret++
      secrets.set(id, { resolve, reject })
      channel.post({ type: 'secret', id, op, value })
    })

  process.on('uncaughtException', (error) => {
    log?.error(error, 'Uncaught exception in the core host')
    process.exit(1)
  })
  process.on('unhandledRejection', (error) =>
    log?.error(error, 'Unhandled rejection in the core host'),
  )

  async function start(config: HostStartConfig): Promise<void> {
    log = createFileLog({ dir: config.logDir, name: 'core' })
    const databaseFile = join(config.dataDir, DATABASE_FILE)
    log.info(`Core host starting on ${config.dataDir} (Node ${process.versions.node}).`)
    try {
      const setAside = config.setAsideWorkspace
        ? setAsideWorkspace(config.dataDir, DATABASE_FILE)
        : null
      if (setAside) log.info(`The damaged workspace was kept as ${setAside}.`)
      const fileLog = log
      core = await createCore({
        dataDir: config.dataDir,
        resourcesDir: config.resourcesDir,
        workerDir: config.workerDir,
        appVersion: config.appVersion,
        log: (error) => fileLog.error(error),
        ...(config.workerExecArgv ? { workerExecArgv: config.workerExecArgv } : {}),
        ...(config.maxThreads ? { maxThreads: config.maxThreads } : {}),
        ...(config.seedDemo !== undefined ? { seedDemo: config.seedDemo } : {}),
        ...(config.secretScheme
          ? { secretStore: remoteSecretStore(config.secretScheme, ask) }
          : {}),
      })
      core.events.subscribe((message) => channel.post({ type: 'event', message }))
      channel.post({
        type: 'ready',
        ready: { pid: process.pid, databaseFile, logFile: log.file, setAside },
      })
    } catch (error) {
      log.error(error, 'The core could not start')
      const problem = describeStartupFailure(error, {
        dataDir: config.dataDir,
        databaseFile,
        logFile: log.file,
      })
      // The host stays up, idle, until the main process decides (it kills this one and starts another).
      channel.post({ type: 'failed', problem })
    }
  }

  async function call(id: number, method: string, params: unknown): Promise<void> {
    const outcome = core
      ? await core.dispatch(method, params, { host: 'electron' })
      : ({
          ok: false,
          error: { code: 'UNAVAILABLE', message: 'The core is not running; restart the app.' },
        } as const)
    channel.post({ type: 'reply', id, outcome })
  }

  channel.onMessage((message) => {
    switch (message.type) {
      case 'start':
        void start(message.config)
        return
      case 'call':
        void call(message.id, message.method, message.params)
        return
      case 'secret-result': {
        const pending = secrets.get(message.id)
        secrets.delete(message.id)
        if (message.ok) pending?.resolve(message.value)
        else pending?.reject(new ApiError('UNAVAILABLE', message.message))
        return
      }
      case 'close': {
        const closing = core
        core = undefined
        void (closing?.close() ?? Promise.resolve())
          .catch((error: unknown) => log?.error(error, 'Closing the core failed'))
          .finally(() => process.exit(0))
        return
      }
    }
  })
}

const parentPort: ParentPort | undefined = 'parentPort' in process ? process.parentPort : undefined
if (parentPort) void portChannel(parentPort).then(serve)
else serve(forkChannel())
