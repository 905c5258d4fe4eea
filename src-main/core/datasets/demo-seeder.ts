import type { TASK_KINDS } from '../../api/contract/tasks'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { newTaskId, type TaskKind } from '../tasks/task-registry'
import type { Seeder } from '../workspace/seed'
import type { DatasetService } from './datasets.service'
import type { ImportReport } from '../../api/contract/datasets'
import type { ImportConfig } from './import.task'
import { DEFAULT_READ } from './import-source'

export const DEMO_DATASET_NAME = 'Demo: audience posts'
export const DEMO_DATASET_FILE = 'audience-posts.jsonl'
const DEMO_LABELS = ['male', 'female', 'parent', 'student']

/**
 * Imports the annotated demo dataset on first start (once per workspace) and splits it 80/10/10.
 * It runs the import pipeline directly: seeding is not user work, so it leaves no row in the task list.
 */
export function demoDatasetSeeder(
  resourcesDir: string,
  importKind: TaskKind<ImportConfig, null, ImportReport, typeof TASK_KINDS.import>,
  datasets: DatasetService,
  log: (error: unknown) => void = console.error,
): Seeder {
  return {
    name: 'demo-dataset',
    apply: async () => {
      const path = join(resourcesDir, 'demo', DEMO_DATASET_FILE)
      if (!existsSync(path) || datasets.isNameTaken(DEMO_DATASET_NAME)) return
      const created = datasets.create({
        name: DEMO_DATASET_NAME,
        description: 'Short social-media posts labeled for audience research.',
        labelMode: 'multi',
        labels: DEMO_LABELS.map((name) => ({ name })),
      })
      const config: ImportConfig = {
        target: { datasetId: created.id },
        path,
        fileName: DEMO_DATASET_FILE,
        removeSource: false,
        format: 'doccano-jsonl',
        read: DEFAULT_READ,
        duplicates: 'keep',
        onProblem: 'skip',
      }
      try {
        await importKind.run({
          id: newTaskId(),
          config,
          checkpoint: null,
          signal: new AbortController().signal,
          progress: () => {},
          saveCheckpoint: () => {},
        })
      } catch (error) {
        datasets.delete(created.id)
        return log(error)
      }
      datasets.split(created.id, { seed: 42, ratios: { train: 0.8, dev: 0.1, test: 0.1 } })
    },
  }
}
