import { MAX_UNITS } from '../explain/readable-units'
import type {
  DecisionParams,
  FieldName,
  LabelExplanation,
  ModelDescription,
  ModelParts,
} from './model'

/** One rule that matched a text: which rule, what to show for it, and how often it matched. */
export interface RuleHit {
  rule: number
  term: string
  count: number
}

/**
 * Groups the matched rules of a text under their labels, in label order (keyword and regex
 * models): one entry per distinct rule text (rules differing only in match type give one), the
 * most frequent first, at most MAX_UNITS per label.
 */
export function explainByLabel(
  hits: Iterable<RuleHit>,
  ruleLabel: ArrayLike<number>,
  labels: readonly string[],
): LabelExplanation[] {
  const byLabel = new Map<number, Map<string, number>>()
  for (const { rule, term, count } of hits) {
    const l = ruleLabel[rule]!
    let terms = byLabel.get(l)
    if (!terms) byLabel.set(l, (terms = new Map<string, number>()))
    terms.set(term, Math.max(terms.get(term) ?? 0, count))
  }
  return [...byLabel.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([l, terms]) => ({
      label: labels[l]!,
      matches: [...terms]
        .map(([term, count]) => ({ term, count }))
        .sort((a, b) => b.count - a.count)
        .slice(0, MAX_UNITS),
    }))
}

/** What keyword and regex models hold: rules applied to one field, with or without case. */
export interface RuleModelState {
  field: FieldName
  decision: DecisionParams
  rules: readonly unknown[]
  caseSensitive: boolean
}

/** describe() of a rule model: `what` names its rules ("keywords", "patterns"). */
export function describeRuleModel(
  kind: 'keyword' | 'regex',
  what: string,
  labels: readonly string[],
  state: RuleModelState,
): ModelDescription {
  const { field, decision, caseSensitive, rules } = state
  const summary = `${kind}: ${rules.length} ${what} for ${labels.length} labels on ${field}`
  const decisionRule = decision.multiLabel
    ? `Every label with at least ${decision.threshold} matching ${what}.`
    : `The label with the most matching ${what}, when it has at least ${decision.threshold}.`
  return { kind, labels, field, decision, params: { caseSensitive }, summary, decisionRule }
}

/** serialize() of a rule model: the rules themselves are the whole model. */
export function serializeRuleModel(state: RuleModelState): ModelParts {
  return { meta: { caseSensitive: state.caseSensitive, rules: state.rules }, sections: {} }
}
