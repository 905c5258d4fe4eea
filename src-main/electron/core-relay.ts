import type { CallOutcome } from '../api/client'
import type { ApiEventMessage } from '../api/events'
import type {
  FromHost,
  HostChannel,
  HostReady,
  HostStartConfig,
  StartupProblem,
  ToHost,
} from './host-protocol'

/** A started core host, however it was started (utilityProcess in the app, fork in tests). */
export interface HostProcess {
  channel: HostChannel<FromHost, ToHost>
  /** Called once when the process has ended, with its exit code (null if killed by a signal). */
  onExit(listener: (code: number | null) => void): void
  kill(): void
}

/** The main process's `safeStorage`, synchronous where it lives. */
export interface SecretSealer {
  scheme: string
  seal(plain: string): string
  open(sealed: string): string
}

export interface CrashReport {
  exitCode: number | null
  /** Crashes in a row without a successful start in between. */
  crashes: number
  /** False once maxCrashes is reached: the relay stops trying. */
  restarting: boolean
}

export interface RelayOptions {
  spawn(): HostProcess
  /** Read at every (re)start. */
  config(): HostStartConfig
  secrets?: SecretSealer
  onCrash?(report: CrashReport): void
  /** A host started again after a crash is ready. */
  onRestarted?(ready: HostReady): void
  /** Crashes in a row (before a start succeeds) after which the relay gives up; default 3. */
  maxCrashes?: number
}

/** The core could not start; `problem` says why and what to do. */
export class CoreStartupError extends Error {
  constructor(readonly problem: StartupProblem) {
    super(problem.message)
    this.name = 'CoreStartupError'
  }
}

const unavailable = (message: string): CallOutcome => ({
  ok: false,
  error: { code: 'UNAVAILABLE', message },
})

type State = 'idle' | 'starting' | 'ready' | 'failed' | 'stopped' | 'closing'

/**
 * The main process's side of the core: starts the host, relays calls and events, answers its
 * `safeStorage` requests, and when the host dies unexpectedly fails the calls in flight, reports the
 * crash and starts a new host. Electron-free, so the whole lifecycle is tested under plain Node.
 */
