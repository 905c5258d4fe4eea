import { describe, expect, it } from 'vitest'
import { calibrated } from '../../../../src-worker/ml/calibration/calibrators'
import { TermTable } from '../../../../src-worker/ml/features/term-table'
import { softmaxOdds } from '../../../../src-worker/ml/models/linear/estimators'
import type { LinearModelState } from '../../../../src-worker/ml/models/linear/linear-model'
import type { LinearModel } from '../../../../src-worker/ml/models/linear/linear-model'
import {
  LinearScorer,
  TOKEN_FIELDS,
  tokenEnd,
} from '../../../../src-worker/ml/models/linear/linear-scorer'
import type { ModelKind } from '../../../../src-worker/ml/models/model'
import { modelFromFile, modelToFile, trainModel } from '../../../../src-worker/ml/models/registry'
import type { RawParams } from '../../../../src-worker/ml/models/params'
import type { TermWeightModel } from '../../../../src-worker/ml/models/term-weight/term-weight-model'
import { BIAS_TERM, IDF_LABEL } from '../../../../src-worker/ml/models/term-weight/term-weight-csv'
import { normalizeText } from '../../../../src-worker/ml/text/normalize'
import {
  DEFAULT_TOKENIZE_OPTIONS,
  forEachToken,
  termHash,
  tokenize,
} from '../../../../src-worker/ml/text/tokenize'
import { syntheticSet } from '../synthetic'

/**
 * The scorer (rolling hashes, exact vocabulary lookups, label sums straight from the text) against
 * the plainest reading of the model: token strings, a Map from term to column, TF-IDF and a dot
 * product, rounded as the model file's float32 weights are. Scores must agree to 1e-6 and labels exactly.
 */
const EXTRA_TEXTS = [
  '',
  '   ',
  'a',
  'ＡＢＣ　Ｈｅｌｌｏ１２３ full-width',
  '蘋果公司發布新iPhone，股價上漲5%',
  'A股上漲 5G 3月 第二季度財報',
  '𠀀𠀁𠀂 rare 𠀀 characters 𠀁𠀂',
  'mixed 中文 and english 與 日本語のテキスト カタカナ',
  'repeated repeated repeated words words 的的的的',
  'Straße naïve café coöperate',
  'x'.repeat(500),
  'lone \ud800 surrogates\udc00 中\ud83d文 end\ud83d',
  // Longer than the scorer's first scratch area (1,024 code units), then short ones again.
  '蘋果公司發布新iPhone，股價上漲5% apple shares rose '.repeat(300),
]

function corpus(multiLabel: boolean, labels = 4) {
  const train = syntheticSet({ labels, rows: 400, seed: 11, multiLabel })
  const test = syntheticSet({ labels, rows: 150, seed: 12, multiLabel })
  return { train, texts: [...test.texts, ...EXTRA_TEXTS, ...train.texts.slice(0, 20)] }
}

/** Decision values by strings and a Map, float32 label sums as the weights are stored. */
function referenceDecisions(state: LinearModelState, text: string): Float64Array {
  const { tfidf, weights } = state
  const width = state.labels.length
  const column = new Map(tfidf.terms.map((term, i) => [term, i]))
  const counts = new Map<number, number>()
  for (const token of tokenize(normalizeText(text), tfidf.params.tokenize)) {
    const id = column.get(token)
    if (id !== undefined) counts.set(id, (counts.get(id) ?? 0) + 1)
  }
  const values = [...counts].map(([id, count]) => [id, (1 + Math.log(count)) * tfidf.idf[id]!])
  const length = Math.sqrt(values.reduce((sum, [, v]) => sum + v! * v!, 0)) || 1
  const sums = new Float64Array(width)
  for (let l = 0; l < width; l++) sums[l] = weights[tfidf.terms.length * width + l]!
  for (const [id, value] of values)
    for (let l = 0; l < width; l++)
      sums[l] = Math.fround(sums[l]! + (value! / length) * weights[id! * width + l]!)
  return sums
}

function referenceScores(state: LinearModelState, raw: Float64Array): number[] {
  const width = raw.length
  if (state.scoring === 'sigmoid')
    return Array.from(raw, (value, l) => calibrated(state.calibration, l, value))
  if (state.scoring === 'softmax-odds') {
    const odds = new Float64Array(width)
    softmaxOdds(raw, 0, width, odds, 0, new Float64Array(2 * width))
    return Array.from(odds, (value, l) => calibrated(state.calibration, l, value))
  }
  const max = Math.max(...raw)
  const sum = raw.reduce((s, v) => s + Math.exp(v - max), 0)
  return Array.from(raw, (v) => Math.exp(v - max) / sum)
}

