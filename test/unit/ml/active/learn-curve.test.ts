import { describe, expect, it } from 'vitest'
import {
  fullTrainingMacroF1,
  learnCurve,
  mislabelledHitRate,
  type LearnStep,
} from '../../../../src-worker/ml/active/learn-curve'
import { outOfFoldScores } from '../../../../src-worker/ml/active/out-of-fold-scores'
import { syntheticSet } from '../synthetic'

const train = syntheticSet({ labels: 4, rows: 400, seed: 1 })
const test = syntheticSet({ labels: 4, rows: 200, seed: 2 })
const config = { kind: 'linear-svm' as const, params: { calibration: 'none' } }

describe('learn curve', () => {
  const input = { train, test, config, start: 40, batch: 30, until: 0.5, seed: 3 }

  it('labels start, then batch by batch up to the share asked, one step per model', () => {
    const steps: LearnStep[] = []
    const returned = learnCurve({ ...input, strategy: 'uncertainty' }, (s) => steps.push(s))
    expect(steps).toEqual(returned)
    expect(steps.map((s) => s.labels)).toEqual([40, 70, 100, 130, 160, 190, 200])
    for (const step of steps) expect(step.macroF1).toBeGreaterThan(0)
  })

  it('is reproducible for a seed and differs by strategy', () => {
    const run = (strategy: 'uncertainty' | 'random') => learnCurve({ ...input, strategy }, () => {})
    expect(run('random')).toEqual(run('random'))
    expect(run('random').map((s) => s.macroF1)).not.toEqual(
      run('uncertainty').map((s) => s.macroF1),
    )
    expect(run('random')[0]).toEqual(run('uncertainty')[0])
  })

  it('scores the full training set for the reference line', () => {
    const full = fullTrainingMacroF1({ ...input, strategy: 'random' })
    expect(full).toBeGreaterThan(0.5)
  })
})

describe('mislabelled queue measure', () => {
  it('finds flipped labels near the top of the queue', () => {
    const hits = mislabelledHitRate(train, config, {
      flipShare: 0.05,
      inspectShare: 0.1,
      seed: 1,
      folds: 4,
    })
    expect(hits).toMatchObject({ rows: 400, flipped: 20, inspected: 40 })
    expect(hits.hitRate).toBeGreaterThanOrEqual(0.5)
  })

  it('refuses multi-label data', () => {
    const multi = syntheticSet({ labels: 3, rows: 60, seed: 1, multiLabel: true })
    expect(() =>
      mislabelledHitRate(multi, config, { flipShare: 0.05, inspectShare: 0.1, seed: 1, folds: 3 }),
    ).toThrow(/single-label/)
  })

  it('scores every row out of fold in the whole label space', () => {
    const scored = outOfFoldScores(config, train, 4, 0)
    expect(scored.labels).toHaveLength(4)
    expect(scored.scores).toHaveLength(400 * 4)
    expect(() => outOfFoldScores(config, { texts: ['a'], labels: [['x']] }, 4, 0)).toThrow(
      /at least 4 labelled rows/,
    )
  })
})
