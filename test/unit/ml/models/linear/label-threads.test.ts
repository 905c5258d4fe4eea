import { describe, expect, it } from 'vitest'
import { fitTfidf } from '../../../../../src-worker/ml/features/tfidf'
import {
  fitWeights,
  type EstimatorSettings,
} from '../../../../../src-worker/ml/models/linear/estimators'
import { modelToFile, trainModel } from '../../../../../src-worker/ml/models/registry'
import { syntheticSet } from '../../synthetic'

const settings = (kind: 'linear-svm' | 'logreg', threads: number): EstimatorSettings => ({
  kind,
  multiLabel: false,
  C: 1,
  tolerance: 0.01,
  maxIterations: 1000,
  alpha: 1,
  binaryPerLabel: false,
  seed: 3,
  threads,
})

function bytes(array: Float32Array): Buffer {
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength)
}

describe.each(['linear-svm', 'logreg'] as const)('%s one-vs-rest on threads', (kind) => {
  it.each([false, true])(
    'gives the same model file to the bit on 1 and 2 threads, cross-validation folds too (multi-label %s)',
    (multiLabel) => {
      const data = syntheticSet({ labels: 5, rows: 400, seed: 11, multiLabel })
      const file = (threads: number) =>
        Buffer.from(
          modelToFile(trainModel({ kind, seed: 5, params: { threads, cvFolds: 2 } }, data), {
            trainingDataHash: 'x',
          }),
        )
      expect(file(2).equals(file(1))).toBe(true)
    },
    60_000,
  )

  it('reports every label once as it starts, counting the labels started before it', () => {
    const data = syntheticSet({ labels: 4, rows: 200, seed: 2 })
    const { matrix } = fitTfidf(data.texts)
    const members = new Uint8Array(200 * 4)
    data.labels.forEach(
      (labels, r) =>
        (members[r * 4 + ['alpha', 'bravo', 'charlie', 'delta'].indexOf(labels[0]!)] = 1),
    )
    const heard: [number, number][] = []
    const threaded = fitWeights(settings(kind, 2), matrix, members, 4, (l, started, labels) => {
      expect(labels).toBe(4)
      heard.push([l, started])
    })
    expect(heard.map(([, started]) => started)).toEqual([0, 1, 2, 3])
    expect(heard.map(([l]) => l).sort()).toEqual([0, 1, 2, 3])
    expect(bytes(threaded).equals(bytes(fitWeights(settings(kind, 1), matrix, members, 4)))).toBe(
      true,
    )
  }, 30_000)

  it('fails with the error a solver thread threw', () => {
    const data = syntheticSet({ labels: 2, rows: 50, seed: 1 })
    const { matrix } = fitTfidf(data.texts)
    // Memberships for fewer rows than the matrix has: every label's fit rejects them.
    const members = new Uint8Array(49 * 2)
    const message = 'Label memberships (98) do not match 50 rows.'
    expect(() => fitWeights(settings(kind, 2), matrix, members, 2)).toThrow(message)
    expect(() => fitWeights(settings(kind, 1), matrix, members, 2)).toThrow(message)
  }, 30_000)
})
