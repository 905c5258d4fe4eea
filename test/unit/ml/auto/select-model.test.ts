import { describe, expect, it } from 'vitest'
import { FEATURE_SETS } from '../../../../src-worker/ml/auto/feature-sets'
import { modelToFile, trainModelTimed } from '../../../../src-worker/ml/models/registry'
import { ParamError } from '../../../../src-worker/ml/models/params'
import { syntheticSet } from '../synthetic'

const single = syntheticSet({ labels: 4, rows: 240, seed: 3 })
const multi = syntheticSet({ labels: 4, rows: 240, seed: 5, multiLabel: true })
/** Large enough that every planned candidate runs: the table no longer depends on the clock. */
const UNHURRIED = { timeBudget: 1e6 }

describe('automatic model selection', () => {
  it.each([
    ['single-label', single],
    ['multi-label', multi],
  ])(
    '%s: tries every kind and feature set, keeps the best, fits it as a fixed model would',
    (_, data) => {
      const auto = trainModelTimed({ kind: 'auto', params: UNHURRIED, seed: 2 }, data)
      const table = auto.selection!.candidates
      expect(auto.selection!.method).toBe('auto')
      expect(auto.selection!.folds).toBe(5)
      expect(auto.selection!.skipped).toBe(0)
      expect(new Set(table.map((c) => c.kind))).toEqual(
        new Set(['nb', 'cnb', 'linear-svm', 'logreg']),
      )
      expect(new Set(table.map((c) => c.features))).toEqual(new Set(FEATURE_SETS))
      const means = table.map((c) => c.meanMacroF1)
      expect(means).toEqual([...means].sort((a, b) => b - a))
      expect(table.filter((c) => c.chosen)).toEqual([table[0]])
      for (const row of table) {
        expect(row.foldMacroF1).toHaveLength(5)
        expect(row.stdMacroF1).toBeGreaterThanOrEqual(0)
      }
      const best = table[0]!
      expect(auto.model.kind).toBe(best.kind)
      expect(best.meanMacroF1).toBeGreaterThan(0.7)
      // The chosen configuration trained on its own gives the same bytes: the search's out-of-fold
      // decisions, reused for calibration, are exactly the ones a fixed model computes.
      const params = auto.model.describe().params
      const nb = best.kind === 'nb' || best.kind === 'cnb'
      const fixed = trainModelTimed(
        {
          kind: best.kind,
          params: {
            ...(params.tokenize as Record<string, number | boolean>),
            ...(nb ? { alpha: best.strength } : { C: best.strength }),
            ...(best.binaryPerLabel ? { binaryPerLabel: true } : {}),
          },
          seed: 2,
        },
        data,
      )
      expect(
        Buffer.from(modelToFile(fixed.model)).equals(Buffer.from(modelToFile(auto.model))),
      ).toBe(true)
    },
    60_000,
  )

  it('multi-label: tries naive Bayes as one binary model per label too', () => {
    const auto = trainModelTimed({ kind: 'auto', params: UNHURRIED, seed: 2 }, multi)
    const binary = auto.selection!.candidates.filter((c) => c.binaryPerLabel)
    expect(new Set(binary.map((c) => c.kind))).toEqual(new Set(['nb', 'cnb']))
    expect(binary[0]!.title).toMatch(/^c?nb per label alpha=/)
  }, 60_000)

  it('chooses its candidates by estimated work, not by the clock: a slow machine tries the same ones', () => {
    const budget = { timeBudget: 0.4 }
    const quick = trainModelTimed({ kind: 'auto', params: budget, seed: 2 }, single)
    // The same search on a "busy machine": every candidate and fold waits a little first.
    const pause = new Int32Array(new SharedArrayBuffer(4))
    const slow = trainModelTimed({ kind: 'auto', params: budget, seed: 2 }, single, undefined, {
      beforeCandidate: () => void Atomics.wait(pause, 0, 0, 20),
      beforeFold: () => void Atomics.wait(pause, 0, 0, 5),
    })
    const a = quick.selection!
    const b = slow.selection!
    expect(b.candidates.map((c) => [c.title, c.meanMacroF1, c.workUnits])).toEqual(
      a.candidates.map((c) => [c.title, c.meanMacroF1, c.workUnits]),
    )
    expect(b.skippedCandidates).toEqual(a.skippedCandidates)
    expect(a.budgetUnits).toBe(0.4 * 25e6)
    expect(a.skipped).toBe(a.skippedCandidates!.length)
    expect(a.skipped).toBeGreaterThan(0)
    expect(a.skippedCandidates!.every((s) => s.reason === 'budget')).toBe(true)
    const used = a.candidates.reduce((sum, c) => sum + c.workUnits!, 0)
    expect(used).toBeLessThanOrEqual(a.budgetUnits!)
    // The budget cuts the expensive tail: every skipped candidate costs more than the cheapest run.
    const cheapest = Math.min(...a.candidates.map((c) => c.workUnits!))
    for (const s of a.skippedCandidates!) expect(s.workUnits).toBeGreaterThan(cheapest)
    expect(Buffer.from(modelToFile(slow.model)).equals(Buffer.from(modelToFile(quick.model)))).toBe(
      true,
    )
  }, 60_000)

  it('stops at the budget after the first candidate and still fits a model', () => {
    const auto = trainModelTimed({ kind: 'auto', params: { timeBudget: 1e-9 }, seed: 1 }, single)
    expect(auto.selection!.candidates).toHaveLength(1)
    expect(auto.selection!.skipped).toBeGreaterThan(0)
    expect(auto.model.labels).toEqual(['alpha', 'bravo', 'charlie', 'delta'])
  })

  it('reports progress against the budget', () => {
    const messages: string[] = []
    trainModelTimed(
      { kind: 'auto', params: { timeBudget: 1e-9 }, seed: 1 },
      single,
      (_d, total, m) => {
        messages.push(m)
        expect(total).toBeGreaterThan(0)
      },
    )
    expect(messages[0]).toMatch(/^cross-validating cnb alpha=1, /)
  })

  it('rejects parameters it does not know', () => {
    let error: unknown
    try {
      trainModelTimed({ kind: 'auto', params: { C: 1 } }, single)
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(ParamError)
    expect((error as Error).message).toMatch(/Unknown parameter C for auto; known: timeBudget/)
  })
})

describe('cross-validation of a fixed model', () => {
  it('gives one row with the fold scores and fits the model as without it', () => {
    const config = { kind: 'linear-svm' as const, seed: 4 }
    const scored = trainModelTimed({ ...config, crossValidate: 4 }, single)
    const plain = trainModelTimed(config, single)
    expect(scored.selection).toMatchObject({ method: 'fixed', folds: 4, budgetSeconds: null })
    const [row] = scored.selection!.candidates
    expect(row).toMatchObject({
      kind: 'linear-svm',
      features: 'word-1-2',
      strength: 1,
      chosen: true,
    })
    expect(row!.foldMacroF1).toHaveLength(4)
    expect(
      Buffer.from(modelToFile(scored.model)).equals(Buffer.from(modelToFile(plain.model))),
    ).toBe(true)
  })

  it('refuses rule models', () => {
    expect(() =>
      trainModelTimed({ kind: 'keyword', crossValidate: 5, keywordRules: [] }, single),
    ).toThrow(/apply to nb, cnb, linear-svm and logreg, not keyword/)
  })
})

describe('naive Bayes defaults', () => {
  it('chooses alpha and, multi-label, binaryPerLabel by cross-validation unless given', () => {
    for (const kind of ['nb', 'cnb'] as const) {
      const tuned = trainModelTimed({ kind, seed: 1 }, multi).model.describe().params
      expect([1, 0.3, 0.1, 0.03, 0.01]).toContain(tuned.alpha)
      const given = trainModelTimed({ kind, seed: 1, params: { alpha: 0.5 } }, single)
      expect(given.model.describe().params).toMatchObject({ alpha: 0.5 })
      expect(given.model.describe().params.binaryPerLabel).toBeUndefined()
    }
  })
})
