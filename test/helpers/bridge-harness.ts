import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { startBridge } from '../../src-main/bridge/bridge-server'
import { createCore, type Core } from '../../src-main/core/create-core'
import type { TestGates } from '../../src-main/core/test-gates'

const root = resolve(import.meta.dirname, '..', '..')

export interface BridgeHarness {
  /** The URL the bridge prints: origin plus `#token=...`. */
  url: string
  origin: string
  port: number
  token: string
  dataDir: string
  core: Core
  close(): Promise<void>
}

export interface BridgeHarnessOptions {
  maxBodyBytes?: number
  /** Points where the test holds running tasks. */
  testGates?: TestGates
}

/**
 * A real core and bridge in this process, on a fresh temporary workspace. Workers run from src-worker
 * under tsx; the renderer is the built one (run `npx electron-vite build` first).
 */
export async function startBridgeHarness(
  options: BridgeHarnessOptions = {},
): Promise<BridgeHarness> {
  const rendererDir = join(root, 'out', 'renderer')
  if (!existsSync(join(rendererDir, 'index.html'))) {
    throw new Error(`No built renderer in ${rendererDir}: run \`npx electron-vite build\` first.`)
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'audience-e2e-'))
  const core = await createCore({
    dataDir,
    resourcesDir: join(root, 'resources'),
    workerDir: join(root, 'src-worker'),
    workerExecArgv: ['--import', 'tsx'],
    maxThreads: 2,
    ...(options.testGates ? { testGates: options.testGates } : {}),
  })
  try {
    const bridge = await startBridge({
      core,
      rendererDir,
      ...(options.maxBodyBytes ? { maxBodyBytes: options.maxBodyBytes } : {}),
    })
    return {
      url: bridge.url,
      origin: bridge.origin,
      port: bridge.port,
      token: bridge.token,
      dataDir,
      core,
      async close() {
        await bridge.close()
        await core.close()
        await rm(dataDir, { recursive: true, force: true })
      },
    }
  } catch (error) {
    await core.close()
    await rm(dataDir, { recursive: true, force: true })
    throw error
  }
}
