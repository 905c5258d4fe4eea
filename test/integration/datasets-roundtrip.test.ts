import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { DATASET_FORMATS, type DatasetFormat } from '../../src-main/api/contract/datasets'
import { oneLine } from '../../src-main/core/formats/fasttext'
import {
  exportTo,
  fixture,
  importInto,
  snapshot,
  startDatasetsCore,
  type Harness,
} from './datasets-harness'

let h: Harness | undefined
afterEach(async () => {
  await h?.close()
  h = undefined
})

/** What a format can carry: all fields, labels only, or text only (one line per document). */
const CARRIES: Record<DatasetFormat, 'all' | 'labels' | 'text'> = {
  'doccano-jsonl': 'all',
  'doccano-json': 'all',
  'label-studio': 'all',
  csv: 'all',
  tsv: 'all',
  fasttext: 'labels',
  text: 'text',
  xlsx: 'all',
}

describe('export → import round trip on real SQLite files', () => {
  it.each(DATASET_FORMATS)('%s keeps documents and labels', async (format) => {
    h = await startDatasetsCore()
    const original = await importInto(h, 'original', fixture('annotated.jsonl'))
    expect(original.imported).toBe(6)
    const out = join(h.dataDir, `export.${format}`)
    await exportTo(h, original.datasetId, format, out, { csvFlavour: 'raw' })
    const back = await importInto(h, 'back', out, format)
    expect(back.problemCounts['malformed-row'] ?? 0).toBe(0)
    const a = await snapshot(h, original.datasetId)
    const b = await snapshot(h, back.datasetId)
    const view = (docs: typeof a.docs) =>
      docs.map((d) => {
        const carried = CARRIES[format]
        if (carried === 'text') return { text: oneLine(d.text) }
        if (carried === 'labels') return { text: oneLine(d.text), labels: d.labels }
        const { text, labels, author, title, sourceId, postTime, meta } = d
        return { text, labels, author, title, sourceId, postTime, meta }
      })
    expect(view(b.docs)).toEqual(view(a.docs))
  })

  it('keeps Label Studio predictions as suggestions', async () => {
    h = await startDatasetsCore()
    const report = await importInto(h, 'ls', fixture('label-studio.json'))
    expect(report.format).toBe('label-studio')
    const out = join(h.dataDir, 'ls-out.json')
    await exportTo(h, report.datasetId, 'label-studio', out)
    const back = await importInto(h, 'ls-back', out)
    const [a, b] = [await snapshot(h, report.datasetId), await snapshot(h, back.datasetId)]
    const suggestions = (s: typeof a) =>
      s.docs.map((d) =>
        d.suggestions.map((x) => [s.dataset.labels.find((l) => l.id === x.labelId)?.name, x.score]),
      )
    expect(suggestions(a)).toEqual([[['parent', 0.8]], []])
    expect(suggestions(b)).toEqual(suggestions(a))
  })

  it('exports a split, a filter or a selection only', async () => {
    h = await startDatasetsCore()
    const report = await importInto(h, 'f', fixture('annotated.jsonl'))
    const id = report.datasetId
    const detail = await h.api.call('datasets.get', { id })
    const parent = detail.labels.find((l) => l.name === 'parent')
    const out = join(h.dataDir, 'parent.jsonl')
    await exportTo(h, id, 'doccano-jsonl', out, { filter: { labelId: parent?.id } })
    const back = await importInto(h, 'parents', out)
    expect(back.imported).toBe(2)
    const page = await h.api.call('annotation.listDocuments', { datasetId: id, limit: 2 })
    const sel = join(h.dataDir, 'sel.txt')
    await exportTo(h, id, 'text', sel, { documentIds: page.items.map((d) => d.id) })
    expect((await importInto(h, 'sel', sel)).imported).toBe(2)
  })
})
