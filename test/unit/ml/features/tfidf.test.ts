import { describe, expect, it } from 'vitest'
import { TermTable } from '../../../../src-worker/ml/features/term-table'
import {
  countTerms,
  DEFAULT_TFIDF_PARAMS,
  fitTfidf,
  tfidfFromCounts,
  transformTfidf,
} from '../../../../src-worker/ml/features/tfidf'

const params = {
  ...DEFAULT_TFIDF_PARAMS,
  tokenize: { minWordLength: 1, wordBigrams: false, cjkBigrams: false },
}

function row(matrix: ReturnType<typeof transformTfidf>, r: number, terms: string[]) {
  const values: Record<string, number> = {}
  for (let k = matrix.indptr[r]!; k < matrix.indptr[r + 1]!; k++)
    values[terms[matrix.indices[k]!]!] = matrix.values[k]!
  return values
}

describe('fitTfidf', () => {
  it('uses sublinear tf, smoothed idf and L2 rows (scikit-learn formulas)', () => {
    const { tfidf, matrix } = fitTfidf(['a a b', 'b c', 'c'], params)
    const idf = (df: number) => Math.log(4 / (1 + df)) + 1
    const a = (1 + Math.log(2)) * idf(1)
    const b = idf(2)
    const norm = Math.hypot(a, b)
    const first = row(matrix, 0, tfidf.terms)
    expect(first.a).toBeCloseTo(a / norm, 6)
    expect(first.b).toBeCloseTo(b / norm, 6)
    expect(row(matrix, 2, tfidf.terms)).toEqual({ c: 1 })
  })

  it('orders terms by document frequency and applies minDf / maxFeatures', () => {
    const texts = ['x y z', 'y z', 'z']
    expect(fitTfidf(texts, params).tfidf.terms).toEqual(['z', 'y', 'x'])
    expect(fitTfidf(texts, { ...params, minDf: 2 }).tfidf.terms).toEqual(['z', 'y'])
    expect(fitTfidf(texts, { ...params, maxFeatures: 1 }).tfidf.terms).toEqual(['z'])
  })

  it('transforms unseen text with the fitted vocabulary, ignoring unknown terms', () => {
    const { tfidf } = fitTfidf(['a b', 'b c'], params)
    const m = transformTfidf(tfidf, ['a z'])
    expect(row(m, 0, tfidf.terms)).toEqual({ a: 1 })
  })
})

describe('tfidfFromCounts', () => {
  it('writes each row in ascending column order, the same entries whether or not it consumes the counts', () => {
    // Rare terms first: token order is the reverse of the document-frequency column order.
    const texts = ['z y x c b a', 'y x c b a', 'x c b a', 'c b a a', 'b a', 'a']
    const kept = tfidfFromCounts(countTerms(texts, params.tokenize), params)
    const consumed = tfidfFromCounts(countTerms(texts, params.tokenize), params, true)
    for (const { tfidf, matrix } of [kept, consumed]) {
      for (let r = 0; r < matrix.rows; r++) {
        const columns = Array.from(matrix.indices.subarray(matrix.indptr[r], matrix.indptr[r + 1]))
        expect(columns).toEqual([...columns].sort((p, q) => p - q))
      }
      const first = row(matrix, 0, tfidf.terms)
      expect(Object.keys(first).sort()).toEqual(['a', 'b', 'c', 'x', 'y', 'z'])
      expect(first.z).toBeGreaterThan(first.a!)
    }
    expect(consumed.matrix).toEqual(kept.matrix)
  })
})

describe('TermTable', () => {
  it('finds terms by ranges, including two ranges joined by a space', () => {
    const table = TermTable.from(['new', 'new york', ' 中'])
    const text = 'in new york 中'
    expect(table.lookup(text, 3, 6, -1, -1)).toBe(0)
    expect(table.lookup(text, 3, 6, 7, 11)).toBe(1)
    expect(table.lookup(text, 0, 0, 12, 13)).toBe(2)
    expect(table.lookup(text, 7, 11, -1, -1)).toBe(-1)
  })

  it('keeps ids stable across growth', () => {
    const table = new TermTable()
    const words = Array.from({ length: 5000 }, (_, i) => `w${i}`)
    words.forEach((w) => table.intern(w, 0, w.length, -1, -1))
    expect(words.every((w, i) => table.lookup(w, 0, w.length, -1, -1) === i)).toBe(true)
    expect(table.terms()).toEqual(words)
  })
})

describe('countTerms', () => {
  it('counts every document exactly when the corpus outgrows the sizing sample', () => {
    // Short documents first, then long ones: the arrays sized from the first ones must grow.
    const texts = Array.from({ length: 6000 }, (_, i) =>
      i < 3000 ? `w${i % 7}` : Array.from({ length: 40 }, (_, k) => `w${(i + k) % 97}`).join(' '),
    )
    const counts = countTerms(texts, params.tokenize)
    const terms = counts.table.terms()
    expect(counts.ids.length).toBe(counts.indptr[texts.length])
    for (const r of [0, 2999, 3000, 5999]) {
      const got: Record<string, number> = {}
      for (let k = counts.indptr[r]!; k < counts.indptr[r + 1]!; k++)
        got[terms[counts.ids[k]!]!] = counts.counts[k]!
      const want: Record<string, number> = {}
      for (const word of texts[r]!.split(' ')) want[word] = (want[word] ?? 0) + 1
      expect(got).toEqual(want)
    }
  })
})
