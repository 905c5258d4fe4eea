import { describe, expect, it } from 'vitest'
import { compilePattern, PatternError } from '../../../src-worker/patterns/compile-pattern'

function errorOf(pattern: string): PatternError {
  try {
    compilePattern(pattern, 'u', 'Set "ads"')
  } catch (error) {
    if (error instanceof PatternError) return error
    throw error
  }
  throw new Error(`/${pattern}/ compiled`)
}

describe('compilePattern', () => {
  it('compiles valid patterns with the given flags', () => {
    expect(compilePattern('買\\d+送\\d+', 'giu').test('買1送1')).toBe(true)
  })

  it.each([
    ['(ab', 0, 'Unterminated group'],
    ['ab)c', 2, "Unmatched ')'"],
    ['x|*y', 2, 'Nothing to repeat'],
    ['[abc', 0, 'Unterminated character class'],
    ['a(b(c)', 1, 'Unterminated group'],
  ])('names /%s/, the position %i and the reason', (pattern, position, reason) => {
    const error = errorOf(pattern)
    expect(error.position).toBe(position)
    expect(error.reason).toContain(reason)
    expect(error.message).toBe(
      `Set "ads": the pattern /${pattern}/ is invalid at character ${position + 1}: ${error.reason}. Fix or remove it and save again.`,
    )
  })

  it('rejects an empty pattern and reasons it cannot place', () => {
    expect(errorOf('').reason).toBe('it is empty')
    const quantifier = errorOf('a{2,1}')
    expect(quantifier.position).toBe(5)
    expect(quantifier.message).toContain('numbers out of order')
  })
})
