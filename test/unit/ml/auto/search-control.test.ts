import { describe, expect, it } from 'vitest'
import {
  abortControl,
  createControlBuffer,
  releaseCandidate,
  sharedSearchControl,
  type SearchControl,
} from '../../../../src-worker/ml/auto/search-control'
import { trainModelTimed } from '../../../../src-worker/ml/models/registry'
import { workerErrorKind } from '../../../../src-worker/worker-error'
import { syntheticSet } from '../synthetic'

const data = syntheticSet({ labels: 3, rows: 120, seed: 7 })
const UNHURRIED = { timeBudget: 1e6 }

/** Runs auto with a control and returns what it threw (or null) and the checks it made. */
function runWith(control: SearchControl) {
  try {
    trainModelTimed({ kind: 'auto', params: UNHURRIED, seed: 1 }, data, undefined, control)
    return null
  } catch (error) {
    return error
  }
}

describe('automatic selection stops when aborted', () => {
  it('between candidates: candidate 3 never starts and no model is fitted', () => {
    const shared = createControlBuffer(false)
    const started: number[] = []
    const control = sharedSearchControl(shared, () => {})
    const error = runWith({
      beforeFold: () => control.beforeFold(),
      beforeCandidate(candidate) {
        if (candidate === 3) abortControl(shared)
        control.beforeCandidate(candidate)
        started.push(candidate)
      },
    })
    expect(workerErrorKind(error)).toBe('ABORTED')
    expect((error as Error).message).toBe('Model selection was aborted; nothing was saved.')
    expect(started).toEqual([0, 1, 2])
  })

  it('between folds: the fold after the abort never runs', () => {
    const shared = createControlBuffer(false)
    const control = sharedSearchControl(shared, () => {})
    let folds = 0
    const error = runWith({
      beforeCandidate: (c) => control.beforeCandidate(c),
      beforeFold() {
        folds++
        if (folds === 8) abortControl(shared)
        control.beforeFold()
      },
    })
    expect(workerErrorKind(error)).toBe('ABORTED')
    expect(folds).toBe(8)
  })

  it('a gated candidate runs once released and is announced first; an abort wins over a release', () => {
    const shared = createControlBuffer(true)
    const announced: number[] = []
    const control = sharedSearchControl(shared, (c) => announced.push(c))
    releaseCandidate(shared, 1)
    control.beforeCandidate(0)
    control.beforeCandidate(1)
    expect(announced).toEqual([0, 1])
    abortControl(shared)
    expect(() => control.beforeCandidate(0)).toThrow(/aborted/)
    expect(() => control.beforeFold()).toThrow(/aborted/)
  })

  it('without a control the search runs to the end', () => {
    const auto = trainModelTimed({ kind: 'auto', params: UNHURRIED, seed: 1 }, data)
    expect(auto.selection!.candidates.length).toBeGreaterThan(3)
  })
})
