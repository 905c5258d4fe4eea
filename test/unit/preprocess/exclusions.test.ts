import { describe, expect, it } from 'vitest'
import { createRegexWatch, readRegexWatch } from '../../../src-worker/patterns/regex-watch'
import {
  CHANGED,
  compileExclusions,
  DROPPED,
  KEPT,
  patternAt,
  type ExclusionSetSpec,
} from '../../../src-worker/preprocess/exclusions'

const set = (over: Partial<ExclusionSetSpec>): ExclusionSetSpec => ({
  id: 'x',
  name: 'set',
  version: 1,
  mode: 'drop',
  patterns: [],
  caseSensitive: false,
  ...over,
})

describe('exclusion sets', () => {
  const exclusions = compileExclusions([
    set({ name: 'urls', mode: 'strip', patterns: ['https?://\\S+'] }),
    set({ name: 'ads', mode: 'drop', patterns: ['限時優惠', 'BUY NOW'] }),
    set({ name: 'signatures', mode: 'strip', patterns: ['--\\s*sent from my \\w+$'] }),
  ])

  it('drops a document any drop pattern matches, case-insensitively by default', () => {
    expect(exclusions.apply('Great deal, buy now!')).toEqual({
      dropped: true,
      text: 'Great deal, buy now!',
      changed: false,
      matchedBy: { setName: 'ads', pattern: 'BUY NOW' },
    })
    expect(exclusions.apply('今天限時優惠').dropped).toBe(true)
  })

  it('strips matched text and tidies the spaces left behind', () => {
    const out = exclusions.apply('see https://x.y/z for the photos -- Sent from my iPhone')
    expect(out).toMatchObject({ dropped: false, changed: true, text: 'see for the photos' })
    expect(out.matchedBy).toEqual({ setName: 'urls', pattern: 'https?://\\S+' })
  })

  it('leaves other texts untouched and reusable across calls', () => {
    for (let i = 0; i < 3; i++) {
      expect(exclusions.apply('我是一位新手媽媽')).toEqual({
        dropped: false,
        text: '我是一位新手媽媽',
        changed: false,
        matchedBy: null,
      })
    }
  })

  it('honours case-sensitive sets', () => {
    const strict = compileExclusions([set({ patterns: ['BOT'], caseSensitive: true })])
    expect(strict.apply('a bot wrote this').dropped).toBe(false)
    expect(strict.apply('a BOT wrote this').dropped).toBe(true)
  })

  it('rejects an invalid pattern naming the set and the pattern', () => {
    expect(() => compileExclusions([set({ name: 'ads', patterns: ['ok', '(oops'] })])).toThrow(
      'Exclusion set "ads": the pattern /(oops/ is invalid at character 1: Unterminated group.',
    )
  })

  it('applies to many texts at once, numbering the matched patterns across the sets', () => {
    const sets = [
      set({ name: 'urls', mode: 'strip', patterns: ['https?://\\S+'] }),
      set({ name: 'ads', mode: 'drop', patterns: ['限時優惠', 'BUY NOW'] }),
    ]
    const out = compileExclusions(sets).applyAll(['see http://x.y now', 'buy now!', 'plain'])
    expect([...out.status]).toEqual([CHANGED, DROPPED, KEPT])
    expect(out.texts[0]).toBe('see now')
    expect(1 in out.texts || 2 in out.texts).toBe(false)
    expect([...out.matched].map((flat) => patternAt(sets, flat))).toEqual([
      'https?://\\S+',
      'BUY NOW',
      null,
    ])
  })

  it('fails a text over the budget naming the set and the pattern, and leaves them in the watch', () => {
    const cells = new Int32Array(createRegexWatch())
    const sets = [
      set({ name: 'ads', patterns: ['buy'] }),
      set({ name: 'spam', patterns: ['a', 'b'] }),
    ]
    // A budget below zero: the very first test is over it, however fast it is.
    const run = () =>
      compileExclusions(sets).applyAll(['x'], { cells, budgetMs: -1, groups: [4, 7] })
    expect(run).toThrow(
      'Exclusion set "ads": the pattern /buy/ ran longer than -1 ms on one text and was stopped',
    )
    expect(readRegexWatch(cells)).toEqual({
      kind: 'exclusion',
      group: 4,
      item: 0,
      overBudget: true,
    })
  })
})
