import type {
  BatchPrediction,
  DocBatch,
  FieldName,
  LabelExplanation,
  Model,
  ModelDescription,
  ModelParts,
} from '../../../../src-worker/ml/models/model'
import { fieldTexts } from '../../../../src-worker/ml/models/model'
import { AhoCorasick } from './aho-corasick'

/**
 * An inline keyword model (label → keywords, case-insensitive substrings; score = occurrences).
 * Stands in until the ML engine ships its own keyword model; both implement the engine's Model.
 */
export class InlineKeywordModel implements Model {
  readonly kind = 'keyword' as const
  readonly labels: readonly string[]
  readonly decision = { multiLabel: true, threshold: 1, thresholds: {}, noneLabel: null }
  private readonly matcher: AhoCorasick
  private readonly keywordLabel: Int32Array
  private readonly keywords: string[] = []

  constructor(
    readonly field: FieldName,
    labelKeywords: Record<string, readonly string[]>,
  ) {
    this.labels = Object.keys(labelKeywords).sort()
    const owners: number[] = []
    this.labels.forEach((label, l) => {
      for (const keyword of labelKeywords[label] ?? []) {
        this.keywords.push(keyword.toLowerCase())
        owners.push(l)
      }
    })
    this.keywordLabel = Int32Array.from(owners)
    this.matcher = new AhoCorasick(this.keywords)
  }

  predictBatch(batch: DocBatch, options: { explain?: boolean } = {}): BatchPrediction {
    const texts = fieldTexts(batch, this.field)
    const width = this.labels.length
    const scores = new Float32Array(batch.size * width)
    const assigned = new Uint8Array(batch.size * width)
    const explanations: LabelExplanation[][] = []
    const hits: number[] = []
    for (let r = 0; r < batch.size; r++) {
      const base = r * width
      hits.length = 0
      this.matcher.scan(texts[r]!.toLowerCase(), hits)
      for (const id of hits) scores[base + this.keywordLabel[id]!]! += 1
      for (let l = 0; l < width; l++) if (scores[base + l]! >= 1) assigned[base + l] = 1
      if (options.explain) explanations.push(hits.length ? this.explain(hits) : [])
    }
    const result = { labels: this.labels, noneLabel: null, size: batch.size, scores, assigned }
    return options.explain ? { ...result, explanations } : result
  }

  private explain(hits: number[]): LabelExplanation[] {
    const byLabel = new Map<number, Map<string, number>>()
    for (const id of hits) {
      const terms = byLabel.get(this.keywordLabel[id]!) ?? new Map<string, number>()
      terms.set(this.keywords[id]!, (terms.get(this.keywords[id]!) ?? 0) + 1)
      byLabel.set(this.keywordLabel[id]!, terms)
    }
    return [...byLabel].map(([l, terms]) => ({
      label: this.labels[l]!,
      matches: [...terms].map(([term, count]) => ({ term, count })),
    }))
  }

  describe(): ModelDescription {
    const summary = `keyword: ${this.keywords.length} keywords for ${this.labels.length} labels over ${this.field}`
    return {
      kind: 'keyword',
      labels: this.labels,
      field: this.field,
      decision: this.decision,
      params: {},
      summary,
    }
  }

  serialize(): ModelParts {
    return { meta: { keywords: this.keywords }, sections: { labels: this.keywordLabel } }
  }
}
