import { describe, expect, it } from 'vitest'
import { classificationReport } from '../../../../src-worker/ml/metrics/classification-report'
import { predictedLabelSets } from '../../../../src-worker/ml/metrics/evaluate'
import { rowLabels } from '../../../../src-worker/ml/models/decide'
import { TfidfEncoder } from '../../../../src-worker/ml/features/tfidf'
import type { LinearModel } from '../../../../src-worker/ml/models/linear/linear-model'
import type { Model } from '../../../../src-worker/ml/models/model'
import { modelFromFile, modelToFile, trainModel } from '../../../../src-worker/ml/models/registry'
import {
  BIAS_TERM,
  IDF_LABEL,
  termWeightsFromCsv,
  termWeightsToCsv,
} from '../../../../src-worker/ml/models/term-weight/term-weight-csv'
import type { TermWeightModel } from '../../../../src-worker/ml/models/term-weight/term-weight-model'
import { syntheticSet, type SyntheticSet } from '../synthetic'

const batchOf = (...texts: string[]) => ({ size: texts.length, fields: { content: texts } })

function macroF1(model: Model, test: SyntheticSet): number {
  const prediction = model.predictBatch(batchOf(...test.texts))
  const multiLabel = model.decision.multiLabel || undefined
  return classificationReport(test.labels, predictedLabelSets(prediction), { multiLabel }).macroF1
}

describe('a written term table', () => {
  const csv =
    'label,term,weight\nsports,football,0.9\nsports,match,0.2\nfinance,bank,0.8\nfinance,房地產,0.6\n'
  const rows = termWeightsFromCsv(csv, 'terms.csv')

  it('gives every label whose weights sum above its threshold', () => {
    const model = trainModel({ kind: 'term-weight', termWeights: rows }, null)
    const prediction = model.predictBatch(
      batchOf('football match', 'the match', '房地產 bank', 'nothing'),
      { explain: true },
    )
    expect(model.labels).toEqual(['finance', 'sports'])
    expect(prediction.scores[1]).toBeCloseTo(1.1, 6)
    expect(rowLabels(prediction, 0)).toEqual(['sports'])
    expect(rowLabels(prediction, 1)).toEqual(['sports'])
    expect(prediction.scores[2 * 2]).toBeCloseTo(1.4, 6)
    expect(rowLabels(prediction, 3)).toEqual([])
    expect(prediction.explanations![2]![0]!.matches.map((m) => m.term)).toEqual(['bank', '房地產'])
    const strict = trainModel(
      { kind: 'term-weight', termWeights: rows, decision: { threshold: 0.5 } },
      null,
    )
    expect(rowLabels(strict.predictBatch(batchOf('the match')), 0)).toEqual([])
  })

  it('explains with readable units: merged CJK spans, whole words, no repeats, at most five', () => {
    const table = termWeightsFromCsv(
      'label,term,weight\nfinance,房地,0.4\nfinance,地產,0.3\nfinance,產,0.1\nfinance,bank,0.8\n' +
        'finance,banks,0.2\nfinance,loan,0.1\nfinance,rate,0.1\nfinance,fund,0.1\nfinance,tax,0.1\n',
      'terms.csv',
    )
    const model = trainModel({ kind: 'term-weight', termWeights: table }, null)
    const text = '房地產 bank bank loan rate fund tax banks'
    const [explanation] = model.predictBatch(batchOf(text), { explain: true }).explanations![0]!
    const units = explanation!.matches.map((m) => m.term)
    expect(units[0]).toBe('bank')
    expect(units).toContain('房地產')
    expect(units.length).toBeLessThanOrEqual(5)
    expect(new Set(units).size).toBe(units.length)
    expect(units.every((u) => !/^[a-z]$/.test(u))).toBe(true)
    expect(explanation!.matches[0]!.count).toBe(2)
  })

  it('round-trips through CSV exactly, edge terms and reserved rows included', () => {
    const table = [
      ...rows,
      { label: 'finance', term: ' 股', weight: -0.25 },
      { label: 'finance', term: BIAS_TERM, weight: -1.5 },
      { label: IDF_LABEL, term: 'bank', weight: 2.1 },
    ]
    expect(termWeightsFromCsv(termWeightsToCsv(table), 'again.csv')).toEqual(table)
  })

  it('reports bad rows by line', () => {
    expect(() => termWeightsFromCsv('label,term,weight\na,b,x\n', 't.csv')).toThrow(
      /t.csv line 2: weight must be a number/,
    )
    expect(() => termWeightsFromCsv(`label,term,weight\n${IDF_LABEL},b,0\n`, 't.csv')).toThrow(
      /line 2: an \(idf\) weight must be above 0/,
    )
  })
})

