import { describe, expect, it } from 'vitest'
import { TermTable } from '../../../../src-worker/ml/features/term-table'
import { termHash } from '../../../../src-worker/ml/text/tokenize'

/** Two CJK-range 2-grams with the same polynomial hash (so the same slot key). */
const SAME_HASH = ['\u4e00\u9f00', '\uf0ff\u0793'] as const

function whole(table: TermTable, term: string): number {
  return table.lookup(term, 0, term.length, -1, -1)
}

describe('TermTable slots holding one- and two-unit terms whole', () => {
  it('tells apart two-unit terms whose hashes are equal', () => {
    expect(termHash(SAME_HASH[0])).toBe(termHash(SAME_HASH[1]))
    expect(whole(TermTable.from([SAME_HASH[0]]), SAME_HASH[1])).toBe(-1)
    const both = TermTable.from([...SAME_HASH])
    expect(SAME_HASH.map((term) => whole(both, term))).toEqual([0, 1])
    const bytes = new TextEncoder().encode(SAME_HASH.join('\n'))
    expect(SAME_HASH.map((term) => whole(TermTable.fromUtf8(bytes), term))).toEqual([0, 1])
  })

  it('finds short terms made of two ranges (run edges) and tells one unit from two', () => {
    const table = TermTable.from([' 中', '中 ', ' ', '中', '中文'])
    const text = '中文'
    expect(table.lookup(text, 0, 0, 0, 1)).toBe(0)
    expect(table.lookup(text, 0, 1, 1, 1)).toBe(1)
    expect(table.lookup(text, 1, 1, 1, 1)).toBe(2)
    expect(table.lookup(text, 0, 1, -1, -1)).toBe(3)
    expect(table.lookup(text, 0, 2, -1, -1)).toBe(4)
    expect(table.lookup(text, 1, 2, -1, -1)).toBe(-1)
    expect(table.lookup(text, 0, 0, 1, 2)).toBe(-1)
  })

  it('keeps terms holding U+0000 exact', () => {
    expect(whole(TermTable.from(['X']), 'X\0')).toBe(-1)
    const table = TermTable.from(['X\0', '\0', '\0X'])
    expect(['X\0', '\0', '\0X', 'X'].map((term) => whole(table, term))).toEqual([0, 1, 2, -1])
  })

  it('keeps the ids of short terms across growth, and over its parts elsewhere', () => {
    const table = new TermTable()
    const terms = Array.from({ length: 6000 }, (_, i) =>
      i % 2 ? String.fromCharCode(0x4e00 + i) : String.fromCharCode(0x4e00 + (i % 97), 0x4e00 + i),
    )
    terms.forEach((term) => table.intern(term, 0, term.length, -1, -1))
    const elsewhere = TermTable.fromParts(table.parts())
    for (const copy of [table, elsewhere])
      expect(terms.every((term, id) => whole(copy, term) === id)).toBe(true)
    const kept = Int32Array.from(terms, (_, id) => (id % 3 ? -1 : id / 3))
    const selected = TermTable.fromParts(table.select(kept).parts())
    expect(terms.every((term, id) => whole(selected, term) === (id % 3 ? -1 : id / 3))).toBe(true)
  })
})
