import { assignLabels } from '../decide'
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
import { AhoCorasick } from './aho-corasick'
import { describeRuleModel, explainByLabel, serializeRuleModel } from '../rule-explanation'
import { foldTable } from './fold-table'
import type { KeywordRule } from './keyword-rules'

export interface KeywordModelState {
  field: FieldName
  decision: DecisionParams
  rules: readonly KeywordRule[]
  caseSensitive: boolean
}

/** Labels a row by the keywords found in one field; a label's score is its number of matches. */
export class KeywordModel implements Model {
  readonly kind = 'keyword' as const
  readonly labels: readonly string[]
  readonly field: FieldName
  readonly decision: DecisionParams
  private readonly automaton: AhoCorasick
  private readonly patternLabel: Int32Array
  private readonly chainLabel: Int32Array

  constructor(readonly state: KeywordModelState) {
    this.field = state.field
    this.decision = state.decision
    this.labels = [...new Set(state.rules.map((rule) => rule.label))].sort(compareStrings)
    const column = new Map(this.labels.map((label, i) => [label, i]))
    this.patternLabel = Int32Array.from(state.rules, (rule) => column.get(rule.label)!)
    const patterns = state.rules.map((rule) => ({ text: rule.keyword, match: rule.match }))
    this.automaton = new AhoCorasick(patterns, foldTable(!state.caseSensitive))
    this.chainLabel = this.automaton.chainColumns(this.patternLabel)
  }

  predictBatch(batch: DocBatch, options: PredictOptions = {}): BatchPrediction {
    const texts = fieldTexts(batch, this.field)
    const width = this.labels.length
    const scores = new Float32Array(batch.size * width)
    const counts = new Int32Array(batch.size * width)
    const explanations: LabelExplanation[][] = []
    for (let r = 0; r < batch.size; r++) {
      this.automaton.count(texts[r]!, this.chainLabel, counts, r * width)
      if (options.explain)
        explanations.push(matchedAny(counts, r * width, width) ? this.explain(texts[r]!) : [])
    }
    scores.set(counts)
    const assigned = assignLabels(scores, this.labels, this.decision, scores, false)
    const result = { labels: this.labels, noneLabel: this.decision.noneLabel, size: batch.size }
    return { ...result, scores, assigned, ...(options.explain ? { explanations } : {}) }
  }

  private explain(text: string): LabelExplanation[] {
    const hits = new Map<number, number>()
    this.automaton.scan(text, (pattern) => hits.set(pattern, (hits.get(pattern) ?? 0) + 1))
    const matches = [...hits].map(([rule, count]) => ({
      rule,
      term: this.state.rules[rule]!.keyword,
      count,
    }))
    return explainByLabel(matches, this.patternLabel, this.labels)
  }

  describe(): ModelDescription {
    return describeRuleModel(this.kind, 'keywords', this.labels, this.state)
  }

  serialize(): ModelParts {
    return serializeRuleModel(this.state)
  }
}

function matchedAny(counts: Int32Array, offset: number, width: number): boolean {
  for (let l = 0; l < width; l++) if (counts[offset + l] !== 0) return true
  return false
}
