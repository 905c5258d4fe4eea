import { describe, expect, it } from 'vitest'
import {
  calibrated,
  fitCalibration,
  learnableLabels,
} from '../../../../src-worker/ml/calibration/calibrators'
import { expectedCalibrationError } from '../../../../src-worker/ml/calibration/ece'
import { applyIsotonic, fitIsotonic } from '../../../../src-worker/ml/calibration/isotonic'
import { fitPlatt } from '../../../../src-worker/ml/calibration/platt'
import { chooseThreshold } from '../../../../src-worker/ml/calibration/thresholds'
import { createRandom } from '../../../../src-worker/ml/random'

/** Decisions where the chance of a positive is sigmoid(2f - 1). */
function sample(n: number, seed: number) {
  const random = createRandom(seed)
  const f = Float64Array.from({ length: n }, () => random() * 6 - 3)
  const y = Uint8Array.from(f, (v) => (random() < 1 / (1 + Math.exp(-(2 * v - 1))) ? 1 : 0))
  return { f, y }
}

describe('Platt scaling', () => {
  it('recovers the slope and sign of a known curve', () => {
    const { f, y } = sample(20000, 1)
    const { a, b } = fitPlatt(f, y)
    expect(a).toBeCloseTo(-2, 0)
    expect(b).toBeCloseTo(1, 0)
  })
})

describe('isotonic calibration', () => {
  it('pools violators into a strictly rising curve, flat beyond its ends', () => {
    const f = Float64Array.from([1, 2, 3, 4, 5, 6])
    const y = Uint8Array.from([0, 1, 0, 1, 1, 1])
    const curve = fitIsotonic(f, y)
    expect(Array.from(curve.x)).toEqual([1, 2.5, 5])
    expect(Array.from(curve.y)).toEqual([1 / 12, 0.5, 1 - 1 / 12])
    const at = (v: number) => applyIsotonic(curve.x, curve.y, 0, curve.x.length, v)
    expect(at(0)).toBe(1 / 12)
    expect(at(1.75)).toBeCloseTo((1 / 12 + 0.5) / 2, 12)
    expect(at(9)).toBe(1 - 1 / 12)
  })

  it('gives equal decisions one probability', () => {
    const curve = fitIsotonic(Float64Array.from([1, 1, 2, 2]), Uint8Array.from([0, 1, 1, 0]))
    expect(Array.from(curve.x)).toEqual([1.5])
  })

  it('is calibrated on fresh rows from the same curve', () => {
    const { f, y } = sample(20000, 2)
    const fresh = sample(20000, 3)
    const both = fitCalibration(f, y, 1, 'isotonic', Uint8Array.of(1))
    const p = Float64Array.from(fresh.f, (v) => calibrated(both, 0, v))
    expect(expectedCalibrationError(p, fresh.y)).toBeLessThan(0.02)
  })
})

describe('calibration set', () => {
  it('auto uses isotonic curves only for labels with 1000+ rows each way', () => {
    const { f, y } = sample(3000, 4)
    const decisions = new Float64Array(6000)
    const members = new Uint8Array(6000)
    f.forEach((v, i) => {
      decisions[2 * i] = v
      decisions[2 * i + 1] = v
      members[2 * i] = y[i]!
      members[2 * i + 1] = i < 200 ? y[i]! : 0
    })
    const c = fitCalibration(decisions, members, 2, 'auto', learnableLabels(members, 2))
    expect(c.isoOffsets[1]! - c.isoOffsets[0]!).toBeGreaterThan(1)
    expect(c.isoOffsets[2]! - c.isoOffsets[1]!).toBe(0)
    expect(c.sigmoids[2]).toBeLessThan(0)
  })

  it('leaves a label with under five positive rows to the natural rule', () => {
    const members = Uint8Array.from({ length: 40 }, (_, i) => (i < 4 ? 1 : 0))
    expect(Array.from(learnableLabels(members, 1))).toEqual([0])
  })
})

describe('threshold choice', () => {
  it('cuts midway at the F1-best point and keeps the natural rule when it is as good', () => {
    const f = Float64Array.from([5, 4, 3, 2, 1, 0])
    const y = Uint8Array.from([1, 1, 0, 1, 0, 0])
    const strict = Uint8Array.from([1, 0, 0, 0, 0, 0])
    // F1 at cut after 4: 2*2/(2+0+3) = 0.8; after 2: 2*3/(4+3) = 0.857.
    expect(chooseThreshold(f, y, strict)).toEqual({ threshold: 1.5, f1: 6 / 7, naturalF1: 0.5 })
    const good = Uint8Array.from([1, 1, 1, 1, 0, 0])
    expect(chooseThreshold(f, y, good).threshold).toBeNull()
  })
})
