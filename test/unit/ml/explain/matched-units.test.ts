import { describe, expect, it } from 'vitest'
import type { BatchPrediction, ModelKind } from '../../../../src-worker/ml/models/model'
import type { RawParams } from '../../../../src-worker/ml/models/params'
import { modelFromFile, modelToFile, trainModel } from '../../../../src-worker/ml/models/registry'
import { makeCorpus } from '../../../helpers/modeling-data'

/** What a predict task wrote from full explanations: each assigned label's terms joined. */
function joinedFromExplanations(prediction: BatchPrediction): (string | undefined)[] {
  const width = prediction.labels.length
  const out = new Array<string | undefined>(prediction.assigned.length).fill(undefined)
  prediction.explanations!.forEach((row, r) => {
    for (const { label, matches } of row) {
      const at = r * width + prediction.labels.indexOf(label)
      if (prediction.assigned[at]) out[at] = matches.map((t) => t.term).join(', ')
    }
  })
  return out
}

const lines = makeCorpus(40)
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as { text: string; label: string })
const train = {
  texts: lines.map((l) => l.text),
  // Some rows carry two labels, for the multi-label models.
  labels: lines.map((l, i) => (i % 5 === 0 ? [l.label, 'pet'] : [l.label])),
}
const long = Array.from({ length: 60 }, (_, i) => train.texts[i % train.texts.length]).join(' ')
const texts = [
  ...train.texts.slice(0, 150),
  '我家貓咪好可愛，帶狗狗去散步！寵物美容。',
  '今天homework好多，明天期中考好緊張',
  'MY PUPPY Chewed The SOFA and my kids love the zoo',
  'ＦＩＮＡＬ ＥＸＡＭＳ this week', // full width: NFKC keeps one unit per unit
  'ﬁnal exams, my professor assigned homework', // a ligature: NFKC changes the offsets
  '帶小孩去公園 🐶🐱 the cat sleeps all day 🐶',
  'cat cat cat sleeps sleeps all day, the cat',
  '',
  'zzz qqq xxx', // no term of the vocabulary
  long,
]
const batch = { size: texts.length, fields: { content: texts } }

const FEATURES: Record<string, RawParams> = {
  default: {},
  'no bigrams': { wordBigrams: false, cjkBigrams: false },
  'char 1-3': { charNgrams: 3 },
}
// High enough that some rows get no label: "pet", on a third of the rows, is likely a priori.
const DECISIONS = {
  'single-label': {},
  'single-label with a none label': {
    noneLabel: 'none',
    threshold: 0.8,
    thresholds: { pet: 0.999 },
  },
  'multi-label': {
    multiLabel: true,
    threshold: 0.5,
    thresholds: { pet: 0.999 },
    noneLabel: 'none',
  },
}
const KINDS: ModelKind[] = ['linear-svm', 'logreg', 'nb', 'cnb']
const cases = KINDS.flatMap((kind) =>
  Object.keys(FEATURES).flatMap((set) =>
    Object.keys(DECISIONS).map((decision) => [kind, set, decision] as const),
  ),
)

describe("linear models' matched strings", () => {
  it.each(cases)(
    '%s, %s features, %s: equal those joined from full explanations',
    (kind, set, decision) => {
      const trained = trainModel(
        {
          kind,
          params: FEATURES[set],
          decision: DECISIONS[decision as keyof typeof DECISIONS],
          seed: 3,
        },
        train,
      )
      const { model } = modelFromFile(modelToFile(trained))
      const full = model.predictBatch(batch, { explain: true })
      const fast = model.predictBatch(batch, { explain: 'matched' })
      expect(fast.explanations).toBeUndefined()
      expect(fast.scores).toEqual(full.scores)
      expect(fast.assigned).toEqual(full.assigned)
      expect(fast.assigned).toEqual(model.predictBatch(batch).assigned)
      const want = joinedFromExplanations(full)
      expect(Array.from(fast.matched!, (m) => m)).toEqual(want)
      // The fixtures reach the cases that matter: strings, holes, rows with no label.
      expect(want.filter((m) => m !== undefined).length).toBeGreaterThan(20)
      expect(want.some((m) => m !== undefined && /[\u4e00-\u9fff]/.test(m))).toBe(true)
      const width = model.labels.length
      const labelled = (r: number) => fast.assigned.subarray(r * width, (r + 1) * width).includes(1)
      if (decision !== 'single-label') expect(texts.some((_, r) => !labelled(r))).toBe(true)
    },
    60_000,
  )
})
