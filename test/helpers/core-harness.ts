import { join } from 'node:path'
import { createApiClient } from '../../src-main/api/client'
import { createCore, type CoreConfig } from '../../src-main/core/create-core'
import { memoryTransport } from '../../src-main/core/memory-transport'
import { makeTempDir } from './temp-dir'

export const repoRoot = join(import.meta.dirname, '..', '..')

/** The paths a test core uses: TypeScript workers under tsx, resources from the repo. */
export function testCoreConfig(dataDir: string, extra: Partial<CoreConfig> = {}): CoreConfig {
  return {
    dataDir,
    resourcesDir: join(repoRoot, 'resources'),
    workerDir: join(repoRoot, 'src-worker'),
    workerExecArgv: ['--import', 'tsx'],
    maxThreads: 2,
    ...extra,
  }
}

/** A real core on a real SQLite file in a temp dir, with an in-memory client. */
export async function startTestCore(extra: Partial<CoreConfig> = {}) {
  const temp = makeTempDir()
  const core = await createCore(testCoreConfig(temp.dir, extra))
  const api = createApiClient(memoryTransport(core))
  return {
    core,
    api,
    dataDir: temp.dir,
    async close() {
      await core.close()
      temp.cleanup()
    },
  }
}
