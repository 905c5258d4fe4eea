import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { LabelCounts, LabelScores } from '../../../../src-main/api/contract/models'
import {
  classificationReport,
  reportJson,
} from '../../../../src-worker/ml/metrics/classification-report'
import { labelPrior, readLabelPrior } from '../../../../src-worker/ml/metrics/baseline'
import { confusionCells, inConfusionCell } from '../../../../src-worker/ml/metrics/confusion'

const fixtures = join(import.meta.dirname, '../../../fixtures/ml')

interface Case {
  gold: string[][]
  pred: string[][]
  train?: string[][]
}

interface SklearnReport {
  multiLabel: boolean
  labels: string[]
  perLabel: Record<string, LabelScores>
  accuracy: number
  micro: Omit<LabelScores, 'support'>
  macro: Omit<LabelScores, 'support'>
  weighted: Omit<LabelScores, 'support'>
  samples?: Omit<LabelScores, 'support'>
  confusion?: number[][]
  counts: Record<string, LabelCounts>
  hammingLoss: number
  baseline: { source: 'training' | 'evaluated'; labels: string[]; macroF1: number }
  /** Multi-label: the matrix with its "(none)" row and column, computed from its definition. */
  noneConfusion?: { labels: string[]; matrix: number[][] }
}

const cases = JSON.parse(readFileSync(join(fixtures, 'report-cases.json'), 'utf8')) as Record<
  string,
  Case
>

function expectScores(
  actual: Omit<LabelScores, 'support'>,
  expected: Omit<LabelScores, 'support'>,
) {
  expect(actual.precision).toBeCloseTo(expected.precision, 9)
  expect(actual.recall).toBeCloseTo(expected.recall, 9)
  expect(actual.f1).toBeCloseTo(expected.f1, 9)
}

describe('classificationReport matches scikit-learn 1.2 (zero_division=0)', () => {
  for (const [name, { gold, pred, train }] of Object.entries(cases)) {
    it(name, () => {
      const path = join(fixtures, `sklearn-report-${name}.json`)
      const expected = JSON.parse(readFileSync(path, 'utf8')) as SklearnReport
      const report = classificationReport(gold, pred, train ? { prior: labelPrior(train) } : {})
      expect(report.multiLabel).toBe(expected.multiLabel)
      expect(report.labels).toEqual(expected.labels)
      for (const label of expected.labels) {
        expectScores(report.perLabel[label]!, expected.perLabel[label]!)
        expect(report.perLabel[label]!.support).toBe(expected.perLabel[label]!.support)
        expect(report.counts[label]).toEqual(expected.counts[label])
      }
      expect(report.hammingLoss).toBeCloseTo(expected.hammingLoss, 9)
      expect(report.baseline!.source).toBe(expected.baseline.source)
      expect(report.baseline!.labels).toEqual(expected.baseline.labels)
      expect(report.baselineMacroF1).toBeCloseTo(expected.baseline.macroF1, 9)
      expect(report.belowBaseline).toBe(report.macroF1 <= expected.baseline.macroF1 + 1e-12)
      expect(report.accuracy).toBeCloseTo(expected.accuracy, 9)
      expectScores(report.micro, expected.micro)
      expectScores(report.macro, expected.macro)
      expectScores(report.weighted, expected.weighted)
      if (expected.samples) {
        expectScores(report.samples!, expected.samples)
        expect(report.samplesF1).toBeCloseTo(expected.samples.f1, 9)
      } else expect(report.samplesF1).toBeNull()
      if (expected.confusion) {
        expect(report.confusion.matrix).toEqual(expected.confusion)
        expect(report.confusion.noneIndex).toBeNull()
      }
      if (expected.noneConfusion) {
        expect(report.confusion.labels).toEqual(expected.noneConfusion.labels)
        expect(report.confusion.matrix).toEqual(expected.noneConfusion.matrix)
        expect(report.confusion.noneIndex).toBe(expected.labels.length)
      }
    })
  }
})

describe('reportJson', () => {
  it('keeps the keys of earlier versions first and adds the new ones', () => {
    const json = reportJson(classificationReport([['a'], ['b']], [['a'], ['a']]))
    expect(Object.keys(json)).toEqual([
      'accuracy',
      'macroF1',
      'microF1',
      'weightedF1',
      'perLabel',
      'confusion',
      'multiLabel',
      'rows',
      'exactMatchAccuracy',
      'hammingLoss',
      'samplesF1',
      'micro',
      'macro',
      'weighted',
      'samples',
      'baselineMacroF1',
      'belowBaseline',
      'baseline',
    ])
    expect(json.confusion).toEqual({
      labels: ['a', 'b'],
      matrix: [
        [1, 0],
        [1, 0],
      ],
      noneIndex: null,
    })
    expect(json.perLabel.b).toEqual({
      precision: 0,
      recall: 0,
      f1: 0,
      support: 1,
      tp: 0,
      fp: 0,
      fn: 1,
      tn: 1,
    })
    // Always predicting "a" is exactly the majority baseline (ties go to the first label).
    expect(json.baseline).toEqual({
      strategy: 'majority',
      source: 'evaluated',
      labels: ['a'],
      macroF1: json.macroF1,
    })
    expect(json.belowBaseline).toBe(true)
  })

  it('names exact-match accuracy and carries the multi-label figures', () => {
    const json = reportJson(
      classificationReport(
        [['female', 'parent'], ['male'], []],
        [['female', 'parent'], ['male', 'parent'], ['student']],
      ),
    )
    expect(json.multiLabel).toBe(true)
    expect(json.exactMatchAccuracy).toBe(json.accuracy)
    expect(json.accuracy).toBeCloseTo(1 / 3, 12)
    // 2 wrong (row, label) decisions out of 3 rows x 4 labels.
    expect(json.hammingLoss).toBeCloseTo(2 / 12, 12)
    expect(json.samplesF1).toBeCloseTo((1 + 2 / 3 + 0) / 3, 12)
    expect(json.perLabel.parent).toMatchObject({ tp: 1, fp: 1, fn: 0, tn: 1 })
  })
})

