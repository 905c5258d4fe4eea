import { describe, expect, it } from 'vitest'
import {
  highlightSegments,
  literalPattern,
  searchSpans,
} from '../../../../src-renderer/src/lib/highlight'

/** The marked parts of a text for a query, in order. */
const marked = (text: string, query: string) =>
  highlightSegments(text, searchSpans(text, query))
    .filter((s) => s.marked)
    .map((s) => s.text)

describe('search highlighting', () => {
  it('finds the phrase case-insensitively in Latin text, keeping the text as written', () => {
    expect(marked('Rainy days, RAIN and rainbows', 'rain')).toEqual(['Rain', 'RAIN', 'rain'])
    expect(marked('Émile et émilie', 'ÉMI')).toEqual(['Émi', 'émi'])
    expect(searchSpans('my Husband, my husband', 'HUSBAND')).toEqual([
      { start: 3, end: 10 },
      { start: 15, end: 22 },
    ])
  })

  it('finds CJK phrases and works with characters outside the BMP', () => {
    expect(marked('我老婆，咖啡喝太多睡不著，咖啡真好', '咖啡')).toEqual(['咖啡', '咖啡'])
    expect(searchSpans('身為男生。最近在學做義大利麵', '義大利')).toEqual([{ start: 10, end: 13 }])
    expect(marked('tea 😂😂 tea', '😂')).toEqual(['😂😂'])
    expect(searchSpans('a𠀋b𠀋', '𠀋')).toEqual([
      { start: 1, end: 3 },
      { start: 4, end: 6 },
    ])
  })

  it('merges overlapping and touching occurrences into one mark', () => {
    expect(searchSpans('aaaa', 'aa')).toEqual([
      { start: 0, end: 2 },
      { start: 1, end: 3 },
      { start: 2, end: 4 },
    ])
    expect(highlightSegments('xaaaay', searchSpans('xaaaay', 'aaa'))).toEqual([
      { text: 'x', marked: false },
      { text: 'aaaa', marked: true },
      { text: 'y', marked: false },
    ])
    expect(highlightSegments('abab', searchSpans('abab', 'ab'))).toEqual([
      { text: 'abab', marked: true },
    ])
  })

  it('takes regular-expression characters in the query literally', () => {
    expect(marked('cost (1+1) = 2? [x] a.b a*b', '(1+1)')).toEqual(['(1+1)'])
    expect(marked('a.b axb', 'a.b')).toEqual(['a.b'])
    expect(marked('a*b aab', 'a*b')).toEqual(['a*b'])
    expect(marked('[x] x', '[x]')).toEqual(['[x]'])
    expect(marked('^$ \\d {2} | / -', '\\d {2} | / -')).toEqual(['\\d {2} | / -'])
    expect(new RegExp(literalPattern('^.*+?()[]{}|/\\$'), 'u').test('^.*+?()[]{}|/\\$')).toBe(true)
  })

  it('marks nothing for an empty or blank query and trims the query like the search does', () => {
    expect(searchSpans('some text', '')).toEqual([])
    expect(searchSpans('some text', '   ')).toEqual([])
    expect(searchSpans('', 'x')).toEqual([])
    expect(highlightSegments('some text', searchSpans('some text', ''))).toEqual([
      { text: 'some text', marked: false },
    ])
    expect(marked('some text', '  text ')).toEqual(['text'])
  })

  it('leaves markup in the text as text (segments are strings, never HTML)', () => {
    const text = '<b>bold</b> <img src=x onerror=alert(1)>'
    const segments = highlightSegments(text, searchSpans(text, '<img'))
    expect(segments.map((s) => s.text).join('')).toBe(text)
    expect(segments.filter((s) => s.marked).map((s) => s.text)).toEqual(['<img'])
  })
})
