import { afterEach, describe, expect, it } from 'vitest'
import {
  rememberChanges,
  restoreRemembered,
} from '../../../../src-renderer/src/app/remembered-state'
import { makeTempDir } from '../../../helpers/temp-dir'
import { storesOverCore } from '../../../helpers/renderer-stores'

const SCREENS = ['datasets', 'annotate', 'rules', 'models', 'predict']
const closers: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close()
})

/** A window's stores over a real core on `dataDir` (a new core each time: a restart). */
async function openWindow(dataDir: string) {
  const { api, stores, close } = await storesOverCore(dataDir)
  closers.push(close)
  const errors: unknown[] = []
  stores.ui.subscribe((s) => errors.push(...s.toasts.filter((t) => t.kind === 'error')))
  return { close, api, stores, errors }
}

describe('the window remembers the workspace', () => {
  it('restores the dataset, screen and train form after a restart, not the newest dataset', async () => {
    const temp = makeTempDir()
    closers.push(temp.cleanup)
    const first = await openWindow(temp.dir)
    const chosen = await first.api.call('datasets.create', { name: 'Chosen', labels: [] })
    await first.api.call('datasets.create', { name: 'Newer, empty', labels: [] })
    await restoreRemembered(first.stores, SCREENS, { screenFromAddress: false })
    const watch = rememberChanges(first.stores, (e) => first.errors.push(e))
    await first.stores.datasets.getState().select(chosen.id)
    first.stores.ui.getState().navigate('annotate')
    first.stores.ui.getState().setFormValues('train', { kind: 'linear-svm', trainOn: 'all' })
    await watch.flush()
    watch.stop()
    await first.close()

    const second = await openWindow(temp.dir)
    await restoreRemembered(second.stores, SCREENS, { screenFromAddress: false })
    expect(second.stores.datasets.getState().selectedId).toBe(chosen.id)
    expect(second.stores.ui.getState().screen).toBe('annotate')
    expect(second.stores.ui.getState().forms.train).toEqual({ kind: 'linear-svm', trainOn: 'all' })
    expect(second.errors).toEqual([])
  })

  it('keeps the screen the address names, and skips a remembered dataset that is gone', async () => {
    const temp = makeTempDir()
    closers.push(temp.cleanup)
    const { api, stores, errors } = await openWindow(temp.dir)
    const gone = await api.call('datasets.create', { name: 'Gone', labels: [] })
    await api.call('workspace.setUiState', { patch: { datasetId: gone.id, screen: 'models' } })
    await api.call('datasets.delete', { id: gone.id })
    stores.ui.getState().navigate('predict')
    await restoreRemembered(stores, SCREENS, { screenFromAddress: true })
    expect(stores.ui.getState().screen).toBe('predict')
    expect(stores.datasets.getState().selectedId).toBeNull()
    expect(errors).toEqual([])
  })

  it('sends only what changed', async () => {
    const temp = makeTempDir()
    closers.push(temp.cleanup)
    const { api, stores } = await openWindow(temp.dir)
    await api.call('workspace.setUiState', { patch: { welcomeDismissed: true } })
    const watch = rememberChanges(stores, () => {})
    stores.ui.getState().navigate('rules')
    await watch.flush()
    watch.stop()
    expect(await api.call('workspace.getUiState', {})).toEqual({
      welcomeDismissed: true,
      screen: 'rules',
    })
  })
})
