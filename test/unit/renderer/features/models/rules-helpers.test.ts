import { describe, expect, it } from 'vitest'
import { highlightSegments } from '../../../../../src-renderer/src/lib/highlight'
import { patternLines, toRuleEntries } from '../../../../../src-renderer/src/stores/rules/selectors'
import { emptyRuleDraft } from '../../../../../src-renderer/src/stores/rules/state'

// The Rules screen's pure helpers live next to the Models ones (this folder is the modeling UI's).
describe('rules screen helpers', () => {
  it('marks matched spans, merging overlaps and clipping to the text', () => {
    expect(
      highlightSegments('hello world', [
        { start: 6, end: 11 },
        { start: 0, end: 2 },
        { start: 1, end: 4 },
      ]),
    ).toEqual([
      { text: 'hell', marked: true },
      { text: 'o ', marked: false },
      { text: 'world', marked: true },
    ])
    expect(highlightSegments('abc', [{ start: 2, end: 99 }])).toEqual([
      { text: 'ab', marked: false },
      { text: 'c', marked: true },
    ])
  })

  it('sends complete rules only and maps them back to table rows', () => {
    const draft = {
      ...emptyRuleDraft('keyword'),
      rules: [
        { key: 1, label: 'a', pattern: 'x', match: 'start' as const },
        { key: 2, label: '', pattern: 'y', match: 'partially' as const },
        { key: 3, label: ' b ', pattern: 'z', match: 'exactly' as const },
      ],
    }
    expect(toRuleEntries(draft)).toEqual({
      rules: [
        { label: 'a', pattern: 'x', match: 'start' },
        { label: 'b', pattern: 'z', match: 'exactly' },
      ],
      rows: [0, 2],
    })
    expect(toRuleEntries({ ...draft, kind: 'regex' }).rules[0]).toEqual({
      label: 'a',
      pattern: 'x',
    })
  })

  it('reads one pattern per line, skipping blank lines', () => {
    expect(patternLines('https?://\\S+\r\n\n  \nad$')).toEqual(['https?://\\S+', 'ad$'])
  })
})
