import type { Sqlite } from '../db/sqlite'
import type { WorkerPool } from '../pool/worker-pool'
import { preprocessingHandlers } from '../preprocessing/preprocessing.handlers'
import { createExclusionRunner } from '../preprocessing/exclusion-runner'
import { createPreprocessingService } from '../preprocessing/preprocessing.service'
import { demoRulesSeeder } from '../rules/demo-rules-seeder'
import { ruleHandlers } from '../rules/rules.handlers'
import { createRulesService } from '../rules/rules.service'
import type { CoreTasks } from '../tasks/task-kinds'
import type { TestGates } from '../test-gates'
import { evaluationTask } from './evaluation.task'
import { createModelStore } from './model-store'
import { modelHandlers } from './models.handlers'
import { createModelsRepo } from './models.repo'
import { createModelsService } from './models.service'
import { trainingTask } from './training.task'

/** Model versions, training and evaluation tasks, rule sets and exclusion sets, wired for `createCore`. */
export function createModelingModule(deps: {
  db: Sqlite
  pool: WorkerPool
  tasks: CoreTasks
  dataDir: string
  resourcesDir: string
  gates?: TestGates | undefined
  /** How long one regex test may run (exclusion sets). */
  regexBudgetMs: number
}) {
  const { db, pool, tasks, dataDir } = deps
  const repo = createModelsRepo(db)
  const store = createModelStore(dataDir)
  const exclusions = createExclusionRunner(pool, deps.regexBudgetMs)
  const preprocessing = createPreprocessingService(db, exclusions)
  const rules = createRulesService(db, pool)
  const models = createModelsService({
    db,
    dataDir,
    repo,
    store,
    tasks,
    pool,
    exclusions,
    preprocessing,
    rules,
  })
  tasks.define(trainingTask({ db, pool, exclusions, repo, store, gates: deps.gates }))
  tasks.define(evaluationTask({ db, pool, exclusions, repo, store }))
  return {
    models,
    rules,
    preprocessing,
    demoSeeder: demoRulesSeeder(deps.resourcesDir, rules),
    handlers: {
      ...modelHandlers(models),
      ...ruleHandlers(rules),
      ...preprocessingHandlers(preprocessing),
    },
  }
}
