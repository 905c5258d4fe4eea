import { describe, expect, it } from 'vitest'
import { parse } from './parse-helpers'

describe('doccano JSONL', () => {
  it('reads label lists, label strings and labels, keeping other keys as fields or meta', async () => {
    const text = [
      '{"id": 7, "text": "我是學生", "label": ["student"], "author": "小明", "source_id": "WH_F0001"}',
      '{"text": "dad of two", "labels": "parent#male"}',
      '{"text": "plain", "meta": {"lang": "en"}}',
    ].join('\n')
    const { records, problems } = await parse('doccano-jsonl', text)
    expect(problems).toEqual([])
    expect(records.map((r) => r.labels)).toEqual([['student'], ['parent', 'male'], []])
    expect(records[0]).toMatchObject({
      author: '小明',
      sourceId: 'WH_F0001',
      meta: { id: 7 },
      line: 1,
    })
    expect(records[2]?.meta).toEqual({ lang: 'en' })
  })

  it('reports malformed lines, rows without text and empty label lists with line numbers', async () => {
    const text = [
      '{"text": "ok", "label": []}',
      '{"text": "broken"',
      '',
      '{"label": ["a"]}',
      '[1]',
    ].join('\n')
    const { records, problems } = await parse('doccano-jsonl', text)
    expect(records).toHaveLength(1)
    expect(records[0]?.labels).toEqual([])
    expect(problems.map((p) => [p.line, p.kind])).toEqual([
      [1, 'empty-labels'],
      [2, 'malformed-row'],
      [4, 'missing-text'],
      [5, 'malformed-row'],
    ])
  })
})

describe('doccano JSON array', () => {
  it('streams the elements of an array, including strings with brackets and escapes', async () => {
    const text =
      '[\n {"text": "a ] \\" } [", "label": "x"},\n {"text": "b", "label": ["y", "z"]}\n]'
    const { records, problems } = await parse('doccano-json', text)
    expect(problems).toEqual([])
    expect(records.map((r) => [r.text, r.labels, r.line])).toEqual([
      ['a ] " } [', ['x'], 2],
      ['b', ['y', 'z'], 3],
    ])
  })

  it('fails on a file that is not an array', async () => {
    await expect(parse('doccano-json', '{"text": "x"}')).rejects.toThrow(/JSON array/)
  })
})