export function createCoreRelay(options: RelayOptions) {
  const maxCrashes = options.maxCrashes ?? 3
  const listeners = new Set<(message: ApiEventMessage) => void>()
  const pending = new Map<number, (outcome: CallOutcome) => void>()
  let waiting: { run: () => void; fail: (message: string) => void }[] = []
  let state: State = 'idle'
  let host: HostProcess | undefined
  let nextId = 1
  let crashes = 0
  let lastProblem: StartupProblem | undefined
  let exited: Promise<void> = Promise.resolve()

  function answerSecret(proc: HostProcess, id: number, op: 'seal' | 'open', value: string): void {
    const secrets = options.secrets
    if (!secrets) {
      proc.channel.post({
        type: 'secret-result',
        id,
        ok: false,
        message: "This system's keychain is not available to seal passwords.",
      })
      return
    }
    try {
      const result = op === 'seal' ? secrets.seal(value) : secrets.open(value)
      proc.channel.post({ type: 'secret-result', id, ok: true, value: result })
    } catch {
      proc.channel.post({
        type: 'secret-result',
        id,
        ok: false,
        message:
          op === 'open'
            ? "A stored password cannot be decrypted by this user's keychain. Save the connection's password again."
            : "The password could not be sealed by this system's keychain.",
      })
    }
  }

  function failWaiting(message: string): void {
    const list = waiting
    waiting = []
    for (const w of list) w.fail(message)
  }

  function launch(extra: Partial<HostStartConfig> = {}): Promise<HostReady> {
    state = 'starting'
    return new Promise<HostReady>((resolve, reject) => {
      const proc = options.spawn()
      host = proc
      let resolveExit = () => {}
      exited = new Promise((done) => (resolveExit = done))
      proc.channel.onMessage((message) => {
        if (host !== proc) return
        switch (message.type) {
          case 'ready': {
            state = 'ready'
            crashes = 0
            lastProblem = undefined
            const list = waiting
            waiting = []
            for (const w of list) w.run()
            resolve(message.ready)
            return
          }
          case 'failed':
            state = 'failed'
            lastProblem = message.problem
            failWaiting(`${message.problem.message} ${message.problem.fix}`)
            reject(new CoreStartupError(message.problem))
            return
          case 'reply': {
            const answer = pending.get(message.id)
            pending.delete(message.id)
            answer?.(message.outcome)
            return
          }
          case 'event':
            for (const listener of listeners) listener(message.message)
            return
          case 'secret':
            answerSecret(proc, message.id, message.op, message.value)
            return
        }
      })
      proc.onExit((code) => {
        resolveExit()
        if (host !== proc) return
        host = undefined
        const inFlight = [...pending.values()]
        pending.clear()
        const expected = state === 'closing' || state === 'failed' || state === 'stopped'
        const stoppedMessage = expected
          ? 'The core has stopped.'
          : `The core process stopped unexpectedly (exit code ${String(code)}) and is being restarted; try again.`
        for (const answer of inFlight) answer(unavailable(stoppedMessage))
        if (expected) {
          if (state !== 'failed') state = 'stopped'
          return
        }
        const wasStarting = state === 'starting'
        crashes++
        const restarting = crashes < maxCrashes
        options.onCrash?.({ exitCode: code, crashes, restarting })
        if (!restarting) {
          state = 'stopped'
          failWaiting(
            `The core process stopped ${crashes} times in a row (exit code ${String(code)}). Restart Audience Desktop.`,
          )
          reject(
            new Error(`The core host exited with code ${String(code)} ${crashes} times in a row.`),
          )
          return
        }
        const next = launch(extra)
        if (wasStarting) next.then(resolve, reject)
        else next.then((ready) => options.onRestarted?.(ready)).catch(() => {})
      })
      proc.channel.post({ type: 'start', config: { ...options.config(), ...extra } })
    })
  }

  function send(proc: HostProcess, method: string, params: unknown): Promise<CallOutcome> {
    const id = nextId++
    return new Promise((resolve) => {
      pending.set(id, resolve)
      proc.channel.post({ type: 'call', id, method, params })
    })
  }

  return {
    /** Starts the host; rejects with CoreStartupError when the core cannot open its workspace. */
    start: (extra?: Partial<HostStartConfig>): Promise<HostReady> => launch(extra),

    /** Kills a host whose start failed and starts another (e.g. with `setAsideWorkspace`). */
    async restart(extra?: Partial<HostStartConfig>): Promise<HostReady> {
      if (host) {
        state = 'stopped'
        host.kill()
        await exited
      }
      return launch(extra)
    },

    /** One API call; while a host is (re)starting it waits for it, and it never throws. */
    call(method: string, params: unknown): Promise<CallOutcome> {
      if (state === 'ready' && host) return send(host, method, params)
      if (state === 'starting') {
        return new Promise((resolve) => {
          waiting.push({
            run: () =>
              void (host
                ? send(host, method, params).then(resolve)
                : resolve(unavailable('The core has stopped.'))),
            fail: (message) => resolve(unavailable(message)),
          })
        })
      }
      const reason = lastProblem
        ? `${lastProblem.message} ${lastProblem.fix}`
        : 'The core is not running.'
      return Promise.resolve(unavailable(`${reason} Restart Audience Desktop.`))
    },

    subscribe(listener: (message: ApiEventMessage) => void): () => void {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    },

    /** Asks the host to close the core (tasks, workers, database) and waits for it to exit. */
    async close(): Promise<void> {
      const proc = host
      state = 'closing'
      failWaiting('The app is closing.')
      if (!proc) return
      proc.channel.post({ type: 'close' })
      await exited
    },

    /** Ends the host at once (a close that takes too long). */
    kill(): void {
      if (state !== 'closing') state = 'stopped'
      host?.kill()
    },

    get state(): State {
      return state
    },
  }
}

export type CoreRelay = ReturnType<typeof createCoreRelay>
