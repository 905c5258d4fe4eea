import type { ApiClient } from '../api/client'
import { createAnnotateStore } from './annotate/store'
import { createDatasetsStore } from './datasets/store'
import { createConnectionsStore } from './connections/store'
import { createModelsStore } from './models/store'
import { createPredictStore } from './predict/store'
import { createRulesStore } from './rules/store'
import { createSuggestStore } from './suggest/store'
import { createSystemStore } from './system/store'
import { createTasksStore } from './tasks/store'
import type { Reporter, SliceDeps } from './types'
import { createUiStore, type UiStoreOptions } from './ui/store'

export interface StoresOptions extends UiStoreOptions {
  api: ApiClient
}

/**
 * Every slice, created once at boot with its dependencies. To add a slice: make
 * `stores/<slice>/{state,actions,selectors,store}.ts`, create it here, add a hook in `hooks.ts`, and
 * apply its server events in `api/subscriptions.ts`.
 */
export function createStores({ api, ...uiOptions }: StoresOptions) {
  const ui = createUiStore(uiOptions)
  const report: Reporter = {
    error: (error) => ui.getState().showError(error),
    info: (title, message = '') => {
      ui.getState().pushToast({ kind: 'info', title, message, closesAfterMs: 5000 })
    },
  }
  const deps: SliceDeps = { api, report }
  return {
    api,
    ui,
    tasks: createTasksStore(deps),
    system: createSystemStore(deps),
    datasets: createDatasetsStore(deps),
    annotate: createAnnotateStore(deps),
    connections: createConnectionsStore(deps),
    predict: createPredictStore(deps),
    models: createModelsStore(deps),
    rules: createRulesStore(deps),
    suggest: createSuggestStore(deps),
  }
}

export type Stores = ReturnType<typeof createStores>
