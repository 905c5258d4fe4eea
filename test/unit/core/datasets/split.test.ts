import { describe, expect, it } from 'vitest'
import { splitForNewDocument, stratifiedSplit } from '../../../../src-main/core/datasets/split'

const rows = Array.from({ length: 1000 }, (_, i) => ({
  id: i + 1,
  content_hash: `h${i}`,
  label_key: i % 10 === 0 ? '1,2' : i % 3 === 0 ? '1' : '2',
}))
const config = { seed: 7, ratios: { train: 0.8, dev: 0.1, test: 0.1 } }

describe('stratified split', () => {
  it('is the same for the same seed, different for another, and independent of row order', () => {
    const a = stratifiedSplit(rows, config)
    expect(stratifiedSplit([...rows].reverse(), config)).toEqual(a)
    const b = stratifiedSplit(rows, { ...config, seed: 8 })
    expect([...a].some(([id, split]) => b.get(id) !== split)).toBe(true)
  })

  it('keeps the ratios within every label-set stratum', () => {
    const split = stratifiedSplit(rows, config)
    for (const key of ['1,2', '1', '2']) {
      const ids = rows.filter((r) => r.label_key === key).map((r) => r.id)
      const train = ids.filter((id) => split.get(id) === 'train').length
      expect(Math.abs(train / ids.length - 0.8)).toBeLessThan(0.01)
    }
  })

  it('puts new documents in a stable bucket', () => {
    expect(splitForNewDocument(config, 'abc')).toBe(splitForNewDocument(config, 'abc'))
  })
})
