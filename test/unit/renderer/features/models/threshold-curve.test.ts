import { describe, expect, it } from 'vitest'
import { thresholdCurve } from '../../../../../src-renderer/src/features/models/threshold-curve'

describe('thresholdCurve', () => {
  const rows = [
    { gold: ['a'], scores: { a: 0.9 } },
    { gold: ['a'], scores: { a: 0.6 } },
    { gold: ['b'], scores: { a: 0.7 } },
    { gold: ['b'], scores: { a: 0.1 } },
  ]

  it('trades recall for precision as the threshold rises', () => {
    const curve = thresholdCurve(rows, 'a', 9)
    expect(curve[0]).toMatchObject({ threshold: 0.1, precision: 0.5, recall: 1, predicted: 4 })
    expect(curve.at(-1)).toMatchObject({ threshold: 0.9, precision: 1, recall: 0.5, predicted: 1 })
    const recalls = curve.map((p) => p.recall)
    expect(recalls).toEqual([...recalls].sort((x, y) => y - x))
  })

  it('is empty when the label has no scores, one point when all scores are equal', () => {
    expect(thresholdCurve(rows, 'b')).toEqual([])
    expect(thresholdCurve([{ gold: ['a'], scores: { a: 1 } }], 'a')).toHaveLength(1)
  })
})
