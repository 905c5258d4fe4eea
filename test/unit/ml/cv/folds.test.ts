import { describe, expect, it } from 'vitest'
import { FoldFeatures } from '../../../../src-worker/ml/cv/fold-features'
import { foldRows, stratifiedFolds, usableFolds } from '../../../../src-worker/ml/cv/folds'
import {
  countTerms,
  DEFAULT_TFIDF_PARAMS,
  fitTfidf,
  transformTfidf,
} from '../../../../src-worker/ml/features/tfidf'
import type { CsrMatrix } from '../../../../src-worker/ml/features/sparse'
import { labelMatrix, labelSpace } from '../../../../src-worker/ml/models/label-space'
import { syntheticSet } from '../synthetic'

function rowsAsMaps(matrix: CsrMatrix, terms: readonly string[]) {
  return Array.from({ length: matrix.rows }, (_, r) => {
    const row = new Map<string, number>()
    for (let k = matrix.indptr[r]!; k < matrix.indptr[r + 1]!; k++)
      row.set(terms[matrix.indices[k]!]!, matrix.values[k]!)
    return row
  })
}

describe('stratified folds', () => {
  const data = syntheticSet({ labels: 4, rows: 203, seed: 5 })
  const labels = labelSpace(data.labels, null)
  const members = labelMatrix(data.labels, labels)

  it('puts every row in one fold, folds within one row in size and in each label count', () => {
    const folds = stratifiedFolds(members, labels.length, 5, 1)
    const sizes = [0, 1, 2, 3, 4].map((f) => folds.filter((x) => x === f).length)
    expect(sizes.reduce((a, b) => a + b)).toBe(203)
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1)
    labels.forEach((label) => {
      const perFold = [0, 1, 2, 3, 4].map(
        (f) => data.labels.filter((row, r) => folds[r] === f && row.includes(label)).length,
      )
      expect(Math.max(...perFold) - Math.min(...perFold)).toBeLessThanOrEqual(1)
    })
  })

  it('is seeded: the same seed gives the same folds, another seed other folds', () => {
    const a = stratifiedFolds(members, labels.length, 5, 1)
    expect(stratifiedFolds(members, labels.length, 5, 1)).toEqual(a)
    expect(stratifiedFolds(members, labels.length, 5, 2)).not.toEqual(a)
  })

  it('uses fewer folds for few rows and none below four rows', () => {
    expect(usableFolds(1000, 5)).toBe(5)
    expect(usableFolds(6, 5)).toBe(3)
    expect(usableFolds(3, 5)).toBe(0)
  })
})

describe('fold features', () => {
  it('weights a fold exactly as fitTfidf on its training texts and transformTfidf would', () => {
    const data = syntheticSet({ labels: 3, rows: 60, seed: 9 })
    const labels = labelSpace(data.labels, null)
    const folds = stratifiedFolds(labelMatrix(data.labels, labels), labels.length, 3, 4)
    const params = { ...DEFAULT_TFIDF_PARAMS, minDf: 2 }
    const counts = countTerms(data.texts, params.tokenize)
    const features = new FoldFeatures(counts, params, folds, 3)
    const fold = features.fold(1)
    const { train: trainRows, valid: validRows } = foldRows(folds, 1)
    expect(fold.trainRows).toEqual(trainRows)
    const trainTexts = Array.from(trainRows, (r) => data.texts[r]!)
    const validTexts = Array.from(validRows, (r) => data.texts[r]!)
    const { tfidf, matrix } = fitTfidf(trainTexts, params)
    const all = counts.table.terms()
    const foldTerms = new Array<string>(fold.train.cols)
    fold.mapping.forEach((column, id) => {
      if (column >= 0) foldTerms[column] = all[id]!
    })
    expect([...foldTerms].sort()).toEqual([...tfidf.terms].sort())
    expect(rowsAsMaps(fold.train, foldTerms)).toEqual(rowsAsMaps(matrix, tfidf.terms))
    expect(rowsAsMaps(fold.valid, foldTerms)).toEqual(
      rowsAsMaps(transformTfidf(tfidf, validTexts), tfidf.terms),
    )
    expect(features.fold(1)).toBe(fold)
  })
})
