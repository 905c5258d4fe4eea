import { describe, expect, it } from 'vitest'
import {
  disagreementScores,
  marginUncertainty,
  mislabelledScores,
  orderByScore,
  randomOrder,
  rankedThresholdUncertainty,
  selfConfidence,
  summedThresholdUncertainty,
  thresholdUncertainty,
  uncertaintyScores,
} from '../../../../src-worker/ml/active/queues'

const order = (score: ArrayLike<number>) => [...orderByScore(score)]

describe('uncertainty queues', () => {
  it('puts the smallest margin between the two best labels first', () => {
    // Margins: 0.8, 0.0, 0.3, 0.1
    const scores = [0.9, 0.1, 0, 0.4, 0.4, 0.2, 0.6, 0.3, 0.1, 0.45, 0.35, 0.2]
    expect([...marginUncertainty(scores, 3)].map((v) => Math.abs(+v.toFixed(6)))).toEqual([
      0.8, 0, 0.3, 0.1,
    ])
    expect(order(marginUncertainty(scores, 3))).toEqual([1, 3, 2, 0])
  })

  it('puts the label nearest its own threshold first (multi-label)', () => {
    const thresholds = [0.5, 0.2]
    // Nearest distances: row 0: 0.4 / 0.1 -> 0.1; row 1: 0.02; row 2: 0.3; row 3: 0
    const scores = [0.9, 0.1, 0.48, 0.9, 0.2, 0.5, 0.5, 0.9]
    expect(order(thresholdUncertainty(scores, 2, thresholds))).toEqual([3, 1, 0, 2])
  })

  it('follows the decision rule of the prediction', () => {
    const prediction = {
      labels: ['a', 'b'],
      noneLabel: null,
      size: 2,
      scores: Float32Array.from([0.9, 0.6, 0.55, 0.5]),
      assigned: new Uint8Array(4),
    }
    const single = { multiLabel: false, threshold: 0.5, thresholds: {}, noneLabel: null }
    expect(order(uncertaintyScores(prediction, single))).toEqual([1, 0])
    const multi = { ...single, multiLabel: true, thresholds: { a: 0.88 } }
    // Row 0 is 0.02 from a's threshold, row 1 exactly on b's.
    expect(order(uncertaintyScores(prediction, multi, 'nearest'))).toEqual([1, 0])
    const multiFar = { ...multi, thresholds: { a: 0.9, b: 0.9 } }
    expect(order(uncertaintyScores(prediction, multiFar, 'nearest'))).toEqual([0, 1])
    // Summed: row 0 is 0.02 + 0.1 from the thresholds (b's is 0.5), row 1 0.33 + 0.
    expect(order(uncertaintyScores(prediction, multi, 'summed'))).toEqual([0, 1])
    // Ranked (the default): each row is first on one label (row 0 on a, row 1 on b); ties by row.
    expect([...uncertaintyScores(prediction, multi)].map((v) => -v)).toEqual([0, 0])
    // top2: the single-label margin, 0.3 against 0.05.
    expect(order(uncertaintyScores(prediction, multi, 'top2'))).toEqual([1, 0])
  })

  it('adds up the distance of every label to its threshold (multi-label, summed)', () => {
    const thresholds = [0.5, 0.2]
    // Sums: row 0: 0.4 + 0.1 = 0.5; row 1: 0.02 + 0.7 = 0.72; row 2: 0.3 + 0 = 0.3; row 3: 0 + 0.7
    const scores = [0.9, 0.1, 0.48, 0.9, 0.2, 0.2, 0.5, 0.9]
    expect(
      [...summedThresholdUncertainty(scores, 2, thresholds)].map((v) => +(-v).toFixed(6)),
    ).toEqual([0.5, 0.72, 0.3, 0.7])
    expect(order(summedThresholdUncertainty(scores, 2, thresholds))).toEqual([2, 0, 3, 1])
  })
})

