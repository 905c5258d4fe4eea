import { describe, expect, it } from 'vitest'
import { scoreCalibrationError } from '../../../../src-worker/ml/calibration/ece'
import { TfidfEncoder } from '../../../../src-worker/ml/features/tfidf'
import { readModelHeader } from '../../../../src-worker/ml/file/model-file'
import { classificationReport } from '../../../../src-worker/ml/metrics/classification-report'
import { predictedLabelSets } from '../../../../src-worker/ml/metrics/evaluate'
import { rowLabels } from '../../../../src-worker/ml/models/decide'
import { labelMatrix } from '../../../../src-worker/ml/models/label-space'
import type { LinearModel } from '../../../../src-worker/ml/models/linear/linear-model'
import type { Model, ModelKind } from '../../../../src-worker/ml/models/model'
import { workerErrorKind } from '../../../../src-worker/worker-error'
import { modelFromFile, modelToFile, trainModel } from '../../../../src-worker/ml/models/registry'
import type { TrainConfig } from '../../../../src-worker/ml/models/train-config'
import { syntheticSet, type SyntheticSet } from '../synthetic'

const batchOf = (texts: string[]) => ({ size: texts.length, fields: { content: texts } })

function macroF1(model: Model, test: SyntheticSet): number {
  const prediction = model.predictBatch(batchOf(test.texts))
  const multiLabel = model.decision.multiLabel || undefined
  return classificationReport(test.labels, predictedLabelSets(prediction), { multiLabel }).macroF1
}

/** The model's linear decision values (rows x labels), recomputed from its weights. */
function rawDecisions(model: LinearModel, texts: string[]): Float64Array {
  const { tfidf, weights, labels } = model.state
  const width = labels.length
  const encoder = new TfidfEncoder(tfidf)
  const out = new Float64Array(texts.length * width)
  texts.forEach((text, r) => {
    const size = encoder.encode(text)
    for (let l = 0; l < width; l++) {
      let f = weights[tfidf.terms.length * width + l]!
      for (let k = 0; k < size; k++)
        f += encoder.weights[k]! * weights[encoder.counter.ids[k]! * width + l]!
      out[r * width + l] = f
    }
  })
  return out
}

const single4 = { train: syntheticSet({ labels: 4, rows: 400, seed: 1 }) }
const test4 = syntheticSet({ labels: 4, rows: 400, seed: 101 })

describe('linear SVM with default parameters', () => {
  it.each([2, 4])('scores at least 0.9 macro-F1 on a synthetic %i-class set', (labels) => {
    const train = syntheticSet({ labels, rows: 400, seed: 1 })
    const test = syntheticSet({ labels, rows: 400, seed: 101 })
    const model = trainModel({ kind: 'linear-svm' }, train)
    expect(macroF1(model, test)).toBeGreaterThanOrEqual(0.9)
    // Its own training rows too (the demo's linear SVM once scored 0 % there).
    expect(macroF1(model, train)).toBeGreaterThanOrEqual(0.9)
  })
})

describe('calibration', () => {
  it.each(['platt', 'isotonic'] as const)(
    '%s: probability rises with the decision value on held-out rows',
    (calibration) => {
      const model = trainModel(
        { kind: 'linear-svm', params: { calibration } },
        single4.train,
      ) as LinearModel
      const raw = rawDecisions(model, test4.texts)
      const { scores } = model.predictBatch(batchOf(test4.texts))
      const width = model.labels.length
      for (let l = 0; l < width; l++) {
        const order = Array.from({ length: test4.texts.length }, (_, r) => r).sort(
          (a, b) => raw[a * width + l]! - raw[b * width + l]!,
        )
        const p = order.map((r) => scores[r * width + l]!)
        for (let i = 1; i < p.length; i++) expect(p[i]!).toBeGreaterThanOrEqual(p[i - 1]!)
        // Rising, not flat or flipped: low decisions are unlikely, high ones likely.
        expect(p[0]!).toBeLessThan(0.2)
        expect(p.at(-1)!).toBeGreaterThan(0.8)
      }
    },
  )

  it('never changes a single-label prediction: the label is the arg-max of the decisions', () => {
    const predictions = (['auto', 'platt', 'isotonic', 'none'] as const).map((calibration) => {
      const model = trainModel(
        { kind: 'linear-svm', params: { calibration } },
        single4.train,
      ) as LinearModel
      const raw = rawDecisions(model, test4.texts)
      const prediction = model.predictBatch(batchOf(test4.texts))
      const labels = test4.texts.map((_, r) => rowLabels(prediction, r))
      labels.forEach((assigned, r) => {
        const row = Array.from(raw.subarray(r * 4, r * 4 + 4))
        expect(assigned).toEqual([model.labels[row.indexOf(Math.max(...row))]])
      })
      return labels
    })
    for (const labels of predictions.slice(1)) expect(labels).toEqual(predictions[0])
  })

  it.each(['linear-svm', 'nb'] as ModelKind[])(
    '%s: calibrated scores are closer to held-out frequencies than uncalibrated ones',
    (kind) => {
      const ece = (calibration: string) => {
        const model = trainModel({ kind, params: { calibration } }, single4.train)
        const p = model.predictBatch(batchOf(test4.texts))
        const gold = labelMatrix(test4.labels, p.labels)
        return scoreCalibrationError(p.scores, p.assigned, gold, p.labels.length, true)
      }
      expect(ece('platt')).toBeLessThan(ece('none'))
    },
  )

  it('is recorded in the model file, which reloads with the same scores', () => {
    const model = trainModel({ kind: 'linear-svm', seed: 3 }, single4.train)
    const file = modelToFile(model)
    const header = readModelHeader(file)
    expect(header.params).toMatchObject({ calibration: 'auto', cvFolds: 5 })
    expect(new DataView(file.buffer).getUint32(8, true)).toBe(2)
    const again = modelFromFile(file).model.predictBatch(batchOf(test4.texts))
    expect(again.scores).toEqual(model.predictBatch(batchOf(test4.texts)).scores)
  })
})