describe('a term table learnt from data', () => {
  it('scores exactly as its SVM, also on Latin letters inside Chinese runs', () => {
    // Glue some words together so CJK runs hold Latin letters: the featuriser's terms there are
    // single letters, which a substring search would find in every word.
    const glue = (set: SyntheticSet) => ({
      ...set,
      texts: set.texts.map((t) => t.replace(/ /g, (_, at: number) => (at % 3 ? ' ' : ''))),
    })
    const train = glue(syntheticSet({ labels: 3, rows: 300, seed: 4 }))
    const test = glue(syntheticSet({ labels: 3, rows: 100, seed: 104 }))
    expect(test.texts.some((t) => /[a-z][\u4e00-\u9fff]|[\u4e00-\u9fff][a-z]/.test(t))).toBe(true)
    const params = { maxTerms: 0 }
    const table = trainModel({ kind: 'term-weight', params, seed: 5 }, train)
    const svm = trainModel({ kind: 'linear-svm', params: { calibration: 'none' }, seed: 5 }, train)
    const { tfidf, weights } = (svm as LinearModel).state
    const encoder = new TfidfEncoder(tfidf)
    const scores = table.predictBatch(batchOf(...test.texts)).scores
    test.texts.forEach((text, r) => {
      const size = encoder.encode(text)
      for (let l = 0; l < 3; l++) {
        let raw = weights[tfidf.terms.length * 3 + l]!
        for (let k = 0; k < size; k++)
          raw += encoder.weights[k]! * weights[encoder.counter.ids[k]! * 3 + l]!
        expect(scores[r * 3 + l]).toBeCloseTo(raw, 4)
      }
    })
  })

  it('finds a one-letter term only where the featuriser has it: inside a CJK run', () => {
    const rows = [{ label: 'x', term: 'a', weight: 1 }]
    const model = trainModel({ kind: 'term-weight', termWeights: rows }, null)
    const { scores } = model.predictBatch(batchOf('haha a', '買a股'))
    expect(Array.from(scores)).toEqual([0, 1])
  })

  it.each([
    ['single-label', false, 4],
    ['multi-label', true, 6],
  ] as const)(
    '%s: decides within 3 points of the linear SVM it is cut from',
    (_, multi, labels) => {
      const train = syntheticSet({ labels, rows: 500, seed: 2, multiLabel: multi })
      const test = syntheticSet({ labels, rows: 500, seed: 102, multiLabel: multi })
      const table = trainModel({ kind: 'term-weight' }, train)
      const svm = trainModel({ kind: 'linear-svm' }, train)
      expect(table.decision.multiLabel).toBe(multi)
      expect(macroF1(table, test)).toBeGreaterThan(macroF1(svm, test) - 0.03)
    },
  )

  it('explains its decision rule, threshold and term units', () => {
    const train = syntheticSet({ labels: 3, rows: 200, seed: 2, multiLabel: true })
    const { decisionRule } = trainModel({ kind: 'term-weight' }, train).describe()
    expect(decisionRule).toMatch(/\(bias\) weight plus/)
    expect(decisionRule).toMatch(/\(1 \+ ln count\)/)
    expect(decisionRule).toMatch(/above its threshold \(default 0\)/)
    expect(decisionRule).toMatch(/CJK characters and character pairs/)
  })

  it('exported, edited in one row and imported back, changes exactly what was edited', () => {
    const train = syntheticSet({ labels: 4, rows: 400, seed: 3 })
    const test = syntheticSet({ labels: 4, rows: 200, seed: 103 })
    const model = trainModel({ kind: 'term-weight', seed: 1 }, train) as TermWeightModel
    const csv = termWeightsToCsv(model.termWeights())
    const lines = csv.split('\n')
    const at = lines.findIndex((line) => line.startsWith('alpha,w0x2,'))
    expect(at).toBeGreaterThan(0)
    const old = Number(lines[at]!.split(',')[2])
    lines[at] = `alpha,w0x2,${old + 5}`
    const edited = lines.join('\n')
    const imported = model.withTermWeights(termWeightsFromCsv(edited, 'edited.csv'))
    expect(termWeightsToCsv(imported.termWeights())).toBe(edited)
    const saved = modelFromFile(modelToFile(imported)).model
    const before = model.predictBatch(batchOf(...test.texts))
    const after = saved.predictBatch(batchOf(...test.texts))
    const alpha = model.labels.indexOf('alpha')
    let touched = 0
    test.texts.forEach((text, r) => {
      const has = text.split(' ').includes('w0x2')
      if (has) touched++
      for (let l = 0; l < 4; l++) {
        const [b, a] = [before.scores[r * 4 + l]!, after.scores[r * 4 + l]!]
        if (has && l === alpha) expect(a).toBeGreaterThan(b)
        else expect(a).toBe(b)
      }
      if (!has) expect(rowLabels(after, r)).toEqual(rowLabels(before, r))
    })
    expect(touched).toBeGreaterThan(0)
    // The unedited table imported as a new model decides exactly as the trained one.
    const again = trainModel(
      {
        kind: 'term-weight',
        termWeights: termWeightsFromCsv(csv, 'table.csv'),
        decision: { multiLabel: false },
      },
      null,
    )
    expect(again.predictBatch(batchOf(...test.texts)).scores).toEqual(before.scores)
  })
})
