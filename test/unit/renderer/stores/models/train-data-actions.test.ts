import { afterEach, describe, expect, it } from 'vitest'
import { openTestStores } from '../../../../helpers/renderer-stores'

const closers: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close()
})

const open = () => openTestStores((close) => closers.push(close))

describe('models store: the train form’s data', () => {
  it('keeps the dataset the form trains on', async () => {
    const { api, stores } = await open()
    const created = await api.call('datasets.create', { name: 'Posts', labels: [] })
    const loaded = await stores.models.getState().loadTrainDataset(created.id)
    expect(loaded?.id).toBe(created.id)
    expect(stores.models.getState().trainDataset?.splitCounts.train).toBe(0)
  })

  it('drops the answer of a load that a newer one superseded', async () => {
    const { api, stores } = await open()
    const first = await api.call('datasets.create', { name: 'First', labels: [] })
    const second = await api.call('datasets.create', { name: 'Second', labels: [] })
    const models = stores.models.getState()
    const [old, newest] = await Promise.all([
      models.loadTrainDataset(first.id),
      models.loadTrainDataset(second.id),
    ])
    expect(old).toBeNull()
    expect(newest?.id).toBe(second.id)
    expect(stores.models.getState().trainDataset?.id).toBe(second.id)
  })

  it('reports a dataset that does not exist and answers null', async () => {
    const { stores, errors } = await open()
    expect(await stores.models.getState().loadTrainDataset('no-such-dataset')).toBeNull()
    expect(stores.models.getState().trainDataset).toBeNull()
    expect(errors).toHaveLength(1)
  })

  it('remembers and forgets the version the last training produced', async () => {
    const { stores } = await open()
    stores.models.getState().setTrainedModel('m1')
    expect(stores.models.getState().trainedModelId).toBe('m1')
    stores.models.getState().setTrainedModel(null)
    expect(stores.models.getState().trainedModelId).toBeNull()
  })
})
