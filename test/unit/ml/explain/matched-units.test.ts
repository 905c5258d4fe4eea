import { describe, expect, it } from 'vitest'
import { MatchedUnits } from '../../../../src-worker/ml/explain/matched-units'
import {
  explainSpans,
  MAX_UNITS,
  type TermSpan,
} from '../../../../src-worker/ml/explain/readable-units'
import type { LinearModel } from '../../../../src-worker/ml/models/linear/linear-model'
import { LinearScorer } from '../../../../src-worker/ml/models/linear/linear-scorer'
import type { BatchPrediction, ModelKind } from '../../../../src-worker/ml/models/model'
import type { RawParams } from '../../../../src-worker/ml/models/params'
import { modelFromFile, modelToFile, trainModel } from '../../../../src-worker/ml/models/registry'
import { normalizeText } from '../../../../src-worker/ml/text/normalize'
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

function seeded(seed: number) {
  let s = seed >>> 0
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296
}

const PIECES = [
  'the ',
  'cat',
  '貓咪',
  '的',
  '，',
  '!',
  ' ',
  'ＦＩＮＡＬ',
  'ﬁnal',
  '🐶',
  'e-mail',
  '12',
  'a',
]

describe("the scoring kernel's matched units", () => {
  it('give what explainSpans gives for occurrences, many or none with a candidate', () => {
    const next = seeded(5)
    const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!
    const model = trainModel({ kind: 'linear-svm', seed: 3 }, train) as LinearModel
    const { tokenize } = model.state.tfidf.params
    const width = model.labels.length
    const scorer = new LinearScorer(tokenize, model.scorerTables(), width)
    const units = new MatchedUnits()
    for (let trial = 0; trial < 300; trial++) {
      const text = Array.from({ length: 1 + Math.floor(next() * 80) }, () => pick(PIECES)).join('')
      // The kernel works on the text last scored.
      scorer.score(text, new Float32Array(width), 0)
      const normalized = scorer.tokens.normalized
      expect(normalized).toBe(normalizeText(text))
      // Terms 0..19; half of them are candidates, some at the same weight.
      const candidateOf = Int32Array.from({ length: 20 }, (_, t) => (t % 2 === 0 ? t / 2 : -1))
      const weights = Float64Array.from({ length: 10 }, () => Math.ceil(next() * 4) / 4)
      const occurrences = 1 + Math.floor(next() * 300) // past the 32 sorted by insertion
      // Occurrences of terms as LinearScorer.matchedSpans gives them: start, end, candidate.
      const spans: TermSpan[] = []
      for (let i = 0; i < occurrences; i++) {
        const start = Math.floor(next() * normalized.length)
        const end = Math.min(normalized.length, start + 1 + Math.floor(next() * 3))
        const term = Math.floor(next() * 20)
        if (candidateOf[term]! >= 0) spans.push({ start, end, candidate: candidateOf[term]! })
      }
      scorer.views.spans.set(spans.flatMap((span) => [span.start, span.end, span.candidate]))
      scorer.views.topWeights.set(weights)
      const count = scorer.matchedUnits(spans.length, MAX_UNITS)
      units.row(text, normalized)
      const label = { label: 'x', terms: Array.from(weights, (weight) => ({ weight })) }
      const want = explainSpans(text, normalized, [label], spans)[0]?.matches
      expect(count === 0 ? undefined : units.joined(scorer.views.units, count)).toEqual(
        want?.map((m) => m.term).join(', '),
      )
    }
  })
})
