import { parseArgs } from 'node:util'
import { createCore } from '../core/create-core'
import { defaultDataDir } from '../core/workspace/default-data-dir'
import { entryPaths, packageVersion } from '../host/entry-paths'
import { startBridge } from './bridge-server'

/** `npm run serve`: the app in any browser on this machine, over loopback only. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: process.env.AUDIENCE_PORT ?? '0' },
      'data-dir': { type: 'string' },
    },
  })
  const paths = entryPaths(import.meta.url)
  const core = await createCore({
    dataDir: values['data-dir'] ?? defaultDataDir(),
    resourcesDir: paths.resourcesDir,
    workerDir: paths.workerDir,
    appVersion: packageVersion(paths.root),
    ...(paths.workerExecArgv ? { workerExecArgv: paths.workerExecArgv } : {}),
  })
  const bridge = await startBridge({
    core,
    rendererDir: paths.rendererDir,
    port: Number(values.port),
  })
  console.log(`Audience Desktop is serving ${core.config.dataDir}`)
  console.log(`Open ${bridge.url}`)
  const stop = async () => {
    await bridge.close()
    await core.close()
    process.exit(0)
  }
  process.once('SIGINT', () => void stop())
  process.once('SIGTERM', () => void stop())
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
