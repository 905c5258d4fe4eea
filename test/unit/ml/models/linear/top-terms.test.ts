import { describe, expect, it } from 'vitest'
import { selectTop } from '../../../../../src-worker/ml/models/linear/top-terms'

/** The same selection by sorting: positive weights, strongest first, the earlier first at a tie. */
function bySort(weights: readonly number[], limit: number): number[] {
  return weights
    .map((weight, k) => ({ weight, k }))
    .filter((t) => t.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.k - b.k)
    .slice(0, limit)
    .map((t) => t.k)
}

function seeded(seed: number) {
  let s = seed >>> 0
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296
}

describe('selectTop', () => {
  it('keeps the strongest positive weights, ties in order, as sorting would', () => {
    const next = seeded(11)
    const entries = new Int32Array(15)
    const strongest = new Float64Array(15)
    for (let trial = 0; trial < 500; trial++) {
      const size = Math.floor(next() * 400)
      // Few distinct values (ties), zeros and negatives among them.
      const levels = 1 + Math.floor(next() * 40)
      const weights = Array.from({ length: size }, () => Math.floor(next() * levels) / 7 - 1)
      const kept = selectTop(Float64Array.from(weights), size, entries, strongest)
      const want = bySort(weights, 15)
      expect(Array.from(entries.subarray(0, kept))).toEqual(want)
      expect(Array.from(strongest.subarray(0, kept))).toEqual(want.map((k) => weights[k]))
    }
  })

  it('keeps nothing when no weight is positive, and at most `limit`', () => {
    const entries = new Int32Array(15)
    const strongest = new Float64Array(15)
    expect(selectTop(Float64Array.from([0, -1, -0.5]), 3, entries, strongest)).toBe(0)
    expect(selectTop(new Float64Array(0), 0, entries, strongest)).toBe(0)
    const rising = Float64Array.from({ length: 40 }, (_, k) => k + 1)
    expect(selectTop(rising, 40, entries, strongest, 3)).toBe(3)
    expect(Array.from(entries.subarray(0, 3))).toEqual([39, 38, 37])
  })
})
