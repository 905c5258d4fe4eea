import { join } from 'node:path'
import { annotationHandlers } from './annotation/annotation.handlers'
import { createAnnotationService } from './annotation/annotation.service'
import { connectionHandlers } from './connections/connections.handlers'
import { createConnectionService } from './connections/connections.service'
import { createDatasetBackground } from './datasets/dataset-background'
import { createDatasetIoService } from './datasets/datasets-io.service'
import { datasetHandlers } from './datasets/datasets.handlers'
import { createDatasetService } from './datasets/datasets.service'
import { demoDatasetSeeder } from './datasets/demo-seeder'
import { exportTask } from './datasets/export.task'
import { importTask } from './datasets/import.task'
import { createUploads } from './datasets/uploads'
import type { Sqlite } from './db/sqlite'
import type { EventBus } from './events'
import { evaluationTask } from './models/evaluation.task'
import { createModelStore } from './models/model-store'
import { modelHandlers } from './models/models.handlers'
import { createModelsRepo } from './models/models.repo'
import { createModelsService } from './models/models.service'
import { trainingTask } from './models/training.task'
import type { WorkerPool } from './pool/worker-pool'
import { predictTask } from './predicting/predict.task'
import { predictingHandlers, templateHandlers } from './predicting/predicting.handlers'
import { createPredictTemplates } from './predicting/templates'
import { createPredictingService } from './predicting/predicting.service'
import { createExclusionRunner } from './preprocessing/exclusion-runner'
import { preprocessingHandlers } from './preprocessing/preprocessing.handlers'
import { createPreprocessingService } from './preprocessing/preprocessing.service'
import { demoRulesSeeder } from './rules/demo-rules-seeder'
import { ruleHandlers } from './rules/rules.handlers'
import { createRulesService } from './rules/rules.service'
import { createReviewFromPredict } from './suggestions/review'
import { createFreshRepo } from './suggestions/fresh-model.repo'
import { suggestionHandlers } from './suggestions/suggestions.handlers'
import { createSuggestionsRepo } from './suggestions/suggestions.repo'
import { createSuggestionService } from './suggestions/suggestions.service'
import { suggestionsTask } from './suggestions/suggestions.task'
import { createKeyFileSecretStore } from './secrets/key-file-secret-store'
import type { SecretStore } from './secrets/secret-store'
import { selfTestTask } from './system/self-test.task'
import type { CoreTasks } from './tasks/task-kinds'
import type { TestGates } from './test-gates'
import { createWorkspaceOverview } from './workspace/overview'
import type { Seeder } from './workspace/seed'
import { createUiStateStore } from './workspace/ui-state'
import { workspaceHandlers } from './workspace/workspace.handlers'

export interface CompositionDeps {
  db: Sqlite
  events: EventBus
  tasks: CoreTasks
  pool: WorkerPool
  dataDir: string
  resourcesDir: string
  /** Where built worker entries are (big imports are read, outputs finished, on threads). */
  workerDir: string
  /** How long users' regexes may run (see CoreConfig.regexBudgetMs). */
  regexBudgetMs: number
  /** Default: AES-256-GCM with `<dataDir>/secret.key`. The desktop app may pass a safeStorage one. */
  secrets?: SecretStore | undefined
  nativeBinding?: string | undefined
  log?: ((error: unknown) => void) | undefined
  gates?: TestGates | undefined
}

/**
 * The one composition graph: every repo, service and task kind of the core is built here, once. A
 * domain reaches another only through what it is given here (models read datasets through the
 * DatasetReader port, never the database).
 */
