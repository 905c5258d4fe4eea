import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readModelHeader } from '../../../../src-worker/ml/file/model-file'
import { rowLabels } from '../../../../src-worker/ml/models/decide'
import { modelFromFile, modelToFile } from '../../../../src-worker/ml/models/registry'

const dir = join(import.meta.dirname, '../../../fixtures/ml/v1-models')

interface Expected {
  texts: string[]
  models: Record<string, { labels: string[]; scores: number[]; predicted: string[][] }>
}

const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Expected

/** Model files written by format version 1 (before calibration by cross-validation). */
describe.each(Object.keys(expected.models))('a version 1 %s file', (name) => {
  const file = new Uint8Array(readFileSync(join(dir, `${name}.audmodel`)))
  const want = expected.models[name]!
  const batch = { size: expected.texts.length, fields: { content: expected.texts } }

  it('loads and gives the same scores and labels as when it was written', () => {
    expect(new DataView(file.buffer, file.byteOffset).getUint32(8, true)).toBe(1)
    const { model } = modelFromFile(file)
    const prediction = model.predictBatch(batch)
    expect(prediction.labels).toEqual(want.labels)
    expect(Array.from(prediction.scores)).toEqual(want.scores)
    expect(expected.texts.map((_, r) => rowLabels(prediction, r))).toEqual(want.predicted)
  })

  it('keeps its decision rule when saved again (e.g. after a threshold edit)', () => {
    const { model, header } = modelFromFile(file)
    const again = modelToFile(model, { trainingDataHash: header.trainingDataHash })
    expect(readModelHeader(again).decision).toEqual(header.decision)
    const prediction = modelFromFile(again).model.predictBatch(batch)
    expect(Array.from(prediction.scores)).toEqual(want.scores)
    expect(expected.texts.map((_, r) => rowLabels(prediction, r))).toEqual(want.predicted)
  })
})
