import { copyFileSync, existsSync, mkdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import type { WorkspaceOverview } from '../../api/contract/workspace'
import { DEMO_DATASET_NAME } from '../datasets/demo-seeder'
import type { Sqlite } from '../db/sqlite'

export const DEMO_SOURCE_FILE = 'source-posts.csv'

/** First-run facts: is there anything but the demo, and where the demo's Predict source is. */
export function createWorkspaceOverview(db: Sqlite, dataDir: string, resourcesDir: string) {
  const datasets = db.prepare<[], { id: string; name: string }>(
    'SELECT id, name FROM datasets WHERE deleted_at IS NULL AND import_id IS NULL',
  )
  const trained = db.prepare<[], { n: number }>(
    "SELECT count(*) AS n FROM model_versions WHERE origin = 'trained'",
  )

  /** Copies the shipped demo source into the workspace once; tasks read the copy. */
  const demoSourcePath = (): string | null => {
    const shipped = join(resourcesDir, 'demo', DEMO_SOURCE_FILE)
    const copy = join(dataDir, 'demo', DEMO_SOURCE_FILE)
    if (existsSync(copy)) return copy
    if (!existsSync(shipped)) return null
    mkdirSync(dirname(copy), { recursive: true })
    copyFileSync(shipped, copy)
    return copy
  }

  return (): WorkspaceOverview => {
    const live = datasets.all()
    const demo = live.find((d) => d.name === DEMO_DATASET_NAME) ?? null
    const onlyDemo = live.every((d) => d.name === DEMO_DATASET_NAME)
    return {
      firstRun: onlyDemo && (trained.get()?.n ?? 0) === 0,
      demoDatasetId: demo?.id ?? null,
      demoSourcePath: demoSourcePath(),
    }
  }
}
