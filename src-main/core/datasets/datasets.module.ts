import { join } from 'node:path'
import { annotationHandlers } from '../annotation/annotation.handlers'
import { createAnnotationService } from '../annotation/annotation.service'
import type { Sqlite } from '../db/sqlite'
import type { EventBus } from '../events'
import type { CoreTasks } from '../tasks/task-kinds'
import { createDatasetBackground } from './dataset-background'
import { createDatasetIoService } from './datasets-io.service'
import { datasetHandlers } from './datasets.handlers'
import { createDatasetService } from './datasets.service'
import { demoDatasetSeeder } from './demo-seeder'
import { exportTask } from './export.task'
import { importTask } from './import.task'
import { createUploads } from './uploads'
import type { TestGates } from '../test-gates'

export interface DatasetsModuleDeps {
  db: Sqlite
  events: EventBus
  tasks: CoreTasks
  dataDir: string
  resourcesDir: string
  log?: ((error: unknown) => void) | undefined
  testGates?: TestGates | undefined
  /** Where built worker entries are (out/main); big imports are read on a worker thread. */
  workerDir?: string | undefined
}

/** Datasets, import/export tasks, annotation and the demo seeder, wired for `createCore`. */
export function createDatasetsModule(deps: DatasetsModuleDeps) {
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
    indexGate: deps.testGates?.searchIndex,
    log: deps.log,
  })
  const annotation = createAnnotationService(db, datasets, background.indexPercent)
  const importKind = importTask({
    db,
    datasets,
    running,
    onBackgroundWork: () => background.kick(),
    reader: deps.workerDir ? { dir: deps.workerDir } : undefined,
    chunkGate: deps.testGates?.importWrite,
  })
  tasks.define(importKind)
  tasks.define(exportTask(db, datasets))
  // Imports of a process that died are removed once their task is known to be dead.
  background.sweep()
  const stopSweeping = events.subscribe((m) => {
    if (m.event === 'tasks.recovered') background.sweep()
  })
  return {
    datasets,
    annotation,
    background,
    handlers: { ...datasetHandlers(datasets, io), ...annotationHandlers(annotation) },
    demoSeeder: demoDatasetSeeder(deps.resourcesDir, importKind, datasets, deps.log),
    async close(): Promise<void> {
      stopSweeping()
      await background.close()
    },
  }
}
