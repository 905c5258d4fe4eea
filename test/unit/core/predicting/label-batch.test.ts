import { describe, expect, it } from 'vitest'
import { labelBatch } from '../../../../src-main/core/predicting/label-batch'
import type { BatchLabeler } from '../../../../src-main/core/predicting/labeling/batch-labeler'
import type { ResolvedModel } from '../../../../src-main/core/predicting/labeling/model-refs'
import { modelViews } from '../../../../src-main/core/predicting/labeling/model-views'
import type { SourceBatch } from '../../../../src-main/core/predicting/types'
import type { ModelPrediction } from '../../../../src-worker/ml/tasks/predict-task'

const model: ResolvedModel = {
  name: 'topics',
  version: 'v1',
  field: 'content',
  resolvedVersion: 'topics@v1',
  fileField: 'content',
  ref: { id: 'topics', version: 1 },
  exclusions: [],
}

/**
 * A labeler that labels 'long' every text over 5 characters, and keeps what it was sent as a pool
 * labeler does: copies taken before label() returns.
 */
function copyingLabeler(): BatchLabeler & { sent: string[][] } {
  const sent: string[][] = []
  return {
    models: [model],
    threads: 1,
    sent,
    label(texts, size) {
      const column = [...texts[0]!]
      sent.push(column)
      const read = Uint8Array.from(column, (text) => (text ? 1 : 0))
      const assigned = Uint8Array.from(column, (text) => (text.length > 5 ? 1 : 0))
      const prediction: ModelPrediction = {
        id: 'topics',
        labels: ['long'],
        noneLabel: null,
        scores: new Float32Array(size).fill(0.9),
        assigned,
        read,
        matched: column.map((text) => text.slice(0, 3)),
      }
      return Promise.resolve([prediction])
    },
    close: () => Promise.resolve(),
  }
}

describe('labelBatch', () => {
  it('drops the texts only models read once they are sent, and writes rows from the rest', async () => {
    const batch: SourceBatch = {
      size: 3,
      ids: ['1', '2', '3'],
      lastKey: 3,
      texts: {
        content: ['a long post', 'short', null],
        author: ['ann', 'bob', 'cy'],
        sourceId: ['s1', 's2', 's3'],
      },
      postTimes: ['2026-01-01 00:00:00', null, null],
      authorEntries: Int32Array.from([4, 7, 9]),
    }
    const labeler = copyingLabeler()
    const signal = new AbortController().signal
    const labeled = await labelBatch(batch, labeler, modelViews([model]), () => 'out', signal)
    expect(labeler.sent).toEqual([['a long post', 'short', '']])
    expect(Object.keys(batch.texts).sort()).toEqual(['author', 'sourceId'])
    expect(labeled.rows).toEqual([
      {
        table: 'out',
        id: '1',
        author: 'ann',
        label: 'long',
        score: expect.closeTo(0.9, 6) as number,
        model: 'topics@v1',
        postTime: '2026-01-01 00:00:00',
        sourceId: 's1',
        matched: 'a l',
        authorEntry: 4,
      },
    ])
    expect(labeled.counters).toMatchObject({ received: 3, excluded: 1, labeled: 1, written: 1 })
  })
})