describe('label-balanced uncertainty (multi-label, ranked)', () => {
  it("takes each label's nearest rows in turn, whatever the scale of its scores", () => {
    // Label a scores spread over 0..1 (threshold 0.5), label b's over 0.1..0.3 (threshold 0.2).
    const thresholds = [0.5, 0.2]
    const scores = [
      [0.45, 0.1], // a: 0.05 (a's 1st) b: 0.1 (b's 3rd)
      [0.9, 0.19], // a: 0.4 (4th)      b: 0.01 (b's 1st)
      [0.35, 0.3], // a: 0.15 (2nd)     b: 0.1 (4th, tie broken by row)
      [0.2, 0.17], // a: 0.3 (3rd)      b: 0.03 (b's 2nd)
    ].flat()
    // Best places: row 0 → 0, row 1 → 0, row 2 → 1, row 3 → 1.
    expect([...rankedThresholdUncertainty(scores, 2, thresholds)].map((v) => -v)).toEqual([
      0, 0, 1, 1,
    ])
    expect(order(rankedThresholdUncertainty(scores, 2, thresholds))).toEqual([0, 1, 2, 3])
    // Summed distance puts row 1, the nearest to b's fence, last: a's wider scale outweighs it.
    expect(order(summedThresholdUncertainty(scores, 2, thresholds))).toEqual([0, 2, 3, 1])
  })

  it('does not put a row with every score at its prior first', () => {
    // Row 2: every score well below its threshold but none near it (a model that knows nothing).
    const thresholds = [0.5, 0.5, 0.5]
    const scores = [0.9, 0.02, 0.55, 0.05, 0.52, 0.03, 0.3, 0.3, 0.3]
    // Summed: row 2 (0.6) first; ranked: rows on a label's fence (0 for c, 1 for b) first.
    expect(order(summedThresholdUncertainty(scores, 3, thresholds))[0]).toBe(2)
    expect(order(rankedThresholdUncertainty(scores, 3, thresholds)).slice(0, 2)).toEqual([0, 1])
  })
})

describe('likely mislabelled (confident learning)', () => {
  // Three labels; rows 0-5 labelled as the model agrees, row 6 labelled a but looks like c.
  const probabilities = [
    0.8, 0.1, 0.1, 0.9, 0.05, 0.05, 0.1, 0.8, 0.1, 0.2, 0.7, 0.1, 0.1, 0.1, 0.8, 0.05, 0.15, 0.8,
    0.1, 0.1, 0.8,
  ]
  const gold = [0, 0, 1, 1, 2, 2, 0]
  const members = new Uint8Array(21)
  gold.forEach((l, r) => (members[r * 3 + l] = 1))

  it('learns each label’s threshold as its mean self-confidence', () => {
    const t = selfConfidence(probabilities, members, 3)
    expect([...t].map((v) => +v.toFixed(4))).toEqual([0.6, 0.75, 0.8])
  })

  it('flags the row whose gold label is doubted and ranks it first, with the reason', () => {
    const result = mislabelledScores(probabilities, members, 3)
    expect([...result.flagged]).toEqual([0, 0, 0, 0, 0, 0, 1])
    expect(order(result.score)[0]).toBe(6)
    expect(result.reasons[6]).toEqual({
      doubted: 0,
      doubtedScore: 0.1,
      preferred: 2,
      preferredScore: 0.8,
    })
  })

  it('handles multi-label rows: a missing label the model is sure of', () => {
    const probs = [0.9, 0.9, 0.9, 0.1, 0.9, 0.95]
    const gold = Uint8Array.from([1, 1, 1, 0, 1, 0])
    const result = mislabelledScores(probs, gold, 2)
    // b's threshold is 0.9 (row 0); row 2 lacks b at 0.95 -> flagged.
    expect([...result.flagged]).toEqual([0, 0, 1])
    expect(order(result.score)[0]).toBe(2)
    expect(result.reasons[2]!.preferred).toBe(1)
  })
})

describe('model disagrees with gold', () => {
  it('puts rows whose predicted set differs first, the most confident disagreement first', () => {
    const scores = [0.9, 0.1, 0.6, 0.4, 0.2, 0.8, 0.3, 0.7]
    const assigned = Uint8Array.from([1, 0, 1, 0, 0, 1, 0, 1])
    const gold = Uint8Array.from([1, 0, 0, 1, 1, 0, 0, 1])
    // Row 1 differs on both labels (0.6 + 0.6), row 2 on both (0.8 + 0.8); rows 0, 3 agree.
    expect(order(disagreementScores(scores, assigned, gold, 2))).toEqual([2, 1, 0, 3])
    expect(disagreementScores(scores, assigned, gold, 2)[0]).toBe(0)
  })
})

describe('random queue', () => {
  it('is a permutation fixed by its seed', () => {
    const a = [...randomOrder(50, 3)]
    expect([...randomOrder(50, 3)]).toEqual(a)
    expect([...randomOrder(50, 4)]).not.toEqual(a)
    expect([...a].sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => i))
  })
})
