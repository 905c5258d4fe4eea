import type { AnnotationService } from '../annotation/annotation.service'
import type { DatasetService } from '../datasets/datasets.service'
import type { Sqlite } from '../db/sqlite'
import { createModelStore } from '../models/model-store'
import { createModelsRepo } from '../models/models.repo'
import type { WorkerPool } from '../pool/worker-pool'
import type { TaskRegistry } from '../tasks/task-registry'
import { suggestionHandlers } from './suggestions.handlers'
import { createSuggestionsRepo } from './suggestions.repo'
import { createSuggestionService } from './suggestions.service'
import { suggestionsTask } from './suggestions.task'

/** Model suggestions and annotation queues, wired for `createCore`. */
export function createSuggestionsModule(deps: {
  db: Sqlite
  pool: WorkerPool
  tasks: TaskRegistry
  dataDir: string
  datasets: DatasetService
  annotation: AnnotationService
}) {
  const repo = createSuggestionsRepo(deps.db)
  const store = createModelStore(deps.dataDir)
  deps.tasks.define(suggestionsTask({ db: deps.db, pool: deps.pool, store, repo }))
  const service = createSuggestionService({
    repo,
    models: createModelsRepo(deps.db),
    tasks: deps.tasks,
    datasets: deps.datasets,
    annotation: deps.annotation,
  })
  return { service, handlers: suggestionHandlers(service) }
}
