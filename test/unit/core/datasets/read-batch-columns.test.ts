import { describe, expect, it } from 'vitest'
import type { ImportProblem } from '../../../../src-main/api/contract/datasets'
import {
  fromPosted,
  packReadItems,
  toPosted,
  unpackReadItems,
  type ReadItem,
} from '../../../../src-main/core/datasets/read-batch-columns'

const problem = (line: number): { problem: ImportProblem } => ({
  problem: { line, kind: 'missing-text', message: `line ${line} has no text; row skipped` },
})

const record = (
  line: number,
  extra: Partial<Extract<ReadItem, { record: unknown }>['record']> = {},
) => ({
  hash: `h${line}`,
  record: {
    line,
    text: `文本 ${line}`,
    labels: [],
    author: null,
    title: null,
    sourceId: null,
    postTime: null,
    meta: null,
    suggestions: [],
    ...extra,
  },
})

describe('read batches as columns', () => {
  it('gives back the same items in the same order, problems where they were', () => {
    const items: ReadItem[] = [
      problem(1),
      record(2, { labels: ['male', 'parent'], author: '小明', postTime: '2024-01-02' }),
      problem(3),
      problem(4),
      record(5, { meta: { likes: 3, tags: ['a'] }, title: 't', sourceId: 'P5' }),
      record(6, {
        suggestions: [
          { label: 'female', score: 0.7 },
          { label: 'male', score: null },
        ],
      }),
      record(7, { labels: ['student'] }),
      problem(8),
    ]
    expect(unpackReadItems(structuredClone(packReadItems(items)))).toEqual(items)
    const posted = structuredClone(toPosted(packReadItems(items)))
    expect(unpackReadItems(fromPosted(posted))).toEqual(items)
  })

  it('handles a batch of problems only, and an empty batch', () => {
    expect(unpackReadItems(packReadItems([problem(1), problem(2)]))).toEqual([
      problem(1),
      problem(2),
    ])
    expect(unpackReadItems(packReadItems([]))).toEqual([])
  })
})
