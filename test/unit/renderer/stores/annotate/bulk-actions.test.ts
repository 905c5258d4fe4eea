import { afterEach, describe, expect, it } from 'vitest'
import { openTestStores } from '../../../../helpers/renderer-stores'
import { fixture, runImport } from '../../../../integration/datasets-harness'

const closers: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close()
})

/** The annotate store over a real core holding the six-post fixture, opened on it. */
async function openPosts() {
  const window = await openTestStores((close) => closers.push(close))
  const { task } = await runImport(window, {
    target: { newDataset: { name: 'posts' } },
    source: { path: fixture('annotated.jsonl') },
    options: { format: 'auto' },
  })
  expect(task.status).toBe('SUCCESS')
  const [dataset] = await window.api.call('datasets.list', {})
  const datasetId = dataset!.id
  const labelId = (name: string) => dataset!.labels.find((l) => l.name === name)!.id
  const annotate = window.stores.annotate
  await annotate.getState().open(datasetId)
  const withLabel = async (name: string) =>
    (
      await window.api.call('annotation.listDocuments', {
        datasetId,
        filter: { labelId: labelId(name) },
      })
    ).items.map((r) => r.id)
  return { ...window, annotate, datasetId, labelId, withLabel }
}

// Each test imports the fixture through a real core's task pool: slow on a loaded machine.
describe('annotate store: bulk actions', { timeout: 60_000 }, () => {
  it('labels the filter as one step, refreshes list and document, and the toast undo only undoes that step', async () => {
    const { annotate, labelId, withLabel, errors } = await openPosts()
    await annotate.getState().setFilter({ query: 'e' })
    const n = annotate.getState().total ?? 0
    expect(n).toBeGreaterThan(2)
    const before = await withLabel('student')
    const outcome = await annotate.getState().bulkLabel({
      labelId: labelId('student'),
      action: 'add',
      scope: 'matching',
      expectedCount: n,
    })
    expect(outcome).toEqual({ matched: n, changed: n - before.length, step: 1 })
    const state = annotate.getState()
    expect(state.undoable).toBe(1)
    expect(state.current?.labelIds).toContain(labelId('student'))
    expect(state.pages[0]?.every((row) => row.labelIds.includes(labelId('student')))).toBe(true)
    expect(annotate.getState().counts?.byLabel[labelId('student')]).toBe(n)

    // Another change comes after: the toast's Undo no longer applies and says so.
    await annotate.getState().pressLabel(labelId('parent'))
    await annotate.getState().undoBulk(outcome.step)
    expect(annotate.getState().notice).toMatch(/^Other changes came after/)
    expect(await withLabel('student')).toHaveLength(n)

    await annotate.getState().undo()
    await annotate.getState().undoBulk(outcome.step)
    expect(annotate.getState().notice).toBe(
      `Undid the bulk change to ${n - before.length} documents.`,
    )
    expect(await withLabel('student')).toEqual(before)
    expect(annotate.getState().undoable).toBe(0)
    expect(annotate.getState().current?.labelIds ?? []).not.toContain(labelId('student'))

    // Redo puts the whole batch back, as one step too.
    await annotate.getState().redo()
    expect(annotate.getState().notice).toBe(
      `Redid the bulk change to ${n - before.length} documents.`,
    )
    expect(await withLabel('student')).toHaveLength(n)
    expect(annotate.getState().current?.labelIds).toContain(labelId('student'))
    expect(errors).toEqual([])
  })

  it('hands a stale count back as CONFLICT with the new count, changing nothing', async () => {
    const { annotate, labelId, withLabel, errors } = await openPosts()
    const before = await withLabel('male')
    await expect(
      annotate.getState().bulkLabel({
        labelId: labelId('male'),
        action: 'add',
        scope: 'matching',
        expectedCount: 99,
      }),
    ).rejects.toMatchObject({ code: 'CONFLICT', details: { matched: 6 } })
    expect(await withLabel('male')).toEqual(before)
    expect(annotate.getState().undoable).toBe(0)
    // The dialog shows the conflict itself: no toast.
    expect(errors).toEqual([])
  })

  it('ticks one document, a range with Shift, unticks, and labels exactly the selection', async () => {
    const { annotate, labelId, withLabel } = await openPosts()
    const ids = annotate.getState().pages[0]!.map((r) => r.id)
    const toggleSelected = (id: number | undefined, range = false) =>
      annotate.getState().toggleSelected(id ?? -1, range)
    toggleSelected(ids[1])
    toggleSelected(ids[4], true)
    expect(annotate.getState().selection.sort()).toEqual(ids.slice(1, 5).sort())
    toggleSelected(ids[2])
    expect(annotate.getState().selection.sort()).toEqual([ids[1], ids[3], ids[4]].sort())
    const outcome = await annotate.getState().bulkLabel({
      labelId: labelId('female'),
      action: 'remove',
      scope: 'selection',
      expectedCount: 3,
    })
    expect(outcome.matched).toBe(3)
    const female = await withLabel('female')
    for (const id of [ids[1], ids[3], ids[4]]) expect(female).not.toContain(id)
    annotate.getState().clearSelection()
    expect(annotate.getState().selection).toEqual([])
  })
})
