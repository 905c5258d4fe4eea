import Database from 'better-sqlite3'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createApiClient } from '../../src-main/api/client'
import { ApiError } from '../../src-main/api/errors'
import { createCore } from '../../src-main/core/create-core'
import { memoryTransport } from '../../src-main/core/memory-transport'
import { migrations } from '../../src-main/core/db/migrations'
import { migrate } from '../../src-main/core/db/sqlite'
import { repoRoot, testCoreConfig } from '../helpers/core-harness'
import { makeTempDir } from '../helpers/temp-dir'

const closers: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close()
})

async function openCore(dataDir: string, seedDemo = false) {
  const core = await createCore(testCoreConfig(dataDir, { seedDemo }))
  const api = createApiClient(memoryTransport(core))
  return { core, api }
}

function tempDir(): string {
  const temp = makeTempDir()
  closers.push(temp.cleanup)
  return temp.dir
}

const DATASET = 'a'.repeat(32)

describe('workspace.getUiState / setUiState', () => {
  it('remembers the chosen dataset, screen and a form across a restart', async () => {
    const dir = tempDir()
    const first = await openCore(dir)
    expect(await first.api.call('workspace.getUiState', {})).toEqual({})
    const saved = await first.api.call('workspace.setUiState', {
      patch: { datasetId: DATASET, screen: 'annotate', forms: { train: { kind: 'svm' } } },
    })
    expect(saved).toEqual({
      datasetId: DATASET,
      screen: 'annotate',
      forms: { train: { kind: 'svm' } },
    })
    await first.core.close()

    const second = await openCore(dir)
    closers.push(() => second.core.close())
    expect(await second.api.call('workspace.getUiState', {})).toEqual(saved)
    // A patch merges; null forgets a field.
    expect(
      await second.api.call('workspace.setUiState', {
        patch: { datasetId: null, screen: 'models' },
      }),
    ).toEqual({ screen: 'models', forms: { train: { kind: 'svm' } } })
  })

  it('refuses a patch that does not fit, naming the field, and writes nothing of it', async () => {
    const { core, api } = await openCore(tempDir())
    closers.push(() => core.close())
    await api.call('workspace.setUiState', { patch: { screen: 'rules' } })
    const error = await api
      .call('workspace.setUiState', { patch: { screen: 'predict', datasetId: 'not-an-id' } })
      .catch((e: unknown) => e)
    expect(error instanceof ApiError && error.code).toBe('VALIDATION')
    expect(String((error as Error).message)).toMatch(/patch\.datasetId/)
    const unknownField = await api
      .call('workspace.setUiState', { patch: { colour: 'red' } as never })
      .catch((e: unknown) => e)
    expect(unknownField instanceof ApiError && unknownField.code).toBe('VALIDATION')
    expect(await api.call('workspace.getUiState', {})).toEqual({ screen: 'rules' })
  })

  it('skips a stored value that no longer fits instead of failing', async () => {
    const dir = tempDir()
    const { core, api } = await openCore(dir)
    closers.push(() => core.close())
    core.db
      .prepare("INSERT INTO ui_state (key, value, updated_at) VALUES ('screen', '42', 1)")
      .run()
    core.db.prepare("INSERT INTO ui_state (key, value, updated_at) VALUES ('gone', '1', 1)").run()
    await api.call('workspace.setUiState', { patch: { welcomeDismissed: true } })
    expect(await api.call('workspace.getUiState', {})).toEqual({ welcomeDismissed: true })
  })
})

describe('migration 0008', () => {
  it('adds ui_state to a workspace at 0007, keeping its rows', () => {
    const db = new Database(join(tempDir(), 'w.sqlite'))
    migrate(db, migrations, 7)
    db.prepare(
      `INSERT INTO tasks (id, kind, title, status, created_at, updated_at)
       VALUES ('${'b'.repeat(32)}', 'k', 't', 'SUCCESS', 1, 1)`,
    ).run()
    migrate(db, migrations, 8)
    db.prepare("INSERT INTO ui_state (key, value, updated_at) VALUES ('screen', '\"x\"', 1)").run()
    expect(() =>
      db.prepare("INSERT INTO ui_state (key, value, updated_at) VALUES ('a', 'not json', 1)").run(),
    ).toThrow()
    expect(db.prepare('SELECT count(*) AS n FROM tasks').get()).toEqual({ n: 1 })
    db.close()
  })
})

describe('workspace.getOverview', () => {
  it('is a first run on the demo workspace and copies the demo source into it', async () => {
    const dir = tempDir()
    const { core, api } = await openCore(dir, true)
    closers.push(() => core.close())
    const overview = await api.call('workspace.getOverview', {})
    expect(overview.firstRun).toBe(true)
    expect(overview.demoDatasetId).toMatch(/^[0-9a-f]{32}$/)
    expect(overview.demoSourcePath).toBe(join(dir, 'demo', 'source-posts.csv'))
    expect(readFileSync(overview.demoSourcePath ?? '', 'utf8')).toBe(
      readFileSync(join(repoRoot, 'resources', 'demo', 'source-posts.csv'), 'utf8'),
    )
  })

  it('is no first run once the user has a dataset of their own', async () => {
    const { core, api } = await openCore(tempDir())
    closers.push(() => core.close())
    expect((await api.call('workspace.getOverview', {})).firstRun).toBe(true)
    await api.call('datasets.create', { name: 'Mine', labelMode: 'single', labels: [] })
    const overview = await api.call('workspace.getOverview', {})
    expect(overview).toMatchObject({ firstRun: false, demoDatasetId: null })
  })

  it('has no demo source when the app ships none', async () => {
    const dir = tempDir()
    const core = await createCore(
      testCoreConfig(dir, { seedDemo: false, resourcesDir: join(dir, 'no-resources') }),
    )
    closers.push(() => core.close())
    const api = createApiClient(memoryTransport(core))
    expect((await api.call('workspace.getOverview', {})).demoSourcePath).toBeNull()
    expect(existsSync(join(dir, 'demo'))).toBe(false)
  })
})
