import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readDataRows } from '../../../../src-worker/ml/io/data-file'
import { modelFromFile, modelToFile, trainModel } from '../../../../src-worker/ml/models/registry'
import { rowLabels } from '../../../../src-worker/ml/models/decide'
import type { ModelKind, TrainingSet } from '../../../../src-worker/ml/models/model'
import type { LinearModel } from '../../../../src-worker/ml/models/linear/linear-model'
import { TfidfEncoder } from '../../../../src-worker/ml/features/tfidf'
import { explainText, MAX_UNITS } from '../../../../src-worker/ml/explain/readable-units'

const fixtures = join(import.meta.dirname, '../../../fixtures/ml')

async function load(name: string): Promise<TrainingSet & { ids: string[] }> {
  const texts: string[] = []
  const labels: string[][] = []
  const ids: string[] = []
  for await (const batch of readDataRows(join(fixtures, name))) {
    for (const row of batch) {
      texts.push(row.fields.content ?? '')
      labels.push(row.labels ?? [])
      ids.push(row.id)
    }
  }
  return { texts, labels, ids }
}

const kinds: ModelKind[] = ['linear-svm', 'logreg', 'nb', 'cnb']

describe.each(kinds)('%s', (kind) => {
  it('learns the toy set and labels held-out rows', async () => {
    const train = await load('toy-train.csv')
    const test = await load('toy-test.csv')
    const model = trainModel({ kind }, train)
    expect(model.labels).toEqual(['finance', 'sports', 'tech'])
    const prediction = model.predictBatch({
      size: test.texts.length,
      fields: { content: test.texts },
    })
    const predicted = test.texts.map((_, r) => rowLabels(prediction, r))
    const correct = predicted.filter((labels, r) => labels[0] === test.labels[r]![0]).length
    expect(correct).toBeGreaterThanOrEqual(6)
    for (let r = 0; r < prediction.size; r++) {
      const row = prediction.scores.subarray(r * 3, r * 3 + 3)
      expect([...row].every((p) => p >= 0 && p <= 1)).toBe(true)
    }
  })

  it('writes byte-identical files for the same data and seed, and reloads them', async () => {
    const train = await load('toy-train.csv')
    const first = modelToFile(trainModel({ kind, seed: 7 }, train), { trainingDataHash: 'x' })
    const second = modelToFile(trainModel({ kind, seed: 7 }, train), { trainingDataHash: 'x' })
    expect(Buffer.from(first).equals(Buffer.from(second))).toBe(true)
    const { model, header } = modelFromFile(first)
    expect(header.kind).toBe(kind)
    const batch = { size: 1, fields: { content: ['bank shares and interest rates'] } }
    expect(rowLabels(model.predictBatch(batch), 0)).toEqual(['finance'])
    expect(modelToFile(model, { trainingDataHash: 'x' })).toEqual(first)
  })
})

describe('decision modes', () => {
  it('multi-label gives every label over its threshold, and the none label when nothing passes', async () => {
    const data = await load('toy-multilabel.jsonl')
    const decision = { multiLabel: true, threshold: 0.5, noneLabel: 'none' }
    const model = trainModel({ kind: 'logreg', decision, params: { C: 10 } }, data)
    const batch = { size: 2, fields: { content: ['Bank shares of the football club', 'zzz qqq'] } }
    expect(rowLabels(model.predictBatch(batch), 0)).toEqual(
      expect.arrayContaining(['finance', 'sports']),
    )
    const strict = trainModel({ kind: 'logreg', decision: { ...decision, threshold: 0.99 } }, data)
    expect(rowLabels(strict.predictBatch(batch), 1)).toEqual(['none'])
  })

  it('explains linear predictions with the strongest terms', async () => {
    const model = trainModel({ kind: 'linear-svm' }, await load('toy-train.csv'))
    const prediction = model.predictBatch(
      { size: 1, fields: { content: ['football club'] } },
      { explain: true },
    )
    const explanation = prediction.explanations![0]![0]!
    expect(explanation.label).toBe('sports')
    expect(explanation.matches.map((m) => m.term)).toContain('football')
  })

  it('explains by the readable units of the strongest terms of a long text, as a full sort would pick them', async () => {
    const data = await load('toy-train.csv')
    const model = trainModel({ kind: 'linear-svm' }, data) as LinearModel
    const long = data.texts.join(' ')
    const prediction = model.predictBatch(
      { size: 1, fields: { content: [long] } },
      { explain: true },
    )
    const [explanation] = prediction.explanations![0]!
    const { tfidf, weights } = model.state
    const width = model.labels.length
    const best = model.labels.indexOf(explanation!.label)
    const encoder = new TfidfEncoder(tfidf)
    const size = encoder.encode(long)
    const all = Array.from({ length: size }, (_, k) => ({
      term: tfidf.terms[encoder.counter.ids[k]!]!,
      weight: encoder.weights[k]! * weights[encoder.counter.ids[k]! * width + best]!,
    }))
    const strongest = all.filter((m) => m.weight > 0).sort((a, b) => b.weight - a.weight)
    expect(strongest.length).toBeGreaterThan(3 * MAX_UNITS)
    const expected = explainText(long, tfidf.params.tokenize, [
      { label: explanation!.label, terms: strongest.slice(0, 3 * MAX_UNITS) },
    ])
    expect([explanation]).toEqual(expected)
    expect(explanation!.matches).toHaveLength(MAX_UNITS)
    const weightsShown = explanation!.matches.map((m) => m.weight!)
    expect(weightsShown).toEqual([...weightsShown].sort((a, b) => b - a))
  })

  it('rejects unknown parameters by name', async () => {
    const train = await load('toy-train.csv')
    expect(() => trainModel({ kind: 'nb', params: { alpah: 1 } }, train)).toThrow(
      /Unknown parameter alpah/,
    )
  })
})
