import { describe, expect, it } from 'vitest'
import type { BaselineData, ReportData } from '../../../../../src-main/api/contract/models'
import {
  accuracyName,
  baselineGuess,
  baselineWarning,
  nextSort,
  reportRows,
  reportToTsv,
  rowShares,
  sortRows,
} from '../../../../../src-renderer/src/features/models/report'

const s = (precision: number, recall: number, f1: number, support: number) => ({
  precision,
  recall,
  f1,
  support,
})

const report: ReportData = {
  multiLabel: false,
  rows: 10,
  labels: ['a', 'b'],
  perLabel: { a: s(1, 0.5, 0.667, 6), b: s(0.5, 1, 0.667, 4) },
  micro: s(0.7, 0.7, 0.7, 10),
  macro: s(0.75, 0.75, 0.667, 10),
  weighted: s(0.8, 0.7, 0.667, 10),
  samples: null,
  counts: { a: { tp: 3, fp: 0, fn: 3, tn: 4 }, b: { tp: 4, fp: 3, fn: 0, tn: 3 } },
  accuracy: 0.7,
  hammingLoss: 0.3,
  macroF1: 0.667,
  microF1: 0.7,
  weightedF1: 0.667,
  samplesF1: null,
  baseline: { strategy: 'majority', source: 'training', labels: ['a'], macroF1: 0.375 },
  baselineMacroF1: 0.375,
  belowBaseline: false,
  confusion: {
    labels: ['a', 'b'],
    matrix: [
      [3, 3],
      [0, 4],
    ],
    noneIndex: null,
  },
}

describe('classification report helpers', () => {
  it('lists labels then the averages, samples only for multi-label', () => {
    const { labels, averages } = reportRows(report)
    expect(labels.map((r) => r.name)).toEqual(['a', 'b'])
    expect(averages.map((r) => r.name)).toEqual(['micro avg', 'macro avg', 'weighted avg'])
    const multi = reportRows({ ...report, multiLabel: true, samples: s(0.6, 0.6, 0.6, 10) })
    expect(multi.averages.at(-1)?.name).toBe('samples avg')
  })

  it('sorts by a column, stable on ties, and toggles direction', () => {
    const { labels } = reportRows(report)
    expect(sortRows(labels, { key: 'support', direction: 'ascending' }).map((r) => r.name)).toEqual(
      ['b', 'a'],
    )
    expect(sortRows(labels, { key: 'f1', direction: 'descending' }).map((r) => r.name)).toEqual([
      'a',
      'b',
    ])
    expect(nextSort(null, 'f1')).toEqual({ key: 'f1', direction: 'descending' })
    expect(nextSort(null, 'name')).toEqual({ key: 'name', direction: 'ascending' })
    expect(nextSort({ key: 'f1', direction: 'descending' }, 'f1').direction).toBe('ascending')
  })

  it('copies as TSV with per-label counts, the accuracy line between labels and averages, and the baseline', () => {
    const { labels, averages } = reportRows(report)
    const lines = reportToTsv(report, labels, averages).split('\n')
    expect(lines[0]).toBe('label\tprecision\trecall\tf1-score\ttp\tfp\tfn\ttn\tsupport')
    expect(lines[1]).toBe('a\t1.000\t0.500\t0.667\t3\t0\t3\t4\t6')
    expect(lines[3]).toBe('accuracy\t\t\t0.700\t\t\t\t\t10')
    expect(lines[4]).toBe('micro avg\t0.700\t0.700\t0.700\t\t\t\t\t10')
    expect(lines.at(-1)).toBe('baseline macro avg (always predicting a)\t\t\t0.375\t\t\t\t\t10')
    expect(lines).toHaveLength(8)
    // Reports saved before counts existed copy as before.
    const old = { ...report, counts: null, baseline: null }
    const oldRows = reportRows(old)
    const oldLines = reportToTsv(old, oldRows.labels, oldRows.averages).split('\n')
    expect(oldLines[0]).toBe('label\tprecision\trecall\tf1-score\tsupport')
    expect(oldLines[1]).toBe('a\t1.000\t0.500\t0.667\t6')
    expect(oldLines).toHaveLength(7)
  })

  it('names exact-match accuracy and adds Hamming loss for multi-label reports', () => {
    const multi: ReportData = {
      ...report,
      multiLabel: true,
      hammingLoss: 0.15,
      samples: s(0.6, 0.6, 0.6, 10),
      samplesF1: 0.6,
    }
    const { labels, averages } = reportRows(multi)
    const lines = reportToTsv(multi, labels, averages).split('\n')
    expect(lines[3]).toBe('exact-match accuracy\t\t\t0.700\t\t\t\t\t10')
    expect(lines).toContain('hamming loss\t\t\t0.150\t\t\t\t\t10')
    expect(accuracyName(false)).toBe('accuracy')
  })

  it('sorts label rows by their counts', () => {
    const { labels } = reportRows(report)
    expect(sortRows(labels, { key: 'fp', direction: 'descending' }).map((r) => r.name)).toEqual([
      'b',
      'a',
    ])
    expect(sortRows(labels, { key: 'fn', direction: 'descending' }).map((r) => r.name)).toEqual([
      'a',
      'b',
    ])
  })

  it('warns only when a version is not above its baseline, naming the guess', () => {
    const majority: BaselineData = {
      strategy: 'majority',
      source: 'training',
      labels: ['female'],
      macroF1: 0.1,
    }
    expect(baselineWarning({ belowBaseline: true, baseline: majority })).toBe(
      'No better than always predicting female',
    )
    expect(baselineWarning({ belowBaseline: false, baseline: majority })).toBeNull()
    expect(baselineWarning({ belowBaseline: true, baseline: null })).toBeNull()
    const every: BaselineData = { ...majority, strategy: 'every-label', labels: ['a', 'b', 'c'] }
    expect(baselineWarning({ belowBaseline: true, baseline: every })).toBe(
      'No better than giving every post a, b and c',
    )
    expect(baselineGuess({ ...every, labels: [] })).toBe('predicting no label')
  })

  it('shades confusion cells by their share of the gold row', () => {
    expect(
      rowShares([
        [3, 3],
        [0, 4],
        [0, 0],
      ]),
    ).toEqual([
      [0.5, 0.5],
      [0, 1],
      [0, 0],
    ])
  })
})