const FEATURE_SETS: Record<string, RawParams> = {
  default: {},
  'no bigrams': { wordBigrams: false, cjkBigrams: false },
  'one-letter words, 300 features': { minWordLength: 1, maxFeatures: 300 },
  'min df 2': { minDf: 2, maxDf: 0.9 },
  'char 1-3': { charNgrams: 3 },
}
/** Each test trains a model: generous on a shared, busy machine. */
const TRAINING_MS = 60_000
const KINDS: ModelKind[] = ['linear-svm', 'logreg', 'nb', 'cnb']

// Six labels: the scorer sums labels four at a time, then one at a time (the last two).
describe.each([
  [false, 6],
  [true, 4],
])('scoring (multi-label %s, %i labels)', (multiLabel, labels) => {
  const { train, texts } = corpus(multiLabel, labels)
  const batch = { size: texts.length, fields: { content: texts } }

  it.each(KINDS.flatMap((kind) => Object.keys(FEATURE_SETS).map((set) => [kind, set] as const)))(
    '%s with %s features equals the plain reading of its model file',
    (kind, set) => {
      const trained = trainModel({ kind, params: FEATURE_SETS[set], seed: 3 }, train)
      // Loaded from its file, as a predict task does.
      const model = modelFromFile(modelToFile(trained)).model as LinearModel
      const prediction = model.predictBatch(batch, { explain: true })
      const width = model.labels.length
      texts.forEach((text, r) => {
        const want = referenceScores(model.state, referenceDecisions(model.state, text))
        const got = Array.from(prediction.scores.subarray(r * width, (r + 1) * width))
        got.forEach((score, l) => expect(Math.abs(score - want[l]!)).toBeLessThan(1e-6))
      })
      expect(model.predictBatch(batch).assigned).toEqual(prediction.assigned)
    },
    TRAINING_MS,
  )

  it(
    "keeps, when recording, what each term added to every label's sum",
    () => {
      const model = trainModel({ kind: 'linear-svm', seed: 3 }, train) as LinearModel
      const { tfidf, weights } = model.state
      const width = model.labels.length
      const raw = new Float32Array(width)
      let checked = 0
      // Kept while scoring, and (as for a wide model) worked out one label at a time.
      for (const keep of [true, false]) {
        const scorer = new LinearScorer(tfidf.params.tokenize, model.scorerTables(), width, keep)
        scorer.record = true
        for (const text of texts) {
          const size = scorer.score(text, raw, 0)
          const ids = scorer.views.ids
          for (let l = 0; l < width; l++) {
            const start = scorer.labelProducts(l)
            for (let k = 0; k < size; k++) {
              const want = scorer.views.values[k]! * weights[ids[k]! * width + l]!
              expect(scorer.views.products[start + k]).toBe(want)
              checked++
            }
          }
        }
      }
      expect(checked).toBeGreaterThan(2000)
    },
    TRAINING_MS,
  )

  it(
    "selects each label's strongest terms and finds where they occur, as sorting and a scan would",
    () => {
      const model = trainModel({ kind: 'linear-svm', seed: 3 }, train) as LinearModel
      const width = model.labels.length
      const raw = new Float32Array(width)
      let kept = 0
      for (const keep of [true, false]) {
        const { tokenize } = model.state.tfidf.params
        const scorer = new LinearScorer(tokenize, model.scorerTables(), width, keep)
        scorer.record = true
        for (const text of texts) {
          const size = scorer.score(text, raw, 0)
          for (let l = 0; l < width; l++) {
            const start = scorer.labelProducts(l)
            const products = Array.from(scorer.views.products.subarray(start, start + size))
            const limit = 1 + (l % 3) * 7
            const want = strongestFirst(products, limit)
            const top = scorer.selectTop(l, limit)
            expect(Array.from(scorer.views.topEntries.subarray(0, top))).toEqual(want)
            expect(Array.from(scorer.views.topWeights.subarray(0, top))).toEqual(
              want.map((k) => products[k]),
            )
            const spans = scorer.matchedSpans(top)
            expect(Array.from(scorer.views.spans.subarray(0, 3 * spans))).toEqual(
              occurrences(scorer, want),
            )
            kept += top
          }
        }
      }
      expect(kept).toBeGreaterThan(1000)
    },
    TRAINING_MS,
  )
})

/** The positive weights' places, strongest first, the earlier first at a tie, at most `limit`. */
function strongestFirst(weights: readonly number[], limit: number): number[] {
  return weights
    .map((weight, k) => ({ weight, k }))
    .filter((t) => t.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.k - b.k)
    .slice(0, limit)
    .map((t) => t.k)
}

