import { createApiClient } from '../../src-main/api/client'
import { createCore } from '../../src-main/core/create-core'
import { memoryTransport } from '../../src-main/core/memory-transport'
import { createStores } from '../../src-renderer/src/stores'
import { testCoreConfig } from './core-harness'

/**
 * A window's stores over a real core on `dataDir` (no demo data), talking through the in-memory
 * transport; close() shuts the core and may be called twice.
 */
export async function storesOverCore(dataDir: string) {
  const core = await createCore(testCoreConfig(dataDir, { seedDemo: false }))
  let closed = false
  const close = async () => {
    if (!closed) await core.close()
    closed = true
  }
  const api = createApiClient(memoryTransport(core))
  const stores = createStores({ api, storage: null, prefersDark: false, initialScreen: 'datasets' })
  return { core, api, stores, close }
}
