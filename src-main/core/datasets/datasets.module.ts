import { join } from 'node:path'
import { annotationHandlers } from '../annotation/annotation.handlers'
import { createAnnotationService } from '../annotation/annotation.service'
import type { Sqlite } from '../db/sqlite'
import type { EventBus } from '../events'
import type { TaskRegistry } from '../tasks/task-registry'
import { createDatasetIoService } from './datasets-io.service'
import { datasetHandlers } from './datasets.handlers'
import { createDatasetService } from './datasets.service'
import { demoDatasetSeeder } from './demo-seeder'
import { exportTask } from './export.task'
import { importTask } from './import.task'
import { createUploads } from './uploads'

export interface DatasetsModuleDeps {
  db: Sqlite
  events: EventBus
  tasks: TaskRegistry
  dataDir: string
  resourcesDir: string
  nativeBinding?: string | undefined
  log?: ((error: unknown) => void) | undefined
}

/** Datasets, import/export tasks, annotation and the demo seeder, wired for `createCore`. */
export function createDatasetsModule(deps: DatasetsModuleDeps) {
  const { db, events, tasks } = deps
  const tmpDir = join(deps.dataDir, 'tmp')
  const datasets = createDatasetService(db, events)
  const io = createDatasetIoService(tasks, datasets, tmpDir, createUploads(tmpDir))
  const annotation = createAnnotationService(db, datasets)
  const importKind = importTask({
    db,
    datasets,
    tmpDir,
    ...(deps.nativeBinding ? { nativeBinding: deps.nativeBinding } : {}),
  })
  tasks.define(importKind)
  tasks.define(exportTask(db, datasets))
  return {
    datasets,
    annotation,
    handlers: { ...datasetHandlers(datasets, io), ...annotationHandlers(annotation) },
    demoSeeder: demoDatasetSeeder(deps.resourcesDir, importKind, datasets, deps.log),
  }
}
