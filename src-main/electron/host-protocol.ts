import type { CallOutcome } from '../api/client'
import type { ApiEventMessage } from '../api/events'

/**
 * The messages between Electron's main process (the relay) and the core host. In the app they travel
 * over a MessagePort from a MessageChannelMain; under plain Node (tests) over `child_process.fork`'s
 * channel with `serialization: 'advanced'`, which clones the same way.
 */

/** What the core host needs to start; the main process works these out from Electron's paths. */
export interface HostStartConfig {
  dataDir: string
  resourcesDir: string
  workerDir: string
  workerExecArgv?: string[]
  appVersion: string
  /** The platform's log folder; the host writes `core.log` there. */
  logDir: string
  /** Set when the main process seals secrets with `safeStorage` (its scheme name); else the key file. */
  secretScheme?: string
  /** Move a workspace database that failed to open aside (kept, never deleted) and start fresh. */
  setAsideWorkspace?: boolean
  seedDemo?: boolean
  maxThreads?: number
}

/** Why the core could not start, in words for a dialog, with the fix. */
export interface StartupProblem {
  kind:
    | 'damaged-workspace'
    | 'newer-workspace'
    | 'no-access'
    | 'disk-full'
    | 'incomplete-install'
    | 'other'
  /** One sentence: what went wrong. */
  message: string
  /** What to do about it. */
  fix: string
  /** The technical detail (the original error's message), also in the log. */
  detail: string
  /** Offer "Start with a fresh workspace" (the old database is renamed, never deleted). */
  canStartFresh: boolean
  databaseFile: string
  logFile: string
}

export interface HostReady {
  pid: number
  databaseFile: string
  logFile: string
  /** Where a damaged workspace was moved when setAsideWorkspace was asked for. */
  setAside: string | null
}

export type ToHost =
  | { type: 'start'; config: HostStartConfig }
  | { type: 'call'; id: number; method: string; params: unknown }
  | { type: 'secret-result'; id: number; ok: true; value: string }
  | { type: 'secret-result'; id: number; ok: false; message: string }
  | { type: 'close' }

export type FromHost =
  | { type: 'ready'; ready: HostReady }
  | { type: 'failed'; problem: StartupProblem }
  | { type: 'reply'; id: number; outcome: CallOutcome }
  | { type: 'event'; message: ApiEventMessage }
  | { type: 'secret'; id: number; op: 'seal' | 'open'; value: string }
  | { type: 'closed' }

/** One side of the link, whatever carries it. */
export interface HostChannel<In, Out> {
  post(message: Out): void
  onMessage(listener: (message: In) => void): void
}