export function composeCore(deps: CompositionDeps) {
  const { db, tasks, pool, dataDir } = deps
  tasks.define(selfTestTask(pool))

  const datasets = composeDatasets(deps)

  const secrets = deps.secrets ?? createKeyFileSecretStore(dataDir)
  const connections = createConnectionService({ db, secrets })

  const exclusions = createExclusionRunner(pool, deps.regexBudgetMs)
  const preprocessing = createPreprocessingService(db, exclusions, datasets.reader)
  const rules = createRulesService(db, pool, datasets.reader)

  const modelsRepo = createModelsRepo(db)
  const modelStore = createModelStore(dataDir)
  const modelDeps = { pool, exclusions, repo: modelsRepo, store: modelStore }
  const models = createModelsService({
    ...modelDeps,
    datasets: datasets.reader,
    dataDir,
    tasks,
    preprocessing,
    rules,
  })
  tasks.define(trainingTask({ ...modelDeps, db, datasets: datasets.reader, gates: deps.gates }))
  tasks.define(evaluationTask({ ...modelDeps, datasets: datasets.reader }))

  const suggestionsRepo = createSuggestionsRepo(db)
  tasks.define(
    suggestionsTask({
      db,
      datasets: datasets.reader,
      pool,
      store: modelStore,
      repo: suggestionsRepo,
      exclusions,
    }),
  )
  const suggestions = createSuggestionService({
    repo: suggestionsRepo,
    fresh: createFreshRepo(db),
    models: modelsRepo,
    training: models,
    tasks,
    datasets: datasets.service,
    annotation: datasets.annotation,
  })

  const planDeps = {
    connections,
    pool,
    regexBudgetMs: deps.regexBudgetMs,
    modelSources: { models: modelsRepo, store: modelStore, preprocessing },
    dataDir,
    nativeBinding: deps.nativeBinding,
    workerDir: deps.workerDir,
    ...(deps.log ? { log: deps.log } : {}),
  }
  tasks.define(predictTask({ ...planDeps, gates: deps.gates }))
  const predicting = createPredictingService({ ...planDeps, tasks })
  const review = createReviewFromPredict({
    tasks,
    sample: (taskId, perLabel, label) => predicting.sample(taskId, perLabel, label),
    scan: (taskId, filter, onPage, watch) => predicting.scan(taskId, filter, onPage, watch),
    count: (taskId, filter) => predicting.count(taskId, filter),
    written: (taskId) => predicting.written(taskId),
    perLabel: (taskId) => predicting.stats(taskId).perLabel,
    io: datasets.io,
    runImport: (ctx) => datasets.importKind.run(ctx),
    stagedGate: deps.gates?.reviewScan,
  })
  tasks.define(review.kind)

  const handlers = {
    ...datasets.handlers,
    ...connectionHandlers(connections),
    ...predictingHandlers(predicting),
    ...templateHandlers(
      createPredictTemplates({ db, hasModelVersion: (id) => modelsRepo.get(id) !== undefined }),
    ),
    ...modelHandlers(models),
    ...ruleHandlers(rules),
    ...preprocessingHandlers(preprocessing),
    ...suggestionHandlers(suggestions, review),
    ...workspaceHandlers(
      createUiStateStore(db),
      createWorkspaceOverview(db, dataDir, deps.resourcesDir),
    ),
  }
  const seeders: Seeder[] = [datasets.demoSeeder, demoRulesSeeder(deps.resourcesDir, rules)]
  /** The built graph, for the adapters and tests that need a service itself rather than a call. */
  const services = {
    connections,
    preprocessing,
    rules,
    models,
    predicting,
    suggestions,
    plan: planDeps,
  }
  return {
    handlers,
    seeders,
    services,
    background: datasets.background,
    /** Once the task registry recovered a dead process's tasks: what they left to finish. */
    afterRecover: () => suggestions.resumeFresh(),
    close: () => datasets.close(),
  }
}

/** Datasets, their import/export tasks and background work, and annotation. */
function composeDatasets(deps: CompositionDeps) {
  const { db, events, tasks } = deps
  const tmpDir = join(deps.dataDir, 'tmp')
  const datasets = createDatasetService(db, events)
  const io = createDatasetIoService(tasks, datasets, tmpDir, createUploads(tmpDir))
  const running = new Set<string>()
  const isRunning = (taskId: string): boolean => {
    if (running.has(taskId)) return true
    try {
      const status = tasks.show(taskId).status
      return status === 'RUNNING' || status === 'PENDING'
    } catch {
      return false
    }
  }
  const background = createDatasetBackground({
    db,
    events,
    isRunning,
    workerDir: deps.workerDir,
    indexGate: deps.gates?.searchIndex,
    log: deps.log,
  })
  const annotation = createAnnotationService(db, datasets, background.indexPercent)
  const importKind = importTask({
    db,
    datasets,
    running,
    onBackgroundWork: () => background.kick(),
    reader: { dir: deps.workerDir },
    chunkGate: deps.gates?.importWrite,
  })
  tasks.define(importKind)
  tasks.define(exportTask(db, datasets))
  // Imports of a process that died are removed once their task is known to be dead.
  background.sweep()
  const stopSweeping = events.subscribe((m) => {
    if (m.event === 'tasks.recovered') background.sweep()
  })
  return {
    service: datasets,
    io,
    annotation,
    reader: datasets.reader,
    importKind,
    background,
    handlers: { ...datasetHandlers(datasets, io), ...annotationHandlers(annotation) },
    demoSeeder: demoDatasetSeeder(deps.resourcesDir, importKind, datasets, deps.log),
    async close(): Promise<void> {
      stopSweeping()
      await background.close()
    },
  }
}
