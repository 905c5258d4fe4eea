import { describe, expect, it } from 'vitest'
import { outerCv, readDemo } from './demo-cv'

const mean = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / values.length

// The demo dataset shows the product at its best: every statistical model type reaches 0.80
// macro-F1 and automatic selection 0.90, by 5-fold cross-validation (seeded) over its documents.
describe('demo dataset, 5-fold cross-validation', () => {
  it.each([
    ['nb', 0.8],
    ['cnb', 0.8],
    ['linear-svm', 0.8],
    ['logreg', 0.8],
  ] as const)('%s reaches %s macro-F1', async (kind, floor) => {
    expect(mean(outerCv(await readDemo(), { kind, seed: 1 }))).toBeGreaterThanOrEqual(floor)
  })

  it('auto reaches 0.90 macro-F1', async () => {
    // A budget no run reaches: the search, and so the figure, does not depend on the clock.
    const config = { kind: 'auto' as const, seed: 1, params: { timeBudget: 1e6 } }
    expect(mean(outerCv(await readDemo(), config))).toBeGreaterThanOrEqual(0.9)
  }, 120_000)
})
