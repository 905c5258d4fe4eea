import { mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { SystemInfo } from '../api/contract/system'
import { REGEX_BUDGET_MS } from '../../src-worker/ml/models/regex/regex-model'
import { composeCore } from './composition'
import { backupBeforeMigrating, openDatabase, schemaVersion } from './db/sqlite'
import { createDispatcher, type Handlers } from './dispatcher'
import { createEventBus } from './events'
import { keepHeapsTight } from './memory-policy'
import { createWorkerPool } from './pool/worker-pool'
import { systemHandlers } from './system/system.handlers'
import type { TaskKinds } from './tasks/task-kinds'
import { createTaskRegistry, type TaskRegistryOptions } from './tasks/task-registry'
import { taskHandlers } from './tasks/tasks.handlers'
import type { SecretStore } from './secrets/secret-store'
import type { TestGates } from './test-gates'
import { removeLeftovers } from './workspace/leftovers'
import { applySeeders } from './workspace/seed'

export interface CoreConfig {
  /** The workspace directory: the SQLite file and everything the user creates live here. */
  dataDir: string
  /** Read-only app resources (demo data, icons). */
  resourcesDir: string
  /** Where the worker entry files are (built out/main, or src-worker under tsx). */
  workerDir: string
  workerExecArgv?: string[]
  maxThreads?: number
  /** better-sqlite3 binding for a non-Node runtime (Electron). */
  nativeBinding?: string
  appVersion?: string
  /** Seed the demo workspace on first start (default true). */
  seedDemo?: boolean
  log?: (error: unknown) => void
  /** Seals connection passwords; the Electron adapter injects safeStorage (default: workspace key file). */
  secretStore?: SecretStore
  /** Tests only: hold tasks at known points (see TestGates). */
  testGates?: TestGates
  /** The task registry's clock and heartbeat (tests drive staleness with these). */
  tasks?: Pick<TaskRegistryOptions, 'now' | 'heartbeatMs' | 'staleMs'>
  /**
   * How long users' regexes may run (ms, default 10,000): one exclusion pattern on one text, or a
   * regex model's patterns on one batch. A pattern stuck longer stops its worker thread and is named.
   */
  regexBudgetMs?: number
}

export const DATABASE_FILE = 'workspace.sqlite'
/** Copies of the workspace taken before each migration (see backupBeforeMigrating). */
export const BACKUPS_DIR = 'backups'

/** The one composition root: Electron main, the bridge, the CLI and tests all start here. */
export async function createCore(givenConfig: CoreConfig) {
  // Resolved once, so every path built from it is absolute (downloads compare against it).
  const config = { ...givenConfig, dataDir: resolve(givenConfig.dataDir) }
  keepHeapsTight()
  mkdirSync(config.dataDir, { recursive: true })
  const databaseFile = join(config.dataDir, DATABASE_FILE)
  await backupBeforeMigrating(databaseFile, {
    dir: join(config.dataDir, BACKUPS_DIR),
    nativeBinding: config.nativeBinding,
  })
  const db = openDatabase(
    databaseFile,
    config.nativeBinding ? { nativeBinding: config.nativeBinding } : {},
  )
  const events = createEventBus()
  const tasks = createTaskRegistry<TaskKinds>({
    db,
    events,
    ...config.tasks,
    ...(config.log ? { log: config.log } : {}),
  })
  const pool = createWorkerPool({
    workerDir: config.workerDir,
    ...(config.maxThreads ? { maxThreads: config.maxThreads } : {}),
    ...(config.workerExecArgv ? { execArgv: config.workerExecArgv } : {}),
    ...(config.log ? { log: config.log } : {}),
  })
  const composed = composeCore({
    db,
    events,
    tasks,
    pool,
    dataDir: config.dataDir,
    resourcesDir: config.resourcesDir,
    workerDir: config.workerDir,
    regexBudgetMs: config.regexBudgetMs ?? REGEX_BUDGET_MS,
    secrets: config.secretStore,
    nativeBinding: config.nativeBinding,
    log: config.log,
    gates: config.testGates,
  })

  const info = (): Omit<SystemInfo, 'host'> => ({
    appVersion: config.appVersion ?? '0.0.0',
    dataDir: config.dataDir,
    databaseFile,
    schemaVersion: schemaVersion(db),
    nodeVersion: process.versions.node,
    platform: process.platform,
    workerThreads: pool.maxThreads,
  })

  // Every kind is defined now: tasks of dead processes get the right message, then their files go.
  tasks.recover()
  removeLeftovers(join(config.dataDir, 'tmp'), tasks, Date.now(), config.log ?? console.error)
  composed.afterRecover()

  const handlers: Handlers = {
    ...systemHandlers(info, tasks),
    ...taskHandlers(tasks),
    ...composed.handlers,
  }
  if (config.seedDemo !== false) await applySeeders(db, composed.seeders)

  return {
    config,
    db,
    events,
    tasks,
    pool,
    /** Work after imports (removing failed ones, building search indexes); `idle()` awaits it. */
    services: composed.services,
    background: composed.background,
    dispatch: createDispatcher(handlers, config.log),
    async close(): Promise<void> {
      await tasks.close()
      await composed.close()
      await pool.close()
      db.close()
    },
  }
}

export type Core = Awaited<ReturnType<typeof createCore>>
