import { decodeTerms, encodeTerms } from '../../features/term-codec'
import { TermTable } from '../../features/term-table'
import { normalizeText } from '../../text/normalize'
import { forEachToken, tokenize, type TokenizeOptions, type TokenSink } from '../../text/tokenize'
import { assignLabels } from '../decide'
import { AhoCorasick } from '../keyword/aho-corasick'
import { foldTable } from '../keyword/fold-table'
import { compareStrings } from '../label-space'
import type {
  BatchPrediction,
  DecisionParams,
  DocBatch,
  FieldName,
  LabelExplanation,
  Model,
  ModelDescription,
  ModelParts,
  PredictOptions,
} from '../model'
import { fieldTexts } from '../model'
import type { TermWeight } from './term-weight-csv'

export interface TermWeightState {
  field: FieldName
  decision: DecisionParams
  params: Record<string, unknown>
  tokenize: TokenizeOptions
  rows: readonly TermWeight[]
}

/**
 * A label's score is the average weight of its terms found in the text. Terms that are single
 * tokens (words, word pairs, CJK characters and pairs) are found by token lookup; longer edited
 * terms (e.g. a three-character Chinese word) by substring search.
 */
export class TermWeightModel implements Model {
  readonly kind = 'term-weight' as const
  readonly labels: readonly string[]
  readonly field: FieldName
  readonly decision: DecisionParams
  private readonly terms: string[]
  private readonly tokenTerms: TermTable
  private readonly tokenTermIds: Int32Array
  private readonly phrases: AhoCorasick
  private readonly phraseTermIds: Int32Array
  /** Per term: its rows in rowLabel/rowWeight. */
  private readonly termStart: Int32Array
  private readonly rowLabel: Int32Array
  private readonly rowWeight: Float32Array

  constructor(readonly state: TermWeightState) {
    this.field = state.field
    this.decision = state.decision
    this.labels = [...new Set(state.rows.map((row) => row.label))].sort(compareStrings)
    const column = new Map(this.labels.map((label, i) => [label, i]))
    const normalized = state.rows.map((row) => normalizeText(row.term))
    this.terms = [...new Set(normalized)]
    const termId = new Map(this.terms.map((term, i) => [term, i]))
    const order = state.rows
      .map((_, i) => i)
      .sort((a, b) => termId.get(normalized[a]!)! - termId.get(normalized[b]!)!)
    this.termStart = new Int32Array(this.terms.length + 1)
    this.rowLabel = Int32Array.from(order, (i) => column.get(state.rows[i]!.label)!)
    this.rowWeight = Float32Array.from(order, (i) => state.rows[i]!.weight)
    for (const i of order) this.termStart[termId.get(normalized[i]!)! + 1]!++
    for (let t = 0; t < this.terms.length; t++) this.termStart[t + 1]! += this.termStart[t]!
    const isToken = this.terms.map((term) => {
      const tokens = tokenize(term, state.tokenize)
      return tokens.length >= 1 && tokens.includes(term)
    })
    const tokenIds = this.terms.map((_, i) => i).filter((i) => isToken[i])
    const phraseIds = this.terms.map((_, i) => i).filter((i) => !isToken[i])
    this.tokenTerms = TermTable.from(tokenIds.map((i) => this.terms[i]!))
    this.tokenTermIds = Int32Array.from(tokenIds)
    this.phraseTermIds = Int32Array.from(phraseIds)
    const phrases = phraseIds.map((i) => ({ text: this.terms[i]!, match: 'partially' as const }))
    this.phrases = new AhoCorasick(phrases, foldTable(true))
  }

  predictBatch(batch: DocBatch, options: PredictOptions = {}): BatchPrediction {
    const texts = fieldTexts(batch, this.field)
    const width = this.labels.length
    const scores = new Float32Array(batch.size * width)
    const explanations: LabelExplanation[][] = []
    const found = new Map<number, number>()
    const sink: TokenSink = {
      token: (text, s1, e1, s2, e2) => {
        const id = this.tokenTerms.lookup(text, s1, e1, s2, e2)
        if (id >= 0) found.set(this.tokenTermIds[id]!, (found.get(this.tokenTermIds[id]!) ?? 0) + 1)
      },
    }
    const onPhrase = (p: number) =>
      found.set(this.phraseTermIds[p]!, (found.get(this.phraseTermIds[p]!) ?? 0) + 1)
    const sums = new Float64Array(width)
    const counts = new Int32Array(width)
    for (let r = 0; r < batch.size; r++) {
      found.clear()
      const text = normalizeText(texts[r]!)
      forEachToken(text, this.state.tokenize, sink)
      if (this.phraseTermIds.length > 0) this.phrases.scan(text, onPhrase)
      sums.fill(0)
      counts.fill(0)
      for (const term of found.keys()) {
        for (let k = this.termStart[term]!; k < this.termStart[term + 1]!; k++) {
          sums[this.rowLabel[k]!]! += this.rowWeight[k]!
          counts[this.rowLabel[k]!]!++
        }
      }
      for (let l = 0; l < width; l++)
        scores[r * width + l] = counts[l]! > 0 ? sums[l]! / counts[l]! : 0
      if (options.explain) explanations.push(this.explain(found))
    }
    const assigned = assignLabels(scores, this.labels, this.decision, scores, false)
    const result = { labels: this.labels, noneLabel: this.decision.noneLabel, size: batch.size }
    return { ...result, scores, assigned, ...(options.explain ? { explanations } : {}) }
  }

  private explain(found: Map<number, number>): LabelExplanation[] {
    const byLabel = this.labels.map((label): LabelExplanation => ({ label, matches: [] }))
    for (const [term, count] of found) {
      for (let k = this.termStart[term]!; k < this.termStart[term + 1]!; k++) {
        byLabel[this.rowLabel[k]!]!.matches.push({
          term: this.terms[term]!,
          count,
          weight: this.rowWeight[k]!,
        })
      }
    }
    for (const entry of byLabel) entry.matches.sort((a, b) => b.weight! - a.weight!)
    return byLabel.filter((entry) => entry.matches.length > 0)
  }

  /** The editable term table, by label then weight (highest first). */
  termWeights(): TermWeight[] {
    return [...this.state.rows]
  }

  describe(): ModelDescription {
    const { field, decision, params, rows } = this.state
    const summary = `term-weight: ${rows.length} weighted terms for ${this.labels.length} labels on ${field}`
    return { kind: this.kind, labels: this.labels, field, decision, params, summary }
  }

  serialize(): ModelParts {
    const rows = this.state.rows
    return {
      meta: { tokenize: this.state.tokenize, rowLabels: this.labels },
      sections: {
        terms: encodeTerms(rows.map((row) => row.term)),
        rowLabel: Int32Array.from(rows, (row) => this.labels.indexOf(row.label)),
        rowWeight: Float64Array.from(rows, (row) => row.weight),
      },
    }
  }
}

export function termWeightRowsFromParts(parts: ModelParts): TermWeight[] {
  const { terms, rowLabel, rowWeight } = parts.sections
  const labels = parts.meta.rowLabels as string[]
  if (
    !(terms instanceof Uint8Array) ||
    !(rowLabel instanceof Int32Array) ||
    !(rowWeight instanceof Float64Array)
  ) {
    throw new Error('The model file lacks its term table sections.')
  }
  return decodeTerms(terms).map((term, i) => ({
    label: labels[rowLabel[i]!]!,
    term,
    weight: rowWeight[i]!,
  }))
}
