import { afterEach, describe, expect, it } from 'vitest'
import { startTestCore } from '../helpers/core-harness'
import { fixture, importInto, runImport, startDatasetsCore, type Harness } from './datasets-harness'

let h: Harness | undefined
afterEach(async () => {
  await h?.close()
  h = undefined
})

const sessionId = 'bulk-session'

async function setup(harness: Harness) {
  h = harness
  const { datasetId } = await importInto(harness, 'posts', fixture('annotated.jsonl'))
  const detail = await harness.api.call('datasets.get', { id: datasetId })
  const labelId = (name: string) => detail.labels.find((l) => l.name === name)?.id ?? -1
  const labelsOf = async () =>
    (await harness.api.call('annotation.listDocuments', { datasetId })).items.map((d) =>
      d.labelIds.map((id) => detail.labels.find((l) => l.id === id)?.name).sort(),
    )
  return { h: harness, datasetId, labelId, labelsOf }
}

describe('annotation.bulkLabel', () => {
  it('adds a label to every match of a search + label filter as one undo step; redo re-applies', async () => {
    const { h, datasetId, labelId, labelsOf } = await setup(await startDatasetsCore())
    const before = await labelsOf()
    const filter = { query: 'e', labelId: labelId('female') }
    const matching = await h.api.call('annotation.listDocuments', { datasetId, filter })
    expect(matching.total).toBe(1)
    const result = await h.api.call('annotation.bulkLabel', {
      datasetId,
      sessionId,
      labelId: labelId('male'),
      action: 'add',
      target: { filter },
      expectedCount: matching.total,
    })
    expect(result).toEqual({ matched: 1, changed: 1 })

    const all = { query: 'a' }
    const allCount = (await h.api.call('annotation.listDocuments', { datasetId, filter: all }))
      .total
    expect(allCount).toBe(4)
    const second = await h.api.call('annotation.bulkLabel', {
      datasetId,
      sessionId,
      labelId: labelId('student'),
      action: 'add',
      target: { filter: all },
      expectedCount: allCount,
    })
    // Two of the four already have 'student'.
    expect(second).toEqual({ matched: 4, changed: 2 })
    const applied = await labelsOf()
    expect(applied).toEqual([
      ['female'],
      ['male', 'parent', 'student'],
      ['student'],
      ['parent'],
      ['student'],
      ['female', 'male', 'student'],
    ])
    const counts = await h.api.call('annotation.countDocuments', { datasetId })
    expect(counts).toMatchObject({ labeled: 6, unlabeled: 0 })
    expect(counts.byLabel[labelId('student')]).toBe(4)

    const undo = await h.api.call('annotation.undo', { datasetId, sessionId })
    expect(undo).toMatchObject({ batchSize: 2, undoable: 1, redoable: 1 })
    expect(await h.api.call('annotation.undo', { datasetId, sessionId })).toMatchObject({
      batchSize: 1,
      undoable: 0,
      redoable: 2,
    })
    expect(await labelsOf()).toEqual(before)
    expect((await h.api.call('annotation.countDocuments', { datasetId })).unlabeled).toBe(1)
    await h.api.call('annotation.redo', { datasetId, sessionId })
    const redo = await h.api.call('annotation.redo', { datasetId, sessionId })
    expect(redo).toMatchObject({ batchSize: 2, undoable: 2, redoable: 0 })
    expect(await labelsOf()).toEqual(applied)
  })

  it('removes a label from a selection of documents; unchanged documents are not journaled', async () => {
    const { h, datasetId, labelId, labelsOf } = await setup(await startDatasetsCore())
    const ids = (await h.api.call('annotation.listDocuments', { datasetId })).items.map((d) => d.id)
    const result = await h.api.call('annotation.bulkLabel', {
      datasetId,
      sessionId,
      labelId: labelId('female'),
      action: 'remove',
      target: { documentIds: [ids[0] ?? 0, ids[1] ?? 0, ids[5] ?? 0] },
      expectedCount: 3,
    })
    expect(result).toEqual({ matched: 3, changed: 2 })
    expect((await labelsOf())[0]).toEqual([])
    expect((await labelsOf())[5]).toEqual(['student'])
    expect(await h.api.call('annotation.undo', { datasetId, sessionId })).toMatchObject({
      batchSize: 2,
      undoable: 0,
    })
    expect((await labelsOf())[0]).toEqual(['female'])
  })

  it('refuses a stale count (CONFLICT), an unknown label and a bad input, changing nothing', async () => {
    const { h, datasetId, labelId, labelsOf } = await setup(await startDatasetsCore())
    const before = await labelsOf()
    const call = (p: object) =>
      h.api.call('annotation.bulkLabel', {
        datasetId,
        sessionId,
        labelId: labelId('male'),
        action: 'add',
        target: { filter: { status: 'unlabeled' } },
        expectedCount: 1,
        ...p,
      } as never)
    await expect(call({ expectedCount: 2 })).rejects.toMatchObject({
      code: 'CONFLICT',
      message:
        'The filter now matches 1 documents, not the 2 you confirmed; check and confirm again.',
      details: { matched: 1 },
    })
    await expect(call({ labelId: 9999 })).rejects.toMatchObject({ code: 'NOT_FOUND' })
    await expect(call({ action: 'toggle' })).rejects.toMatchObject({ code: 'VALIDATION' })
    await expect(call({ target: {} })).rejects.toMatchObject({ code: 'VALIDATION' })
    await expect(call({ target: { documentIds: [] } })).rejects.toMatchObject({
      code: 'VALIDATION',
    })
    await expect(call({ expectedCount: -1 })).rejects.toMatchObject({ code: 'VALIDATION' })
    expect(await labelsOf()).toEqual(before)
    expect(await h.api.call('annotation.undo', { datasetId, sessionId })).toBeNull()
  })

  it('replaces the label in a single-label dataset', async () => {
    const harness = await startDatasetsCore()
    h = harness
    const single = await harness.api.call('datasets.create', {
      name: 's',
      labelMode: 'single',
      labels: [{ name: 'a' }, { name: 'b' }],
    })
    const datasetId = single.id
    const source = { content: 'one\ntwo\nthree\n', fileName: 'x.txt' }
    expect((await runImport(harness, { target: { datasetId }, source })).task.status).toBe(
      'SUCCESS',
    )
    const [a, b] = single.labels.map((l) => l.id)
    const add = (labelId: number, expectedCount: number) =>
      harness.api.call('annotation.bulkLabel', {
        datasetId,
        sessionId,
        labelId,
        action: 'add',
        target: { filter: { query: 'o' } },
        expectedCount,
      })
    expect(await add(a ?? 0, 2)).toEqual({ matched: 2, changed: 2 })
    expect(await add(b ?? 0, 2)).toEqual({ matched: 2, changed: 2 })
    const items = (await harness.api.call('annotation.listDocuments', { datasetId })).items
    expect(items.map((d) => d.labelIds)).toEqual([[b], [b], []])
    await harness.api.call('annotation.undo', { datasetId, sessionId })
    const undone = (await harness.api.call('annotation.listDocuments', { datasetId })).items
    expect(undone.map((d) => d.labelIds)).toEqual([[a], [a], []])
  })

  it('never touches the documents of a running import', async () => {
    let reach: () => void = () => {}
    let open: () => void = () => {}
    const reached = new Promise<void>((r) => (reach = r))
    const opened = new Promise<void>((r) => (open = r))
    let armed = false
    const importWrite = async () => {
      if (!armed) return
      armed = false
      reach()
      await opened
    }
    const { h, datasetId, labelId } = await setup(
      await startTestCore({ seedDemo: false, testGates: { importWrite } }),
    )
    armed = true
    const { taskId } = await h.api.call('datasets.startImport', {
      target: { datasetId },
      source: { content: 'a new post\nanother post\n', fileName: 'more.txt' },
    })
    await reached
    const pending = () =>
      h.core.db.prepare('SELECT count(*) AS n FROM documents WHERE dataset_id = ?').get(datasetId)
    expect(pending()).toEqual({ n: 8 })
    const result = await h.api.call('annotation.bulkLabel', {
      datasetId,
      sessionId,
      labelId: labelId('male'),
      action: 'add',
      target: { filter: {} },
      expectedCount: 6,
    })
    // One of the six already has 'male'.
    expect(result).toEqual({ matched: 6, changed: 5 })
    open()
    expect((await h.core.tasks.settled(taskId)).status).toBe('SUCCESS')
    const items = (await h.api.call('annotation.listDocuments', { datasetId })).items
    expect(items.slice(6).map((d) => d.labelIds)).toEqual([[], []])
  })
})
