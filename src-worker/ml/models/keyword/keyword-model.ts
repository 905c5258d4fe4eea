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
  private readonly patternLabel: Int32Array
  /** Built on first use: a model made only to be written to a file (keywordFile) never needs it. */
  private compiled: { automaton: AhoCorasick; chainLabel: Int32Array } | null = null

  constructor(readonly state: KeywordModelState) {
    this.field = state.field
    this.decision = state.decision
    this.labels = [...new Set(state.rules.map((rule) => rule.label))].sort(compareStrings)
    const column = new Map(this.labels.map((label, i) => [label, i]))
    this.patternLabel = Int32Array.from(state.rules, (rule) => column.get(rule.label)!)
  }

  private matcher() {
    if (!this.compiled) {
      const { rules, caseSensitive } = this.state
      const patterns = rules.map((rule) => ({ text: rule.keyword, match: rule.match }))
      const automaton = new AhoCorasick(patterns, foldTable(!caseSensitive))
      this.compiled = { automaton, chainLabel: automaton.chainColumns(this.patternLabel) }
    }
    return this.compiled
  }

  predictBatch(batch: DocBatch, options: PredictOptions = {}): BatchPrediction {
    const texts = fieldTexts(batch, this.field)
    const width = this.labels.length
    const scores = new Float32Array(batch.size * width)
    const counts = new Int32Array(batch.size * width)
    const explanations: LabelExplanation[][] = []
    const { automaton, chainLabel } = this.matcher()
    for (let r = 0; r < batch.size; r++) {
      automaton.count(texts[r]!, chainLabel, counts, r * width)
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
    this.matcher().automaton.scan(text, (pattern) =>
      hits.set(pattern, (hits.get(pattern) ?? 0) + 1),
    )
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
