import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { SystemInfo } from '../api/contract/system'
import { createDatasetsModule, type DatasetTestGates } from './datasets/datasets.module'
import { openDatabase, schemaVersion } from './db/sqlite'
import { createModelingModule } from './models/modeling.module'
import { createDispatcher, type Handlers } from './dispatcher'
import { createEventBus } from './events'
import { keepHeapsTight } from './memory-policy'
import { createWorkerPool } from './pool/worker-pool'
import { createPredictingModule } from './predicting/predicting.module'
import type { SecretStore } from './secrets/secret-store'
import { selfTestTask } from './system/self-test.task'
import { systemHandlers } from './system/system.handlers'
import { createTaskRegistry } from './tasks/task-registry'
import { taskHandlers } from './tasks/tasks.handlers'
import { applySeeders, type Seeder } from './workspace/seed'

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
  /** Test-only pauses inside long work, so tests catch it mid-run without timing. */
  testGates?: DatasetTestGates
}

export const DATABASE_FILE = 'workspace.sqlite'

/** The one composition root: Electron main, the bridge, the CLI and tests all start here. */
export async function createCore(config: CoreConfig) {
  keepHeapsTight()
  mkdirSync(config.dataDir, { recursive: true })
  const databaseFile = join(config.dataDir, DATABASE_FILE)
  const db = openDatabase(
    databaseFile,
    config.nativeBinding ? { nativeBinding: config.nativeBinding } : {},
  )
  const events = createEventBus()
  const tasks = createTaskRegistry({ db, events, ...(config.log ? { log: config.log } : {}) })
  const pool = createWorkerPool({
    workerDir: config.workerDir,
    ...(config.maxThreads ? { maxThreads: config.maxThreads } : {}),
    ...(config.workerExecArgv ? { execArgv: config.workerExecArgv } : {}),
  })
  tasks.define(selfTestTask(pool))
  const datasets = createDatasetsModule({
    db,
    events,
    tasks,
    dataDir: config.dataDir,
    resourcesDir: config.resourcesDir,
    log: config.log,
    testGates: config.testGates,
    workerDir: config.workerDir,
  })

  const predicting = createPredictingModule({
    db,
    tasks,
    dataDir: config.dataDir,
    secrets: config.secretStore,
    pool,
    nativeBinding: config.nativeBinding,
    log: config.log,
  })

  const modeling = createModelingModule({
    db,
    pool,
    tasks,
    dataDir: config.dataDir,
    resourcesDir: config.resourcesDir,
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

  const handlers: Handlers = {
    ...systemHandlers(info, tasks),
    ...taskHandlers(tasks),
    ...datasets.handlers,
    ...predicting.handlers,
    ...modeling.handlers,
  }
  const seeders: Seeder[] = [datasets.demoSeeder, modeling.demoSeeder]
  if (config.seedDemo !== false) await applySeeders(db, seeders)

  return {
    config,
    db,
    events,
    tasks,
    pool,
    /** Work after imports (removing failed ones, building search indexes); `idle()` awaits it. */
    background: datasets.background,
    dispatch: createDispatcher(handlers, config.log),
    async close(): Promise<void> {
      await tasks.close()
      await datasets.close()
      await pool.close()
      db.close()
    },
  }
}

export type Core = Awaited<ReturnType<typeof createCore>>
