import { readTfidfParams } from '../../features/tfidf-params'
import { defaultDecision } from '../decide'
import { fitLinear } from '../linear/linear-train'
import type { ProgressCallback, TrainingSet } from '../model'
import { ParamReader } from '../params'
import type { TrainConfig } from '../train-config'
import type { TermWeight } from './term-weight-csv'
import { TermWeightModel } from './term-weight-model'

/**
 * Learns term weights one-vs-rest with a linear SVM, keeps each label's positive weights scaled
 * to [0, 1] by the label's largest, and drops weights below minWeight (noise that would pull
 * every average down) beyond the maxTerms strongest.
 */
export function fitTermWeight(
  config: TrainConfig,
  data: TrainingSet | null,
  progress: ProgressCallback,
) {
  const reader = new ParamReader(config.params ?? {}, 'term-weight')
  const tfidf = readTfidfParams(reader)
  const C = reader.number('C', 1, (v) => v > 0)
  const maxTerms = reader.number('maxTerms', 1000, (v) => v >= 1 && Number.isInteger(v))
  const minWeight = reader.number('minWeight', 0.1, (v) => v >= 0 && v < 1)
  reader.finish()
  const decision = defaultDecision(0.3, config.decision)
  const field = config.field ?? 'content'
  const params = { ...tfidf, C, maxTerms, minWeight }
  if (config.termWeights) {
    return new TermWeightModel({
      field,
      decision,
      params,
      tokenize: tfidf.tokenize,
      rows: config.termWeights,
    })
  }
  if (!data)
    throw new Error('A term-weight model needs training data or a term table (label,term,weight).')
  const linear = fitLinear(
    { ...config, kind: 'linear-svm', params: { ...linearParams(config), calibrate: false } },
    data,
    progress,
  )
  const { labels, tfidf: vocabulary, weights } = linear.state
  const rows: TermWeight[] = []
  labels.forEach((label, l) => {
    const scored: { term: string; weight: number }[] = []
    for (let f = 0; f < vocabulary.terms.length; f++) {
      const w = weights[f * labels.length + l]!
      if (w > 0) scored.push({ term: vocabulary.terms[f]!, weight: w })
    }
    scored.sort((a, b) => b.weight - a.weight || (a.term < b.term ? -1 : 1))
    const top = scored[0]?.weight ?? 1
    for (const { term, weight } of scored.slice(0, maxTerms)) {
      const scaled = Math.round((weight / top) * 1e6) / 1e6
      if (scaled >= minWeight) rows.push({ label, term, weight: scaled })
    }
  })
  return new TermWeightModel({ field, decision, params, tokenize: tfidf.tokenize, rows })
}

function linearParams(config: TrainConfig) {
  const { maxTerms: _maxTerms, minWeight: _minWeight, ...rest } = config.params ?? {}
  return rest
}
