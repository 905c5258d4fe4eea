import { describe, expect, it } from 'vitest'
import { parse } from './parse-helpers'

const task = (extra: object) =>
  JSON.stringify({ data: { text: '我是家長', author: 'a' }, ...extra })

describe('Label Studio JSON', () => {
  it('takes choices of the latest kept annotation and predictions as suggestions', async () => {
    const text = `[${task({
      annotations: [
        { result: [{ value: { choices: ['female'] } }] },
        { was_cancelled: true, result: [{ value: { choices: ['male'] } }] },
      ],
      predictions: [
        {
          score: 0.7,
          result: [
            { value: { choices: ['parent'] } },
            { score: 0.2, value: { choices: ['student'] } },
          ],
        },
      ],
    })}]`
    const { records, problems } = await parse('label-studio', text)
    expect(problems).toEqual([])
    expect(records[0]).toMatchObject({
      text: '我是家長',
      author: 'a',
      labels: ['female'],
      suggestions: [
        { label: 'parent', score: 0.7 },
        { label: 'student', score: 0.2 },
      ],
    })
  })

  it('reports tasks without data.text, empty choices and malformed tasks', async () => {
    const text = `[\n{"data": {"image": 1}},\n${task({ annotations: [{ result: [] }] })},\n{"data": 5}\n]`
    const { records, problems } = await parse('label-studio', text)
    expect(records).toHaveLength(1)
    expect(problems.map((p) => [p.line, p.kind])).toEqual([
      [2, 'missing-text'],
      [3, 'empty-labels'],
      [4, 'malformed-row'],
    ])
  })
})
