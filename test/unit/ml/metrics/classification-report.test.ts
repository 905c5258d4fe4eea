import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  classificationReport,
  reportJson,
  type LabelScores,
} from '../../../../src-worker/ml/metrics/classification-report'

const fixtures = join(import.meta.dirname, '../../../fixtures/ml')

interface Case {
  gold: string[][]
  pred: string[][]
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
  for (const [name, { gold, pred }] of Object.entries(cases)) {
    it(name, () => {
      const path = join(fixtures, `sklearn-report-${name}.json`)
      const expected = JSON.parse(readFileSync(path, 'utf8')) as SklearnReport
      const report = classificationReport(gold, pred)
      expect(report.multiLabel).toBe(expected.multiLabel)
      expect(report.labels).toEqual(expected.labels)
      for (const label of expected.labels) {
        expectScores(report.perLabel[label]!, expected.perLabel[label]!)
        expect(report.perLabel[label]!.support).toBe(expected.perLabel[label]!.support)
      }
      expect(report.accuracy).toBeCloseTo(expected.accuracy, 9)
      expectScores(report.micro, expected.micro)
      expectScores(report.macro, expected.macro)
      expectScores(report.weighted, expected.weighted)
      if (expected.samples) expectScores(report.samples!, expected.samples)
      if (expected.confusion) expect(report.confusion.matrix).toEqual(expected.confusion)
    })
  }
})

describe('reportJson', () => {
  it('has exactly the documented keys', () => {
    const json = reportJson(classificationReport([['a'], ['b']], [['a'], ['a']]))
    expect(Object.keys(json)).toEqual([
      'accuracy',
      'macroF1',
      'microF1',
      'weightedF1',
      'perLabel',
      'confusion',
    ])
    expect(json.confusion).toEqual({
      labels: ['a', 'b'],
      matrix: [
        [1, 0],
        [1, 0],
      ],
    })
    expect(json.perLabel.b).toEqual({ precision: 0, recall: 0, f1: 0, support: 1 })
  })
})
