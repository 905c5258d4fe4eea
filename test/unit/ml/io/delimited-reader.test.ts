import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import { ApiError } from '../../../../src-main/api/errors'
import {
  DelimitedReader,
  sniffDelimiter,
  type DelimitedReaderOptions,
} from '../../../../src-worker/ml/io/delimited-reader'
import { sniffLabelSeparator, splitLabels } from '../../../../src-worker/ml/io/labels-cell'

function readAll(chunks: string[], options: DelimitedReaderOptions = {}) {
  const reader = new DelimitedReader(options)
  return [...chunks.flatMap((chunk) => reader.push(chunk)), ...reader.end()]
}

/** Cuts text into pieces of 1..7 characters, so every boundary falls somewhere. */
function cut(text: string, seed: number): string[] {
  const pieces: string[] = []
  let at = 0
  let s = seed
  while (at < text.length) {
    s = (s * 1103515245 + 12345) % 2 ** 31
    const size = 1 + (s % 7)
    pieces.push(text.slice(at, at + size))
    at += size
  }
  return pieces
}

describe('DelimitedReader', () => {
  it('handles RFC 4180 quoting, CRLF and fields split across chunks', () => {
    const records = readAll(['a,"b ""q"", c"\r\n1,"two\nlines', '",3\r', '\nx,', 'y,z\n\n'])
    expect(records).toEqual([
      { line: 1, fields: ['a', 'b "q", c'] },
      { line: 2, fields: ['1', 'two\nlines', '3'] },
      { line: 4, fields: ['x', 'y', 'z'] },
    ])
  })

  it('reads what csv-parse reads, however the text is cut into chunks', () => {
    const text =
      'id,text,label\n1,"comma, inside",a\n2,"quote ""x"" here",b\n3,"multi\r\nline\nfield",\n' +
      '4,,"c#d"\r\n5,plain text,e\n\n6,"",f\n7,"中文，標點。",g;h\n'
    const expected: string[][] = parse(text, {
      relax_column_count: true,
      skip_empty_lines: true,
      record_delimiter: ['\r\n', '\n', '\r'],
    })
    for (let seed = 1; seed <= 25; seed++)
      expect(readAll(cut(text, seed)).map((r) => r.fields)).toEqual(expected)
  })

  it('sniffs comma, tab, semicolon and pipe from the first lines, ignoring quoted text', () => {
    expect(sniffDelimiter('post_id,內容,標籤\n1,"a;b;c",x;y\n')).toBe(',')
    expect(sniffDelimiter('text\tlabel\nhello, world\tx\n')).toBe('\t')
    expect(sniffDelimiter('text;label\n"a, b";x\nc;y\n')).toBe(';')
    expect(sniffDelimiter('text|label\na|b\n')).toBe('|')
    expect(sniffDelimiter('just one column\n')).toBe(',')
    const reader = new DelimitedReader()
    expect(reader.delimiter).toBeNull()
    reader.end()
    expect(readAll(['text;label\n"a, b";x\n']).map((r) => r.fields)).toEqual([
      ['text', 'label'],
      ['a, b', 'x'],
    ])
  })

  it('marks rows that break the quoting rules (strict) and keeps them as text (lenient)', () => {
    const text = 'text,label\nsays "hi",a\n"closed"after,b\nok,c\n'
    expect(readAll([text]).map((r) => [r.line, r.problem])).toEqual([
      [1, undefined],
      [2, 'a quote inside an unquoted field (check the quotes)'],
      [3, 'text after a closing quote (check the quotes)'],
      [4, undefined],
    ])
    expect(readAll([text], { quotes: 'lenient' })).toEqual([
      { line: 1, fields: ['text', 'label'] },
      { line: 2, fields: ['says "hi"', 'a'] },
      { line: 3, fields: ['closedafter', 'b'] },
      { line: 4, fields: ['ok', 'c'] },
    ])
  })

  it('fails an unclosed quote with VALIDATION naming the line it opened on', () => {
    const text = 'text,label\nfine,a\n"never closed,b\nmore,c\n'
    expect(() => readAll(cut(text, 3), { source: 'posts.csv' })).toThrow(ApiError)
    expect(() => readAll([text], { source: 'posts.csv' })).toThrow(
      /posts\.csv, line 3: a quoted field is never closed/,
    )
  })
})

describe('label separators', () => {
  it('sniffs the separator most label cells hold, JSON arrays, or none', () => {
    expect(sniffLabelSeparator(['male;parent', 'student', 'female;parent'])).toBe(';')
    expect(sniffLabelSeparator(['a|b', 'c#d', 'e|f'])).toBe('|')
    expect(sniffLabelSeparator(['男性、家長', '學生'])).toBe('、')
    expect(sniffLabelSeparator(['["a","b"]', '["c"]'])).toBe('json')
    expect(sniffLabelSeparator(['one', 'two', ''])).toBeNull()
  })

  it('splits on the chosen separator; JSON arrays are always arrays', () => {
    expect(splitLabels('male; parent ;male', ';')).toEqual(['male', 'parent'])
    expect(splitLabels('a#b|c', null)).toEqual(['a', 'b', 'c'])
    expect(splitLabels('a#b', ';')).toEqual(['a#b'])
    expect(splitLabels('["x;y", "z"]', ';')).toEqual(['x;y', 'z'])
    expect(splitLabels('a,b', 'json')).toEqual(['a,b'])
    expect(splitLabels('  male ', '#')).toEqual(['male'])
    expect(splitLabels('male', null)).toEqual(['male'])
    expect(splitLabels(' # ', '#')).toEqual([])
    expect(splitLabels('a|b', '#')).toEqual(['a|b'])
  })
})
