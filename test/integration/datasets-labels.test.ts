import { afterEach, describe, expect, it } from 'vitest'
import { ApiError } from '../../src-main/api/errors'
import {
  fixture,
  importInto,
  runImport,
  snapshot,
  startDatasetsCore,
  type Harness,
} from './datasets-harness'

let h: Harness | undefined
afterEach(async () => {
  await h?.close()
  h = undefined
})

async function setup() {
  h = await startDatasetsCore()
  const report = await importInto(h, 'posts', fixture('annotated.jsonl'))
  const detail = await h.api.call('datasets.get', { id: report.datasetId })
  const label = (name: string) => {
    const found = detail.labels.find((l) => l.name === name)
    if (!found) throw new Error(name)
    return found
  }
  return { h, id: report.datasetId, label }
}

describe('label set', () => {
  it('merges two labels atomically: annotations move, doubles collapse, the source goes', async () => {
    const { h, id, label } = await setup()
    // "female,student" doc holds both: merging student into female must leave one annotation.
    const result = await h.api.call('datasets.mergeLabels', {
      datasetId: id,
      sourceLabelId: label('student').id,
      targetLabelId: label('female').id,
    })
    expect(result).toMatchObject({ movedAnnotations: 2, target: { name: 'female', count: 3 } })
    const { dataset, docs } = await snapshot(h, id)
    expect(dataset.labels.map((l) => l.name)).toEqual(['female', 'male', 'parent'])
    expect(docs.map((d) => d.labels)).toEqual([
      ['female'],
      ['male', 'parent'],
      ['female'],
      ['parent'],
      [],
      ['female'],
    ])
    expect(dataset.labeledCount).toBe(5)
  })

  it('deletes a used label only after confirmation, reporting the count', async () => {
    const { h, id, label } = await setup()
    const parent = label('parent')
    const refused = await h.api
      .call('datasets.deleteLabel', { datasetId: id, labelId: parent.id })
      .catch((e: unknown) => e)
    expect(refused).toBeInstanceOf(ApiError)
    expect(refused).toMatchObject({ code: 'CONFLICT', details: { annotationCount: 2 } })
    expect((await h.api.call('datasets.get', { id })).labels.map((l) => l.name)).toContain('parent')
    const done = await h.api.call('datasets.deleteLabel', {
      datasetId: id,
      labelId: parent.id,
      confirm: true,
    })
    expect(done.removedAnnotations).toBe(2)
    const { dataset, docs } = await snapshot(h, id)
    expect(docs.map((d) => d.labels)).toEqual([
      ['female'],
      ['male'],
      ['student'],
      [],
      [],
      ['female', 'student'],
    ])
    expect(dataset.labeledCount).toBe(4)
  })

  it('renames, recolours and re-keys labels, refusing taken names and keys', async () => {
    const { h, id, label } = await setup()
    const male = label('male')
    const updated = await h.api.call('datasets.updateLabel', {
      datasetId: id,
      labelId: male.id,
      name: 'man',
      color: '#123456',
      shortcut: 'm',
    })
    expect(updated).toMatchObject({ name: 'man', color: '#123456', shortcut: 'm', count: 1 })
    const taken = { datasetId: id, labelId: label('female').id }
    await expect(
      h.api.call('datasets.updateLabel', { ...taken, name: 'man' }),
    ).rejects.toMatchObject({ code: 'CONFLICT' })
    await expect(
      h.api.call('datasets.updateLabel', { ...taken, shortcut: 'm' }),
    ).rejects.toMatchObject({ code: 'CONFLICT' })
    const added = await h.api.call('datasets.addLabel', {
      datasetId: id,
      label: { name: 'senior' },
    })
    expect(added).toMatchObject({ name: 'senior', count: 0, shortcut: '2' })
  })
})

describe('datasets', () => {
  it('deletes to the bin and restores the last delete', async () => {
    const { h, id } = await setup()
    const deleted = await h.api.call('datasets.delete', { id })
    expect(deleted.name).toBe('posts')
    expect(await h.api.call('datasets.list', {})).toEqual([])
    await expect(h.api.call('datasets.get', { id })).rejects.toMatchObject({ code: 'NOT_FOUND' })
    await h.api.call('datasets.create', { name: 'posts' })
    const restored = await h.api.call('datasets.restore', {})
    expect(restored).toMatchObject({ id, name: 'posts (restored)', documentCount: 6 })
  })

  it('duplicates labels, documents, annotations and splits; lists with search', async () => {
    const { h, id } = await setup()
    await h.api.call('datasets.split', { id, seed: 3 })
    const copy = await h.api.call('datasets.duplicate', { id })
    expect(copy.name).toBe('posts (copy)')
    const [a, b] = [await snapshot(h, id), await snapshot(h, copy.id)]
    const strip = (s: typeof a) =>
      s.docs.map(({ text, labels, split, meta }) => ({ text, labels, split, meta }))
    expect(strip(b)).toEqual(strip(a))
    expect(b.dataset.split).toEqual(a.dataset.split)
    const counts = (d: typeof a.dataset) => ({
      documents: d.documentCount,
      labeled: d.labeledCount,
      perLabel: d.labels.map((l) => [l.name, l.count]),
    })
    expect(counts(b.dataset)).toEqual(counts(a.dataset))
    // The copy's documents are in the search index (3+ characters search it, not a scan).
    const query = [...a.docs[0]!.text].slice(0, 3).join('')
    const found = async (datasetId: string) =>
      (await h.api.call('annotation.listDocuments', { datasetId, filter: { query } })).items.length
    expect(await found(copy.id)).toBe(await found(id))
    expect(await found(copy.id)).toBeGreaterThan(0)
    await h.api.call('datasets.update', { id: copy.id, description: 'second look' })
    expect((await h.api.call('datasets.list', { query: 'second' })).map((d) => d.id)).toEqual([
      copy.id,
    ])
  })

  it('refuses single-label mode while a document has two labels', async () => {
    const { h, id } = await setup()
    await expect(h.api.call('datasets.update', { id, labelMode: 'single' })).rejects.toMatchObject({
      code: 'INVALID_STATE',
      details: { documents: 2 },
    })
  })

  it('splits deterministically and never moves a document unless re-split', async () => {
    const { h, id } = await setup()
    const splits = async () => (await snapshot(h, id)).docs.map((d) => d.split)
    await h.api.call('datasets.split', {
      id,
      seed: 11,
      ratios: { train: 0.5, dev: 0.25, test: 0.25 },
    })
    const first = await splits()
    expect(first.every((s) => s !== null)).toBe(true)
    await h.api.call('datasets.split', {
      id,
      seed: 11,
      ratios: { train: 0.5, dev: 0.25, test: 0.25 },
    })
    expect(await splits()).toEqual(first)
    const { task } = await runImport(h, {
      target: { datasetId: id },
      source: { content: '{"text":"a brand new post"}\n', fileName: 'n.jsonl' },
    })
    expect(task.status).toBe('SUCCESS')
    const after = await splits()
    expect(after.slice(0, first.length)).toEqual(first)
    expect(after.at(-1)).not.toBeNull()
    await expect(
      h.api.call('datasets.split', { id, ratios: { train: 0.5, dev: 0.5, test: 0.5 } }),
    ).rejects.toMatchObject({ code: 'VALIDATION' })
  })
})
