import { afterEach, describe, expect, it } from 'vitest'
import { fixture, importInto, runImport, startDatasetsCore, type Harness } from './datasets-harness'

let h: Harness | undefined
afterEach(async () => {
  await h?.close()
  h = undefined
})

async function setup() {
  h = await startDatasetsCore()
  const { datasetId } = await importInto(h, 'posts', fixture('annotated.jsonl'))
  const detail = await h.api.call('datasets.get', { id: datasetId })
  const labelId = (name: string) => detail.labels.find((l) => l.name === name)?.id ?? -1
  const page = await h.api.call('annotation.listDocuments', { datasetId })
  return { h, datasetId, labelId, ids: page.items.map((d) => d.id) }
}

describe('annotation API', () => {
  it('pages and filters with totals and counts for every filter chip', async () => {
    const { h, datasetId, labelId } = await setup()
    const list = (filter: object, offset = 0, limit = 50) =>
      h.api.call('annotation.listDocuments', { datasetId, filter, offset, limit })
    expect((await list({}, 2, 2)).items.map((d) => d.preview.slice(0, 4))).toEqual([
      '期中考 ',
      '寶寶終於',
    ])
    expect((await list({ status: 'unlabeled' })).total).toBe(1)
    expect((await list({ labelId: labelId('student') })).total).toBe(2)
    expect((await list({ query: '珍奶' })).total).toBe(1)
    expect((await list({ query: 'night market' })).total).toBe(1)
    expect((await list({ query: 'QUOTES' })).total).toBe(1)
    expect((await list({ query: '%' })).total).toBe(0)
    const counts = await h.api.call('annotation.countDocuments', { datasetId })
    expect(counts).toMatchObject({ all: 6, labeled: 5, unlabeled: 1, bySplit: { none: 6 } })
    expect(counts.byLabel[labelId('parent')]).toBe(2)
    const searched = await h.api.call('annotation.countDocuments', { datasetId, query: 'my' })
    expect(searched).toMatchObject({ all: 1, labeled: 1 })
    expect(searched.byLabel[labelId('female')]).toBe(0)
  })

  it('steps next/previous within a filter and finds the next unlabeled, wrapping around', async () => {
    const { h, datasetId, ids, labelId } = await setup()
    const filter = { labelId: labelId('parent') }
    const first = await h.api.call('annotation.step', { datasetId, filter })
    expect([first?.document.id, first?.position, first?.total]).toEqual([ids[1], 0, 2])
    const second = await h.api.call('annotation.step', {
      datasetId,
      filter,
      fromDocumentId: first?.document.id,
    })
    expect([second?.document.id, second?.position]).toEqual([ids[3], 1])
    expect(
      await h.api.call('annotation.step', { datasetId, filter, fromDocumentId: ids[3] }),
    ).toBeNull()
    const back = await h.api.call('annotation.step', {
      datasetId,
      filter,
      fromDocumentId: ids[3],
      direction: 'previous',
    })
    expect(back?.document.id).toBe(ids[1])
    const unlabeled = await h.api.call('annotation.nextUnlabeled', {
      datasetId,
      fromDocumentId: ids[5],
    })
    expect(unlabeled?.document.id).toBe(ids[4])
  })

  it('journals every change: unlimited undo and redo per session; a new change drops redo', async () => {
    const { h, datasetId, ids, labelId } = await setup()
    const doc = ids[4] ?? 0
    const sessionId = 'session-a'
    const male = labelId('male')
    const parent = labelId('parent')
    await h.api.call('annotation.toggleLabel', {
      datasetId,
      documentId: doc,
      labelId: male,
      sessionId,
    })
    await h.api.call('annotation.toggleLabel', {
      datasetId,
      documentId: doc,
      labelId: parent,
      sessionId,
    })
    await h.api.call('annotation.setLabels', {
      datasetId,
      documentId: doc,
      labelIds: [parent],
      sessionId,
    })
    await h.api.call('annotation.toggleLabel', {
      datasetId,
      documentId: ids[0] ?? 0,
      labelId: male,
      sessionId: 'other',
    })
    const labels = async () =>
      (await h.api.call('annotation.getDocument', { datasetId, documentId: doc })).labelIds
    expect(await labels()).toEqual([parent])
    const undo = () => h.api.call('annotation.undo', { datasetId, sessionId })
    expect(await undo()).toEqual({
      documentId: doc,
      labelIds: [male, parent].sort(),
      undoable: 2,
      redoable: 1,
    })
    expect((await undo())?.labelIds).toEqual([male])
    expect((await undo())?.labelIds).toEqual([])
    expect(await undo()).toBeNull()
    expect(await labels()).toEqual([])
    const redo = await h.api.call('annotation.redo', { datasetId, sessionId })
    expect(redo).toMatchObject({ labelIds: [male], undoable: 1, redoable: 2 })
    await h.api.call('annotation.toggleLabel', {
      datasetId,
      documentId: doc,
      labelId: labelId('student'),
      sessionId,
    })
    expect(await h.api.call('annotation.redo', { datasetId, sessionId })).toBeNull()
    const stats = await h.api.call('annotation.stats', { datasetId, sessionId })
    expect(stats).toMatchObject({ total: 6, labeled: 6, sessionLabeled: 1 })
    expect(stats.perLabel[male]).toBe(3)
  })

  it('replaces the label in single-label mode and rejects two labels', async () => {
    const { h } = await setup()
    const single = await h.api.call('datasets.create', {
      name: 's',
      labelMode: 'single',
      labels: [{ name: 'a' }, { name: 'b' }],
    })
    const datasetId = single.id
    const source = { content: 'one\ntwo\n', fileName: 'x.txt' }
    const { task } = await runImport(h, { target: { datasetId }, source })
    expect(task.status).toBe('SUCCESS')
    const [a, b] = single.labels.map((l) => l.id)
    const docId = (await h.api.call('annotation.listDocuments', { datasetId })).items[0]?.id ?? 0
    const sessionId = 's1'
    await h.api.call('annotation.toggleLabel', {
      datasetId,
      documentId: docId,
      labelId: a ?? 0,
      sessionId,
    })
    const doc = await h.api.call('annotation.toggleLabel', {
      datasetId,
      documentId: docId,
      labelId: b ?? 0,
      sessionId,
    })
    expect(doc.labelIds).toEqual([b])
    await expect(
      h.api.call('annotation.setLabels', {
        datasetId,
        documentId: docId,
        labelIds: [a ?? 0, b ?? 0],
        sessionId,
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION' })
  })
})
