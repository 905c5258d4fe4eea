import { normalizeKeepCase } from '../../text/normalize'
import { describeRuleModel, explainByLabel, serializeRuleModel } from '../rule-explanation'
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
import { watchIdle, watchOverBudget, watchTest } from '../../../patterns/regex-watch'
import { compileRegexRules, regexTimeoutMessage, type RegexRule } from './regex-rules'

export interface RegexModelState {
  field: FieldName
  decision: DecisionParams
  rules: readonly RegexRule[]
  caseSensitive: boolean
}

/** Default time one batch may spend in regexes before the run fails. */
export const REGEX_BUDGET_MS = 10_000

/**
 * Labels a row by the patterns that match one field (NFKC-normalised); a label's score is its
 * number of matching patterns. A regex cannot be interrupted inside one test, so the model
 * publishes the pattern it is running in options.watch: a caller that terminates the thread after
 * a time budget reads it to name the culprit. Slow-but-finishing patterns are caught here, and the
 * cells then name the pattern that spent most.
 */
export class RegexModel implements Model {
  readonly kind = 'regex' as const
  readonly labels: readonly string[]
  readonly field: FieldName
  readonly decision: DecisionParams
  private readonly regexes: RegExp[]
  private readonly patternLabel: Int32Array

  constructor(readonly state: RegexModelState) {
    this.field = state.field
    this.decision = state.decision
    this.regexes = compileRegexRules(state.rules, state.caseSensitive)
    this.labels = [...new Set(state.rules.map((rule) => rule.label))].sort(compareStrings)
    const column = new Map(this.labels.map((label, i) => [label, i]))
    this.patternLabel = Int32Array.from(state.rules, (rule) => column.get(rule.label)!)
  }

  predictBatch(batch: DocBatch, options: PredictOptions = {}): BatchPrediction {
    const texts = fieldTexts(batch, this.field)
    const width = this.labels.length
    const scores = new Float32Array(batch.size * width)
    const budget = options.timeBudgetMs ?? REGEX_BUDGET_MS
    const spent = new Float64Array(this.regexes.length)
    const started = performance.now()
    const explanations: LabelExplanation[][] = []
    const watch = options.watch
    const cells = watch?.cells
    const group = watch?.group ?? 0
    /** Runs one pattern's work on a text, published in the watch cells and charged to its time. */
    const timed = <T>(p: number, work: () => T): T => {
      watchTest(cells, 'model', group, p)
      const before = performance.now()
      const result = work()
      const after = performance.now()
      spent[p]! += after - before
      if (after - started > budget) this.timeout(spent, budget, cells, group)
      return result
    }
    for (let r = 0; r < batch.size; r++) {
      const text = normalizeKeepCase(texts[r]!)
      const matched: number[] = []
      this.regexes.forEach((regex, p) => {
        if (!timed(p, () => regex.test(text))) return
        scores[r * width + this.patternLabel[p]!]!++
        matched.push(p)
      })
      if (options.explain) explanations.push(this.explain(text, matched, timed))
    }
    watchIdle(cells)
    const assigned = assignLabels(scores, this.labels, this.decision, scores, false)
    const result = { labels: this.labels, noneLabel: this.decision.noneLabel, size: batch.size }
    return { ...result, scores, assigned, ...(options.explain ? { explanations } : {}) }
  }

  private timeout(
    spent: Float64Array,
    budget: number,
    cells: Int32Array | undefined,
    group: number,
  ): never {
    let worst = 0
    spent.forEach((ms, p) => (worst = ms > spent[worst]! ? p : worst))
    watchOverBudget(cells, 'model', group, worst)
    throw new Error(regexTimeoutMessage(this.state.rules[worst]!, budget))
  }

  private explain(
    text: string,
    matched: number[],
    timed: (p: number, work: () => number) => number,
  ): LabelExplanation[] {
    const hits = matched.map((rule) => {
      const global = new RegExp(this.regexes[rule]!.source, this.regexes[rule]!.flags + 'g')
      return {
        rule,
        term: this.state.rules[rule]!.pattern,
        // A pattern that matched once may still backtrack badly further on.
        count: timed(rule, () => [...text.matchAll(global)].length),
      }
    })
    return explainByLabel(hits, this.patternLabel, this.labels)
  }

  describe(): ModelDescription {
    return describeRuleModel(this.kind, 'patterns', this.labels, this.state)
  }

  serialize(): ModelParts {
    return serializeRuleModel(this.state)
  }
}
