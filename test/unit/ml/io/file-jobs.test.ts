import { describe, expect, it } from 'vitest'
import { createCsvWriter } from '../../../../src-worker/ml/io/csv-writer'
import type { DataRow } from '../../../../src-worker/ml/io/data-file'
import { readDelimitedText } from '../../../../src-worker/ml/io/delimited-reader'
import { labelRowsCsv, packLabelBatch } from '../../../../src-worker/ml/io/file-jobs'
import { rowLabels } from '../../../../src-worker/ml/models/decide'
import type { Model } from '../../../../src-worker/ml/models/model'
import { trainModel } from '../../../../src-worker/ml/models/registry'
import { syntheticSet } from '../synthetic'

const { texts, labels } = syntheticSet({ labels: 3, rows: 600, seed: 7 })
const training = { texts: texts.slice(0, 300), labels: labels.slice(0, 300) }
const model = trainModel({ kind: 'linear-svm', seed: 1 }, training)

const dataRow = (i: number, columns: Record<string, string>, content: string): DataRow => ({
  line: i + 2,
  id: String(i),
  fields: { content },
  labels: null,
  columns,
})

/** The output's records: its cells, the way a reader of the file sees them. */
function labelled(models: Model[], header: string[], rows: DataRow[]) {
  const batch = packLabelBatch(header, ['content'], rows)
  const bytes = labelRowsCsv(models, header.length, batch, createCsvWriter({ flavour: 'raw' }))
  return { batch, records: readDelimitedText(Buffer.from(bytes).toString('utf8'), 'out') }
}

/** The model's labels for the texts, predicted at once as they were before batches had pieces. */
const expectedLabels = (m: Model, all: string[]) => {
  const prediction = m.predictBatch({ size: all.length, fields: { content: all } })
  return all.map((_, r) => rowLabels(prediction, r).join('|'))
}

describe('labelRowsCsv', () => {
  it('labels a batch larger than one piece: rows in order, cells as read, the offline labels', () => {
    // ~150,000 code units: the batch is labelled in three pieces of up to 65,536.
    const long = texts.map((text, i) => `${text} "q", ${'长文本 '.repeat(i % 100)}`)
    const rows = long.map((text, i) => dataRow(i, { id: `r${i}`, text }, text))
    const { batch, records } = labelled([model], ['id', 'text'], rows)
    expect(batch.fieldCells).toEqual({ content: 1 })
    expect(batch.width).toBe(2)
    expect(records.map((r) => r.fields.slice(0, 3))).toEqual(
      expectedLabels(model, long).map((label, i) => [`r${i}`, long[i], label]),
    )
    expect(records.every((r) => r.fields.length === 4 && Number(r.fields[3]) > 0)).toBe(true)
  })

  it('sends a field no column holds as an extra cell, and grows its output past the estimate', () => {
    // Label names longer than the 64 bytes a row's model columns are estimated at.
    const long = (label: string) => `${label}-${'x'.repeat(80)}`
    const named = trainModel(
      { kind: 'linear-svm', seed: 1 },
      {
        texts: training.texts,
        labels: training.labels.map((row) => row.map(long)),
      },
    )
    // Short texts: ~100 bytes out per row against an estimate of ~80.
    const short = texts.map((text) => text.slice(0, 6))
    const rows = short.map((text, i) => dataRow(i, { id: `r${i}`, note: '' }, text))
    const { batch, records } = labelled([named], ['id', 'note'], rows)
    expect(batch.fieldCells).toEqual({ content: 2 })
    expect(batch.width).toBe(3)
    expect(records.map((r) => r.fields.slice(0, 3))).toEqual(
      expectedLabels(named, short).map((label, i) => [`r${i}`, '', label]),
    )
  })
})
