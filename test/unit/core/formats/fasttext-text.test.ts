import { describe, expect, it } from 'vitest'
import { parse, parseBytes, utf16be } from './parse-helpers'

describe('fastText', () => {
  it('reads leading __label__ tokens as labels and the rest as text', async () => {
    const text = '__label__male __label__parent 帶兒子去 公園\n__label__a\nno labels here\n\n'
    const { records, problems } = await parse('fasttext', text)
    expect(records.map((r) => [r.text, r.labels])).toEqual([
      ['帶兒子去 公園', ['male', 'parent']],
      ['no labels here', []],
    ])
    expect(problems.map((p) => [p.line, p.kind])).toEqual([
      [2, 'missing-text'],
      [3, 'empty-labels'],
    ])
  })
})

describe('plain text', () => {
  it('makes one unlabeled document per non-blank line, from UTF-16 BE too', async () => {
    const { records, encoding } = await parseBytes('text', utf16be('第一行\r\n\r\nsecond line\n'))
    expect(encoding).toBe('utf-16be')
    expect(records.map((r) => [r.text, r.labels, r.line])).toEqual([
      ['第一行', [], 1],
      ['second line', [], 3],
    ])
  })

  it('drops a UTF-8 BOM and reports it', async () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('héllo\n')])
    const { records, encoding } = await parseBytes('text', bytes)
    expect(encoding).toBe('utf-8-bom')
    expect(records[0]?.text).toBe('héllo')
  })
})
