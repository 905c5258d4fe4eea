import { createApiClient, type ApiClient } from '../api/client'
import { ApiError } from '../api/errors'
import { createCore, type Core } from '../core/create-core'
import { memoryTransport } from '../core/memory-transport'
import { defaultDataDir } from '../core/workspace/default-data-dir'
import { entryPaths, packageVersion } from '../host/entry-paths'
import { CliError, EXIT } from './io'
import { testGatesFromEnv } from './test-gate'

export interface CliSession {
  core: Core
  api: ApiClient
}

/** Opens the workspace for one command and always closes it. */
export async function withCore<T>(
  dataDir: string | undefined,
  entryUrl: string,
  run: (session: CliSession) => Promise<T>,
): Promise<T> {
  const paths = entryPaths(entryUrl)
  // Tests only: a gate named by an environment variable (see test-gate.ts); undefined otherwise.
  const testGates = testGatesFromEnv()
  const core = await createCore({
    dataDir: dataDir ?? defaultDataDir(),
    resourcesDir: paths.resourcesDir,
    workerDir: paths.workerDir,
    appVersion: packageVersion(paths.root),
    ...(paths.workerExecArgv ? { workerExecArgv: paths.workerExecArgv } : {}),
    ...(testGates ? { testGates } : {}),
  })
  try {
    return await run({ core, api: createApiClient(memoryTransport(core, 'cli')) })
  } catch (error) {
    throw toCliError(error)
  } finally {
    await core.close()
  }
}

/** API errors keep their message; VALIDATION is bad usage (exit 2), anything else a failure (exit 1). */
export function toCliError(error: unknown): unknown {
  if (!(error instanceof ApiError)) return error
  const code =
    error.code === 'VALIDATION' || error.code === 'UNKNOWN_METHOD' ? EXIT.usage : EXIT.failure
  return new CliError(`${error.code}: ${error.message}`, code)
}
