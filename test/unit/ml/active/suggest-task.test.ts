import { describe, expect, it } from 'vitest'
import { runSuggestTask } from '../../../../src-worker/ml/active/suggest-task'
import { modelToFile, trainModel } from '../../../../src-worker/ml/models/registry'
import { packDocs } from '../../../../src-worker/ml/packed'
import { syntheticSet } from '../synthetic'

// Clear topics (signal 0.8), so a flipped label is the one the cross-validated model doubts most.
const set = syntheticSet({ labels: 3, rows: 120, seed: 5, signal: 0.8 })
const model = trainModel({ kind: 'linear-svm', seed: 1 }, set)
const file = modelToFile(model)
const docs = () => packDocs({ size: 120, fields: { content: set.texts } })

describe('suggest task', () => {
  it('gives every document the model’s label and score, and its uncertainty', () => {
    const out = runSuggestTask({ file, docs: docs(), seed: 0 }, () => {})
    expect(out.labels).toEqual([...model.labels])
    const prediction = model.predictBatch({ size: 120, fields: { content: set.texts } })
    for (let r = 0; r < 120; r++) {
      expect(out.indptr[r + 1]! - out.indptr[r]!).toBe(1)
      const l = out.labelIndex[out.indptr[r]!]!
      expect(prediction.assigned[r * 3 + l]).toBe(1)
      expect(out.scores[out.indptr[r]!]).toBeCloseTo(prediction.scores[r * 3 + l]!, 6)
    }
    expect(out.uncertainty).toHaveLength(120)
    expect(out.mislabel).toBeNull()
  })

  it('ranks a flipped gold label first in the mislabelled scores, doubting it', () => {
    const gold = set.labels.map((row) => [...row])
    const other = model.labels.find((l) => l !== gold[7]![0])!
    gold[7] = [other]
    const labelled = packDocs({ size: 120, fields: { content: set.texts } }, gold)
    const out = runSuggestTask({ file, docs: docs(), labelled, seed: 0 }, () => {})
    const scores = [...out.mislabel!.score]
    const top = scores.map((s, i) => [s, i] as const).sort((a, b) => b[0] - a[0])
    expect(top[0]![1]).toBe(7)
    expect(out.mislabel!.labels[out.mislabel!.reasons[7]!.doubted]).toBe(other)
  })

  it('skips the mislabelled scores when the labelled documents cannot be cross-validated', () => {
    const labelled = packDocs({ size: 3, fields: { content: set.texts.slice(0, 3) } }, [
      ['alpha'],
      ['alpha'],
      ['alpha'],
    ])
    const out = runSuggestTask({ file, docs: docs(), labelled, seed: 0 }, () => {})
    expect(out.mislabel).toBeNull()
  })
})
