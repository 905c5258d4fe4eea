import { describe, expect, it } from 'vitest'
import { createSseParser } from '../../../../src-renderer/src/api/sse-parser'

describe('createSseParser', () => {
  it('parses named events and skips comments', () => {
    const parser = createSseParser()
    const text = ': connected\n\nevent: task.updated\ndata: {"id":"a"}\n\n: ping\n\n'
    expect(parser.push(text)).toEqual([{ event: 'task.updated', data: '{"id":"a"}' }])
  })

  it('joins messages split across chunks, at any byte', () => {
    const text = 'event: a\ndata: 1\n\nevent: b\r\ndata: 2\r\n\r\n'
    for (let cut = 0; cut <= text.length; cut++) {
      const parser = createSseParser()
      const messages = [...parser.push(text.slice(0, cut)), ...parser.push(text.slice(cut))]
      expect(messages).toEqual([
        { event: 'a', data: '1' },
        { event: 'b', data: '2' },
      ])
    }
  })

  it('joins multi-line data and defaults the event name', () => {
    const parser = createSseParser()
    expect(parser.push('data: one\ndata: two\n\n')).toEqual([
      { event: 'message', data: 'one\ntwo' },
    ])
  })
})
