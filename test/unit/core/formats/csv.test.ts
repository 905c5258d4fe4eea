import { describe, expect, it } from 'vitest'
import { FormatError } from '../../../../src-main/core/formats/format-error'
import { ApiError } from '../../../../src-main/api/errors'
import { parse, parseBytes, utf16le } from './parse-helpers'

describe('CSV/TSV', () => {
  it('finds text and label columns in any order and keeps unknown columns in meta', async () => {
    const text =
      'id,label,author,content\n1,parent#male,阿宏,帶小孩去公園\n2,"[""student""]",mei,"quoted, with comma"\n'
    const { records, problems } = await parse('csv', text)
    expect(records.map((r) => [r.text, r.labels, r.author, r.sourceId, r.meta])).toEqual([
      ['帶小孩去公園', ['parent', 'male'], '阿宏', '1', null],
      ['quoted, with comma', ['student'], 'mei', '2', null],
    ])
    expect(problems).toEqual([])
  })

  it('keeps line breaks and doubled quotes inside quoted fields, reporting the starting line', async () => {
    const text = 'text,label\r\n"line one\r\nline ""two""",a|b\r\nnext,c\r\n'
    const { records } = await parse('csv', text)
    expect(records.map((r) => [r.text, r.labels, r.line])).toEqual([
      ['line one\r\nline "two"', ['a', 'b'], 2],
      ['next', ['c'], 4],
    ])
  })

  it('uses the chosen columns by name or index and reports rows without text or labels', async () => {
    const text = 'a\tb\tc\nx\t\tcat\n\t\tdog\ny\tz\t\n'
    const { records, problems } = await parse('tsv', text, {
      columns: { text: 1, label: 'c' },
    })
    expect(records.map((r) => [r.text, r.labels, r.meta])).toEqual([
      ['x', ['cat'], null],
      ['y', [], { b: 'z' }],
    ])
    expect(
      problems.filter((p) => p.kind !== 'unknown-column').map((p) => [p.line, p.kind]),
    ).toEqual([
      [3, 'missing-text'],
      [4, 'empty-labels'],
    ])
  })

  it('skips rows with more cells than columns', async () => {
    const { records, problems } = await parse('csv', 'text,label\na,b,c\nok,x\n')
    expect(records.map((r) => r.text)).toEqual(['ok'])
    expect(problems[0]).toMatchObject({ line: 2, kind: 'malformed-row' })
  })

  it('reads UTF-16 LE files with a BOM and says so', async () => {
    const { records, encoding } = await parseBytes('csv', utf16le('text,label\n中文,學生\n'))
    expect(encoding).toBe('utf-16le')
    expect(records[0]).toMatchObject({ text: '中文', labels: ['學生'] })
  })

  it('fails with the column list when the text column does not exist or quotes never close', async () => {
    await expect(parse('csv', 'a,b\n1,2\n', { columns: { text: 'body' } })).rejects.toThrow(
      /no text column "body".*1 a, 2 b/,
    )
    await expect(parse('csv', 'a,b\n1,2\n')).rejects.toThrow(FormatError)
    await expect(parse('csv', 'a,b\n1,2\n')).rejects.toThrow(/columns are: 1 a, 2 b/)
    await expect(parse('csv', 'text\n"open\n')).rejects.toThrow(ApiError)
    await expect(parse('csv', 'text\nok\n"open\n')).rejects.toThrow(/line 3: a quoted field/)
  })

  it('sniffs tabs in a .csv file', async () => {
    const { records } = await parse('csv', 'text\tlabel\nhello, world\tx\n')
    expect(records[0]).toMatchObject({ text: 'hello, world', labels: ['x'] })
  })
})
