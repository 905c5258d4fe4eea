import { afterEach, describe, expect, it } from 'vitest'
import { openTestStores } from '../../../../helpers/renderer-stores'

const closers: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close()
})

const open = () => openTestStores((close) => closers.push(close))

const csv = (text: string, name = 'posts.csv') => new File([text], name, { type: 'text/csv' })

describe('datasets store: import', () => {
  it('offers every dataset as a target, whatever the list search shows', async () => {
    const { api, stores } = await open()
    await api.call('datasets.create', { name: 'Alpha', labels: [] })
    await api.call('datasets.create', { name: 'Beta', labels: [] })
    await stores.datasets.getState().setQuery('Alpha')
    await stores.datasets.getState().openImport()
    const names = stores.datasets.getState().importing.targets.map((d) => d.name)
    expect(names.sort()).toEqual(['Alpha', 'Beta'])
  })

  it('uploads, previews and starts an import; a fresh dialog forgets it', async () => {
    const { stores } = await open()
    const datasets = stores.datasets.getState()
    await datasets.openImport()
    expect(await datasets.uploadImportFile(csv('text,label\nhello,pos\nbye,neg\n'))).toBe(true)
    await datasets.previewImport({})
    const { preview, previewError, upload } = stores.datasets.getState().importing
    expect(upload).not.toBeNull()
    expect(previewError).toBeNull()
    expect(preview?.format).toBe('csv')
    await datasets.startImport({ target: { newDataset: { name: 'Posts', labelMode: 'multi' } } })
    expect(stores.datasets.getState().importing.taskId).toEqual(expect.any(String))
    datasets.clearImportTask()
    expect(stores.datasets.getState().importing.taskId).toBeNull()
    await datasets.openImport()
    expect(stores.datasets.getState().importing.upload).toBeNull()
  })

  it('shows a preview failure inline, not as a toast', async () => {
    const { stores, errors } = await open()
    const datasets = stores.datasets.getState()
    await datasets.uploadImportFile(csv('a,b\n1,2\n'))
    await datasets.previewImport({ format: 'xlsx' })
    expect(stores.datasets.getState().importing.previewError).toEqual(expect.any(String))
    expect(errors).toEqual([])
  })

  it('does nothing before a file is uploaded', async () => {
    const { stores } = await open()
    await stores.datasets.getState().previewImport({})
    await stores.datasets.getState().startImport({ target: { datasetId: 'none' } })
    expect(stores.datasets.getState().importing).toMatchObject({ preview: null, taskId: null })
  })

  it('reports a refused start and lowers its busy flag', async () => {
    const { stores, errors } = await open()
    const datasets = stores.datasets.getState()
    await datasets.uploadImportFile(csv('text\nhello\n'))
    await datasets.startImport({ target: { datasetId: 'no-such-dataset' } })
    expect(stores.datasets.getState().importing).toMatchObject({ taskId: null, busy: false })
    expect(errors).toHaveLength(1)
  })
})

describe('datasets store: export', () => {
  it('remembers which dataset the started export belongs to', async () => {
    const { api, stores, dir } = await open()
    const dataset = await api.call('datasets.create', { name: 'Out', labels: [] })
    const path = `${dir}/exports/out.jsonl`
    await stores.datasets
      .getState()
      .startExport(
        { id: dataset.id, format: 'doccano-jsonl', csvFlavour: 'excel', path },
        'out.jsonl',
      )
    expect(stores.datasets.getState().exportStarted).toMatchObject({
      datasetId: dataset.id,
      fileName: 'out.jsonl',
    })
  })

  it('reports an export the core refuses and records nothing', async () => {
    const { stores, errors } = await open()
    await stores.datasets
      .getState()
      .startExport(
        { id: 'no-such-dataset', format: 'csv', csvFlavour: 'excel', path: '/nowhere/x.csv' },
        'x.csv',
      )
    expect(stores.datasets.getState().exportStarted).toBeNull()
    expect(errors).toHaveLength(1)
  })
})
