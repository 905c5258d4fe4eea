import { afterEach, describe, expect, it } from 'vitest'
import { resetScreenState } from '../../../../src-renderer/src/stores/reset'
import { openTestStores } from '../../../helpers/renderer-stores'

const closers: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close()
})

const openStores = async () => (await openTestStores((close) => closers.push(close))).stores

describe('resetScreenState', () => {
  it("puts back only the reloaded screen's slices", async () => {
    const stores = await openStores()
    stores.rules.setState({ loaded: true })
    stores.models.setState({ loaded: true })
    resetScreenState(stores, 'rules')
    expect(stores.rules.getState().loaded).toBe(false)
    expect(stores.models.getState().loaded).toBe(true)
  })

  it('resets annotate and its suggestions but keeps the annotate session id', async () => {
    const stores = await openStores()
    const sessionId = stores.annotate.getState().sessionId
    stores.suggest.setState({ reason: 'No model yet' })
    resetScreenState(stores, 'annotate')
    expect(stores.annotate.getState().sessionId).toBe(sessionId)
    expect(stores.suggest.getState().reason).toBeNull()
  })

  it('maps Settings to the system slice and ignores an unknown screen', async () => {
    const stores = await openStores()
    stores.system.setState({ loadingInfo: true })
    resetScreenState(stores, 'no-such-screen')
    expect(stores.system.getState().loadingInfo).toBe(true)
    resetScreenState(stores, 'settings')
    expect(stores.system.getState().loadingInfo).toBe(false)
  })
})
