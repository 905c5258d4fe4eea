import { describe, expect, it } from 'vitest'
import { compileExclusions, type ExclusionSetSpec } from '../../../src-worker/preprocess/exclusions'

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
})