describe('multi-label', () => {
  // 8 labels, 1-3 per row, weak topic signal: the natural 0.5 threshold misses many labels.
  const train = syntheticSet({ labels: 8, rows: 600, seed: 1, multiLabel: true, signal: 0.2 })
  const test = syntheticSet({ labels: 8, rows: 600, seed: 101, multiLabel: true, signal: 0.2 })

  it('learns per-label thresholds by cross-validation that beat a fixed 0.5', () => {
    const tuned = trainModel({ kind: 'linear-svm' }, train)
    expect(tuned.decision.multiLabel).toBe(true)
    expect(Object.keys(tuned.decision.thresholds).length).toBeGreaterThan(0)
    const fixed = trainModel(
      { kind: 'linear-svm', params: { calibration: 'none', tuneThresholds: false } },
      train,
    )
    expect(fixed.decision.thresholds).toEqual({})
    expect(macroF1(tuned, test)).toBeGreaterThan(macroF1(fixed, test) + 0.02)
  })

  it.each(['nb', 'cnb', 'logreg'] as ModelKind[])(
    '%s: within 5 points of the linear SVM',
    (kind) => {
      const svm = macroF1(trainModel({ kind: 'linear-svm' }, train), test)
      expect(macroF1(trainModel({ kind }, train), test)).toBeGreaterThan(svm - 0.05)
    },
  )

  it('naive Bayes can be one binary model per label', () => {
    const model = trainModel({ kind: 'nb', params: { binaryPerLabel: true } }, train)
    expect(model.describe().params).toMatchObject({ binaryPerLabel: true })
    expect(macroF1(model, test)).toBeGreaterThan(0.4)
  })

  it('describes its calibration and tuned thresholds in words', () => {
    const rule = trainModel({ kind: 'linear-svm' }, train).describe().decisionRule!
    expect(rule).toMatch(/Platt sigmoid per label, fitted on out-of-fold decisions of 5-fold/)
    expect(rule).toMatch(
      /Multi-label: every label whose probability reaches its threshold \(0\.5; per label: /,
    )
    expect(rule).toMatch(/chosen by cross-validation for the best F1/)
  })

  it('keeps thresholds the caller gave: one for all labels, or per label', () => {
    const all: TrainConfig = { kind: 'linear-svm', decision: { threshold: 0.4 } }
    expect(trainModel(all, train).decision).toMatchObject({ threshold: 0.4, thresholds: {} })
    const one = trainModel({ kind: 'linear-svm', decision: { thresholds: { alpha: 0.9 } } }, train)
    expect(one.decision.thresholds.alpha).toBe(0.9)
  })
})

describe('parameters', () => {
  it('reports a bad parameter as a parameter error, naming it', () => {
    const bad = (params: Record<string, string>) => () =>
      trainModel({ kind: 'linear-svm', params }, single4.train)
    const cases: Record<string, string>[] = [{ calibration: 'sometimes' }, { Cc: '1' }, { C: '-1' }]
    for (const params of cases) {
      let caught: unknown
      try {
        bad(params)()
      } catch (error) {
        caught = error
      }
      expect(workerErrorKind(caught)).toBe('VALIDATION')
      expect((caught as Error).message).toMatch(Object.keys(params)[0]!)
    }
  })
})