/** Per token whose term is among `top` (places k): its start, its end, the term's rank. */
function occurrences(scorer: LinearScorer, top: readonly number[]): number[] {
  const { at, count } = scorer.tokens
  const spans: number[] = []
  for (let t = 0; t < TOKEN_FIELDS * count; t += TOKEN_FIELDS) {
    const rank = top.indexOf(at[t + 4]!)
    if (rank >= 0) spans.push(at[t]!, tokenEnd(at, t), rank)
  }
  return spans
}

describe('term-weight scoring', () => {
  it(
    'equals the plain reading of its term table (sum rule, CJK and edges included)',
    () => {
      const { train, texts } = corpus(true)
      const model = trainModel({ kind: 'term-weight', seed: 3 }, train) as TermWeightModel
      const rows = model.termWeights()
      const idf = new Map(rows.filter((r) => r.label === IDF_LABEL).map((r) => [r.term, r.weight]))
      const prediction = model.predictBatch({ size: texts.length, fields: { content: texts } })
      const width = model.labels.length
      texts.forEach((text, r) => {
        const counts = new Map<string, number>()
        for (const token of tokenize(normalizeText(text)))
          counts.set(token, (counts.get(token) ?? 0) + 1)
        let squares = 0
        for (const [term, count] of counts)
          if (idf.has(term)) squares += ((1 + Math.log(count)) * idf.get(term)!) ** 2
        const length = squares > 0 ? Math.sqrt(squares) : 1
        model.labels.forEach((label, l) => {
          let want = 0
          for (const row of rows) {
            if (row.label !== label) continue
            if (row.term === BIAS_TERM) want += row.weight
            else if (counts.has(row.term))
              want += (row.weight * (1 + Math.log(counts.get(row.term)!))) / length
          }
          expect(Math.abs(prediction.scores[r * width + l]! - want)).toBeLessThan(1e-6)
        })
      })
    },
    TRAINING_MS,
  )
})

/** Two different strings with the same term hash, of the given length, found by birthday search. */
function collidingPair(length: number, seed: number): [string, string] {
  const seen = new Map<number, string>()
  let state = seed
  for (;;) {
    let text = ''
    for (let i = 0; i < length; i++) {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0
      text += String.fromCharCode(0x4e00 + ((state >>> 16) % 20000))
    }
    const hash = termHash(text)
    const other = seen.get(hash)
    if (other !== undefined && other !== text) return [other, text]
    seen.set(hash, text)
  }
}

describe('the vocabulary', () => {
  it("rolls each token's hash as the term hash of the token's text", () => {
    const options = [DEFAULT_TOKENIZE_OPTIONS, { ...DEFAULT_TOKENIZE_OPTIONS, minWordLength: 1 }]
    for (const tokenize of options)
      for (const text of [...EXTRA_TEXTS, 'new york is big, a city', 'a股上漲 𠀀x']) {
        const seen: [number, number][] = []
        forEachToken(normalizeText(text), tokenize, {
          token(t, s1, e1, s2, e2, hash) {
            const token = s2 >= 0 ? `${t.slice(s1, e1)} ${t.slice(s2, e2)}` : t.slice(s1, e1)
            seen.push([hash, termHash(token)])
          },
        })
        for (const [rolled, direct] of seen) expect(rolled).toBe(direct)
      }
  })

  it.each([3, 6])('tells apart terms of %i code units whose hashes collide', (length) => {
    const [a, b] = collidingPair(length, length)
    expect(termHash(a)).toBe(termHash(b))
    const only = TermTable.from([a])
    expect(only.lookup(b, 0, b.length, -1, -1)).toBe(-1)
    const both = TermTable.from([a, b])
    expect(both.lookup(a, 0, a.length, -1, -1)).toBe(0)
    expect(both.lookup(b, 0, b.length, -1, -1)).toBe(1)
    expect(both.terms()).toEqual([a, b])
    const kept = both.select(Int32Array.from([-1, 0]))
    expect(kept.lookup(b, 0, b.length, -1, -1)).toBe(0)
    expect(kept.lookup(a, 0, a.length, -1, -1)).toBe(-1)
  })

  it('finds a term given as two ranges by the hash the tokenizer rolled', () => {
    const table = TermTable.from(['new york', 'york'])
    const text = 'in new york'
    expect(table.lookup(text, 3, 6, 7, 11, termHash('new york'))).toBe(0)
    expect(table.lookup(text, 7, 11, -1, -1, termHash('york'))).toBe(1)
  })
})
