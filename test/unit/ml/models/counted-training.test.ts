import { describe, expect, it } from 'vitest'
import { countTerms, TermCountsBuilder } from '../../../../src-worker/ml/features/tfidf'
import { trainingTokenize } from '../../../../src-worker/ml/models/linear/linear-train'
import { modelToFile, trainCounted, trainModel } from '../../../../src-worker/ml/models/registry'
import type { TrainConfig } from '../../../../src-worker/ml/models/train-config'
import { syntheticSet } from '../synthetic'

/** Rows counted one by one as a stream would deliver them, without the number of rows known. */
function streamed(config: TrainConfig, texts: readonly string[], expected = 0) {
  const tokenize = trainingTokenize(config)
  const builder = new TermCountsBuilder(tokenize, expected)
  for (const text of texts) builder.add(text)
  return { counts: builder.finish(), tokenize }
}

const single = syntheticSet({ labels: 3, rows: 240, seed: 3 })
const multi = syntheticSet({ labels: 3, rows: 240, seed: 5, multiLabel: true })
/** Past the first 2,000 rows, from which the arrays are sized. */
const long = syntheticSet({ labels: 3, rows: 2300, seed: 7 })

describe('training on rows counted as they streamed in', () => {
  const configs: TrainConfig[] = [
    { kind: 'linear-svm', seed: 2 },
    { kind: 'logreg', seed: 2, params: { calibration: 'none' } },
    { kind: 'nb', seed: 2 },
    { kind: 'nb', seed: 2, params: { alpha: 0.5, charNgrams: 2 } },
    { kind: 'cnb', seed: 2 },
  ]

  it.each(configs)('gives the same model file as training on the texts: %j', (config) => {
    const fromTexts = modelToFile(trainModel(config, single), { trainingDataHash: 'h' })
    const counted = streamed(config, single.texts)
    const { model } = trainCounted(config, { ...counted, labels: single.labels })
    expect(Buffer.from(modelToFile(model, { trainingDataHash: 'h' }))).toEqual(
      Buffer.from(fromTexts),
    )
  })

  it('gives the same multi-label model (thresholds tuned by cross-validation)', () => {
    const config: TrainConfig = { kind: 'logreg', seed: 4, decision: { multiLabel: true } }
    const fromTexts = modelToFile(trainModel(config, multi))
    const { model } = trainCounted(config, {
      ...streamed(config, multi.texts),
      labels: multi.labels,
    })
    expect(Buffer.from(modelToFile(model))).toEqual(Buffer.from(fromTexts))
  })

  it('counts the same whether or not the number of rows is known, past the sizing sample', () => {
    const tokenize = trainingTokenize({ kind: 'nb' })
    const known = countTerms(long.texts, tokenize)
    const same = (a: Int32Array, b: Int32Array) =>
      a.length === b.length && a.every((value, i) => value === b[i])
    for (const expected of [0, 100, long.texts.length]) {
      const { counts } = streamed({ kind: 'nb' }, long.texts, expected)
      expect(same(counts.indptr, known.indptr)).toBe(true)
      expect(same(counts.ids, known.ids)).toBe(true)
      expect(same(counts.counts, known.counts)).toBe(true)
      expect(counts.table.terms()).toEqual(known.table.terms())
    }
  })

  it('refuses counts made with another tokenizer, and rows and labels of different lengths', () => {
    const words = streamed({ kind: 'nb' }, single.texts)
    const chars: TrainConfig = { kind: 'nb', params: { charNgrams: 2 } }
    expect(() => trainCounted(chars, { ...words, labels: single.labels })).toThrow(
      /counted with another tokenizer \(charNgrams differs\)/,
    )
    expect(() =>
      trainCounted({ kind: 'nb' }, { ...words, labels: single.labels.slice(1) }),
    ).toThrow(/differ in length/)
    expect(() => trainCounted({ kind: 'keyword' }, { ...words, labels: single.labels })).toThrow(
      /cannot be trained from counted rows/,
    )
  })
})
