import { describe, expect, it } from 'vitest'
import {
  decodeModelFile,
  encodeModelFile,
  readModelHeader,
  type ModelHeader,
} from '../../../../src-worker/ml/file/model-file'
import { modelToFile, trainModel } from '../../../../src-worker/ml/models/registry'

/** A file written with a crafted header (checksum valid): what a hostile or broken writer makes. */
const crafted = (changes: Record<string, unknown>) =>
  encodeModelFile({ ...header, ...changes }, parts)

const header: ModelHeader = {
  kind: 'nb',
  labels: ['a', 'b'],
  field: 'content',
  decision: { multiLabel: false, threshold: 0.5, thresholds: {}, noneLabel: null },
  params: { alpha: 1 },
  trainingDataHash: 'abc',
  metrics: { macroF1: 0.5 },
}
const parts = {
  meta: { note: '標籤' },
  sections: {
    weights: Float32Array.from([1.5, -2]),
    ids: Int32Array.from([7]),
    raw: Uint8Array.from([1, 2, 3]),
  },
}

describe('model file', () => {
  it('round-trips header, metadata and typed-array sections', () => {
    const { header: h, parts: p } = decodeModelFile(encodeModelFile(header, parts))
    expect(h).toEqual(header)
    expect(p.meta).toEqual(parts.meta)
    expect(p.sections).toEqual(parts.sections)
  })

  it('rejects a file without the signature', () => {
    expect(() => decodeModelFile(new TextEncoder().encode('{"kind":"nb"} and more text'))).toThrow(
      /not an Audience model file/,
    )
  })

  it('rejects another format version, saying what to do', () => {
    const file = encodeModelFile(header, parts)
    new DataView(file.buffer).setUint32(8, 99, true)
    expect(() => decodeModelFile(file)).toThrow(
      /format version 99; .* reads versions 1 to 2\. Update Audience/,
    )
  })

  it('rejects a truncated file', () => {
    const file = encodeModelFile(header, parts)
    expect(() => decodeModelFile(file.subarray(0, file.length - 9))).toThrow(/truncated/)
    expect(() => decodeModelFile(file.subarray(0, 20))).toThrow(/truncated/)
  })

  it('rejects a damaged byte by checksum', () => {
    const file = encodeModelFile(header, parts)
    file[file.length - 10]! ^= 0xff
    expect(() => decodeModelFile(file)).toThrow(/damaged \(checksum mismatch\)/)
  })

  it.each([
    [{ field: '__proto__' }, /header is not valid \(field: /],
    [{ field: 'constructor' }, /field: /],
    [{ kind: 'svm-9000' }, /kind: /],
    [{ labels: ['a', 'a'] }, /labels: labels repeat/],
    [{ labels: 'a,b' }, /labels: /],
    [{ decision: { multiLabel: 'yes' } }, /decision\./],
  ])('rejects a header with %o, naming the field', (changes, message) => {
    const file = crafted(changes)
    expect(() => readModelHeader(file)).toThrow(message)
    expect(() => decodeModelFile(file)).toThrow(/Save or export the model again, or retrain it\./)
  })

  it('rejects a section whose length does not fit its element type', () => {
    const file = encodeModelFile(header, { meta: {}, sections: { w: Uint8Array.from([1, 2, 3]) } })
    const text = new TextDecoder().decode(file)
    const bad = new TextEncoder().encode(text.replace('"type":"uint8"', '"type":"int32"'))
    expect(() => readModelHeader(bad)).toThrow(/whole number of its elements/)
  })

  it('keeps the decision rule a model states, and refuses one that is not text', () => {
    const data = {
      texts: ['good day', 'bad day', 'good fun', 'bad luck'],
      labels: [['a'], ['b'], ['a'], ['b']],
    }
    const model = trainModel({ kind: 'nb', params: { alpha: 1 } }, data)
    const file = modelToFile(model)
    expect(readModelHeader(file).decisionRule).toBe(model.describe().decisionRule)
    expect(model.describe().decisionRule).toMatch(/Single-label/)
    expect(() => readModelHeader(crafted({ decisionRule: 3 }))).toThrow()
  })
})
