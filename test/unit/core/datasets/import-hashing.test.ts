import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { contentHash } from '../../../../src-main/core/datasets/content-hash'
import { createHashTable } from '../../../../src-main/core/datasets/hash-table'

describe('contentHash', () => {
  it('equals sha1 of the NFC text with whitespace runs collapsed and trimmed', () => {
    const before = (text: string) =>
      createHash('sha1').update(text.normalize('NFC').replace(/\s+/g, ' ').trim()).digest('hex')
    const texts = [
      'plain words here',
      '  leading and trailing  ',
      'double  space',
      'tab\there',
      'line\nbreak',
      '全形\u3000空白',
      'nbsp\u00a0here',
      'cafe\u0301 composed',
      ' ',
      '珍奶太甜了 #1',
      'trailing space ',
      'a \t b',
    ]
    for (const text of texts) expect(contentHash(text), JSON.stringify(text)).toBe(before(text))
  })
})

describe('createHashTable', () => {
  it('finds added hashes, confirms matches against the documents, and grows', () => {
    const stored = new Map<number, string>()
    const table = createHashTable((id, hash) => stored.get(id) === hash)
    const hashOf = (i: number) => createHash('sha1').update(String(i)).digest('hex')
    for (let id = 1; id <= 100_000; id++) {
      stored.set(id, hashOf(id))
      table.add(hashOf(id), id)
    }
    expect(table.size).toBe(100_000)
    expect(table.has(hashOf(1))).toBe(true)
    expect(table.has(hashOf(99_999))).toBe(true)
    expect(table.has(hashOf(100_001))).toBe(false)
  })

  it('does not take a different document with the same first 64 bits for a duplicate', () => {
    const stored = new Map<number, string>()
    const table = createHashTable((id, hash) => stored.get(id) === hash)
    const a = '0123456789abcdef' + 'a'.repeat(24)
    const b = '0123456789abcdef' + 'b'.repeat(24)
    stored.set(1, a)
    table.add(a, 1)
    expect(table.has(b)).toBe(false)
    stored.set(2, b)
    table.add(b, 2)
    expect([table.has(a), table.has(b)]).toEqual([true, true])
  })
})
