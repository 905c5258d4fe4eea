import { describe, expect, it } from 'vitest'
import { countOf } from '../../../../src-renderer/src/lib/plural'

describe('countOf', () => {
  it('puts the noun in the right number, with thousands separated', () => {
    expect(countOf(1, 'document')).toBe('1 document')
    expect(countOf(0, 'document')).toBe('0 documents')
    expect(countOf(2112, 'label')).toBe('2,112 labels')
    expect(countOf(2, 'match', 'matches')).toBe('2 matches')
  })
})
