import { connectionHandlers } from '../connections/connections.handlers'
import { createConnectionService } from '../connections/connections.service'
import type { Sqlite } from '../db/sqlite'
import { createKeyFileSecretStore } from '../secrets/key-file-secret-store'
import type { SecretStore } from '../secrets/secret-store'
import type { TaskRegistry } from '../tasks/task-registry'
import type { ModelFileLoader } from './plan'
import { predictTask } from './predict.task'
import { predictingHandlers } from './predicting.handlers'
import { createPredictingService } from './predicting.service'

export interface PredictingModuleOptions {
  db: Sqlite
  tasks: TaskRegistry
  dataDir: string
  /** Default: AES-256-GCM with `<dataDir>/secret.key`. The desktop app may pass a safeStorage one. */
  secrets?: SecretStore | undefined
  loadModelFile?: ModelFileLoader | undefined
  log?: ((error: unknown) => void) | undefined
}

/** Connections and predicting: services, handlers and the predict.run task kind. */
export function createPredictingModule(options: PredictingModuleOptions) {
  const secrets = options.secrets ?? createKeyFileSecretStore(options.dataDir)
  const connections = createConnectionService({ db: options.db, secrets })
  const deps = {
    connections,
    ...(options.loadModelFile ? { loadModelFile: options.loadModelFile } : {}),
    ...(options.log ? { log: options.log } : {}),
  }
  options.tasks.define(predictTask(deps))
  const predicting = createPredictingService({ ...deps, tasks: options.tasks })
  return {
    connections,
    predicting,
    handlers: { ...connectionHandlers(connections), ...predictingHandlers(predicting) },
  }
}
