import { describe, expect, it } from 'vitest'
import { AuthorSet } from '../../../../src-main/core/predicting/author-set'

describe('author set', () => {
  it('keeps each distinct string once, in the order first added', () => {
    const set = new AuthorSet()
    const added = ['王小明', 'alice', '王小明', 'Alice', 'alice', '', '\ud800x', '🙂'].map((a) =>
      set.add(a),
    )
    expect(added).toEqual([true, true, false, true, false, true, true, true])
    expect([...set]).toEqual(['王小明', 'alice', 'Alice', '', '\ud800x', '🙂'])
    expect(set.size).toBe(6)
    expect(set.unitCount).toBe(3 + 5 + 5 + 0 + 2 + 2)
  })

  it('grows past its first arrays and agrees with a Set<string> on 300,000 mixed adds', () => {
    const set = new AuthorSet()
    const reference = new Set<string>()
    const wrong: string[] = []
    let seed = 7
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0)
    for (let i = 0; i < 300_000; i++) {
      const n = next() % 120_000
      const name = n % 3 === 0 ? `作者${n}` : `user_${n}_${'x'.repeat(n % 40)}`
      if (set.add(name) === reference.has(name)) wrong.push(name)
      reference.add(name)
    }
    expect(wrong).toEqual([])
    expect(set.size).toBe(reference.size)
    expect([...set]).toEqual([...reference])
  })
})
