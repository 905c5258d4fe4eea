import { describe, expect, it } from 'vitest'
import { nextBatchRows } from '../../../../src-main/core/predicting/pipeline'
import type { SourceBatch } from '../../../../src-main/core/predicting/types'

const batchOf = (content: (string | null)[], author: string[] = []): SourceBatch => ({
  size: content.length,
  ids: content.map((_, i) => String(i)),
  lastKey: content.length,
  texts: { content, ...(author.length ? { author } : {}) },
  postTimes: null,
})

describe('rows per batch', () => {
  it('keeps the configured size for short texts', () => {
    expect(nextBatchRows(batchOf(['short post', null, '']), 20_000)).toBe(20_000)
  })

  it('asks for fewer rows when the last batch held long texts, counting every field read', () => {
    const long = 'x'.repeat(390)
    expect(nextBatchRows(batchOf([long, long], ['author1234', 'author1234']), 20_000)).toBe(1250)
  })

  it('never goes below 500 rows, nor above the configured size', () => {
    expect(nextBatchRows(batchOf(['x'.repeat(1_000_000)]), 20_000)).toBe(500)
    expect(nextBatchRows(batchOf(['x'.repeat(1_000_000)]), 100)).toBe(100)
  })
})
