import { describe, expect, it } from 'vitest'
import {
  parseLabelNames,
  ratiosFromPercents,
} from '../../../../../src-renderer/src/features/datasets/form-values'

describe('parseLabelNames', () => {
  it('splits on commas, semicolons and lines, without blanks or repeats', () => {
    expect(parseLabelNames(' positive, negative;neutral\n, positive ,')).toEqual([
      'positive',
      'negative',
      'neutral',
    ])
    expect(parseLabelNames('')).toEqual([])
  })
})

describe('ratiosFromPercents', () => {
  it('turns percentages adding up to 100 into ratios', () => {
    expect(ratiosFromPercents(80, 10, 10)).toEqual({
      error: null,
      ratios: { train: 0.8, dev: 0.1, test: 0.1 },
    })
  })

  it('explains what is wrong otherwise', () => {
    expect(ratiosFromPercents(80, 10, 5).error).toContain('add up to 95 %')
    expect(ratiosFromPercents(-1, 51, 50).error).toContain('between 0 and 100')
    expect(ratiosFromPercents(Number.NaN, 50, 50).ratios).toBeUndefined()
  })
})
