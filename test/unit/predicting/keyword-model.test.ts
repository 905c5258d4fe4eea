import { describe, expect, it } from 'vitest'
import { AhoCorasick } from '../../../src-main/core/predicting/labeling/aho-corasick'
import { InlineKeywordModel } from '../../../src-main/core/predicting/labeling/keyword-model'
import { toTsv, tsvField } from '../../../src-main/core/predicting/sinks/tsv'

describe('AhoCorasick', () => {
  it('finds every occurrence, overlapping ones included', () => {
    const found: number[] = []
    new AhoCorasick(['he', 'she', 'his', 'hers', '先生', '生']).scan('ushers 王先生', found)
    expect(found.sort()).toEqual([0, 1, 3, 4, 5])
  })
})

describe('InlineKeywordModel', () => {
  it('scores occurrences per label, case-insensitively, and explains them', () => {
    const model = new InlineKeywordModel('author', { male: ['Mr', '先生'], female: ['ms'] })
    const p = model.predictBatch(
      { size: 3, fields: { author: ['MR mr', '陳小姐', 'Ms 先生'] } },
      { explain: true },
    )
    expect(p.labels).toEqual(['female', 'male'])
    expect([...p.scores]).toEqual([0, 2, 0, 0, 1, 1])
    expect([...p.assigned]).toEqual([0, 1, 0, 0, 1, 1])
    expect(p.explanations?.[0]).toEqual([{ label: 'male', matches: [{ term: 'mr', count: 2 }] }])
  })
})

describe('tsv', () => {
  it('escapes LOAD DATA specials and writes NULL as \\N', () => {
    expect(tsvField('a\tb\nc\\d')).toBe('a\\tb\\nc\\\\d')
    expect(tsvField(null)).toBe('\\N')
    const row = {
      table: 't',
      id: '1',
      author: null,
      label: 'x',
      score: 1,
      model: 'm@1',
      postTime: null,
      sourceId: 's',
      matched: 'k',
    }
    expect(toTsv([row], 'f'.repeat(32))).toBe(`1\t${'f'.repeat(32)}\t\\N\tx\t1\tm@1\t\\N\ts\tk\n`)
  })
})
