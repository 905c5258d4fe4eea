import { createApiClient } from '../../src-main/api/client'
import { createCore } from '../../src-main/core/create-core'
import { memoryTransport } from '../../src-main/core/memory-transport'
import { createStores } from '../../src-renderer/src/stores'
import { testCoreConfig } from './core-harness'
import { makeTempDir } from './temp-dir'

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

/**
 * storesOverCore on a new temporary directory, with the error toasts collected; `onCleanup`
 * receives what to close after the test (the core, then the directory).
 */
export async function openTestStores(onCleanup: (close: () => Promise<void> | void) => void) {
  const temp = makeTempDir()
  onCleanup(temp.cleanup)
  const window = await storesOverCore(temp.dir)
  onCleanup(window.close)
  const errors: unknown[] = []
  window.stores.ui.subscribe((s) => errors.push(...s.toasts.filter((t) => t.kind === 'error')))
  return { ...window, dir: temp.dir, errors }
}
