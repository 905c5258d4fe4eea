import { connectionHandlers } from '../connections/connections.handlers'
import { createConnectionService } from '../connections/connections.service'
import type { Sqlite } from '../db/sqlite'
import { createKeyFileSecretStore } from '../secrets/key-file-secret-store'
import type { SecretStore } from '../secrets/secret-store'
import type { CoreTasks } from '../tasks/task-kinds'
import type { TestGates } from '../test-gates'
import { createModelStore } from '../models/model-store'
import { createModelsRepo } from '../models/models.repo'
import type { WorkerPool } from '../pool/worker-pool'
import { createExclusionRunner } from '../preprocessing/exclusion-runner'
import { createPreprocessingService } from '../preprocessing/preprocessing.service'
import { predictTask } from './predict.task'
import { predictingHandlers } from './predicting.handlers'
import { createPredictingService } from './predicting.service'

export interface PredictingModuleOptions {
  db: Sqlite
  tasks: CoreTasks
  dataDir: string
  /** Default: AES-256-GCM with `<dataDir>/secret.key`. The desktop app may pass a safeStorage one. */
  secrets?: SecretStore | undefined
  /** Labels batches ('ml.predict'). */
  pool: WorkerPool
  /** How long users' regexes may run (see CoreConfig). */
  regexBudgetMs: number
  nativeBinding?: string | undefined
  /** The built worker entries (see CoreConfig.workerDir). */
  workerDir?: string | undefined
  log?: ((error: unknown) => void) | undefined
  gates?: TestGates | undefined
}

/** Connections and predicting: services, handlers and the predict.run task kind. */
export function createPredictingModule(options: PredictingModuleOptions) {
  const secrets = options.secrets ?? createKeyFileSecretStore(options.dataDir)
  const connections = createConnectionService({ db: options.db, secrets })
  const modelSources = {
    models: createModelsRepo(options.db),
    store: createModelStore(options.dataDir),
    preprocessing: createPreprocessingService(
      options.db,
      createExclusionRunner(options.pool, options.regexBudgetMs),
    ),
  }
  const deps = {
    connections,
    pool: options.pool,
    regexBudgetMs: options.regexBudgetMs,
    modelSources,
    dataDir: options.dataDir,
    nativeBinding: options.nativeBinding,
    workerDir: options.workerDir,
    ...(options.log ? { log: options.log } : {}),
  }
  options.tasks.define(predictTask({ ...deps, gates: options.gates }))
  const predicting = createPredictingService({ ...deps, tasks: options.tasks })
  return {
    connections,
    predicting,
    handlers: { ...connectionHandlers(connections), ...predictingHandlers(predicting) },
  }
}