describe('multi-label confusion matrix', () => {
  const matrixOf = (gold: string[][], predicted: string[][]) => {
    const { labels, matrix, noneIndex } = classificationReport(gold, predicted).confusion
    const cells: Record<string, number> = {}
    matrix.forEach((row, g) =>
      row.forEach((n, p) => {
        if (n > 0) cells[`${labels[g]} -> ${labels[p]}`] = n
      }),
    )
    return { labels, noneIndex, cells }
  }

  it('counts a perfectly predicted document on the diagonal only', () => {
    // The issue: a correct "parent, male" post used to appear in the "parent -> male" cell too.
    const { labels, noneIndex, cells } = matrixOf([['male', 'parent']], [['male', 'parent']])
    expect(labels).toEqual(['male', 'parent', '(none)'])
    expect(noneIndex).toBe(2)
    expect(cells).toEqual({ 'male -> male': 1, 'parent -> parent': 1 })
  })

  it('shows missed gold labels against (none) and spurious ones from (none)', () => {
    const { cells } = matrixOf(
      [['male', 'parent'], ['female'], [], [], ['female', 'student']],
      [['male'], ['female', 'parent'], ['student'], [], ['male']],
    )
    expect(cells).toEqual({
      'male -> male': 1,
      'parent -> (none)': 1,
      'female -> female': 1,
      '(none) -> parent': 1,
      '(none) -> student': 1,
      '(none) -> (none)': 1,
      // Two missed labels against one spurious one: one cell each.
      'female -> male': 1,
      'student -> male': 1,
    })
  })

  it('lists exactly the documents counted in a cell', () => {
    expect(
      inConfusionCell(['male', 'parent'], ['male', 'parent'], {
        gold: 'parent',
        predicted: 'male',
      }),
    ).toBe(false)
    expect(inConfusionCell(['male', 'parent'], ['male'], { gold: 'parent', predicted: null })).toBe(
      true,
    )
    expect(inConfusionCell([], ['student'], { gold: null, predicted: 'student' })).toBe(true)
    expect(inConfusionCell([], ['student'], { gold: null })).toBe(true)
    expect(inConfusionCell(['a'], ['b'], { gold: 'a', predicted: 'b' })).toBe(true)
    expect(confusionCells(['a'], ['a'])).toEqual([['a', 'a']])
  })
})

describe('baseline', () => {
  const gold = [['male'], ['male'], ['female'], ['female'], ['parent'], ['student']]

  it('flags a model whose macro-F1 is not above always predicting the training majority', () => {
    const prior = labelPrior([['female'], ['female'], ['female'], ['male'], ['male']])
    const flipped = [['female'], ['female'], ['male'], ['male'], ['male'], ['male']]
    const report = classificationReport(gold, flipped, { prior })
    expect(report.baseline).toEqual({
      strategy: 'majority',
      source: 'training',
      labels: ['female'],
      macroF1: classificationReport(
        gold,
        gold.map(() => ['female']),
      ).macroF1,
    })
    expect(report.macroF1).toBe(0)
    expect(report.belowBaseline).toBe(true)
    const good = classificationReport(gold, gold, { prior })
    expect(good.belowBaseline).toBe(false)
    expect(good.baselineMacroF1).toBeCloseTo(report.baselineMacroF1!, 12)
  })

  it('multi-label: every label seen in training, scored on the evaluated rows', () => {
    const prior = labelPrior([['female', 'parent'], ['male'], ['female']])
    const evaluated = [['female', 'parent'], ['male'], ['student']]
    const weak = classificationReport(evaluated, [['male'], ['female'], []], { prior })
    expect(weak.baseline?.strategy).toBe('every-label')
    expect(weak.baseline?.labels).toEqual(['female', 'male', 'parent'])
    const everything = evaluated.map(() => ['female', 'male', 'parent'])
    expect(weak.baselineMacroF1).toBeCloseTo(
      classificationReport(evaluated, everything).macroF1,
      12,
    )
    expect(weak.belowBaseline).toBe(true)
    expect(classificationReport(evaluated, evaluated, { prior }).belowBaseline).toBe(false)
  })

  it('reads a prior from a model file header, treating anything malformed as absent', () => {
    expect(readLabelPrior({ rows: 3, counts: { a: 2, b: 1 } })).toEqual({
      rows: 3,
      counts: { a: 2, b: 1 },
    })
    expect(readLabelPrior(undefined)).toBeNull()
    expect(readLabelPrior({ rows: 3, counts: { a: 'x' } })).toBeNull()
    expect(readLabelPrior({ rows: 3, counts: { a: -1 } })).toBeNull()
    expect(readLabelPrior({ counts: {} })).toBeNull()
  })

  it('has none for an empty evaluation', () => {
    const report = classificationReport([], [])
    expect(report.baseline).toBeNull()
    expect(report.belowBaseline).toBe(false)
  })
})
