import type { LabelExplanation } from './model'

/** One rule that matched a text: which rule, what to show for it, and how often it matched. */
export interface RuleHit {
  rule: number
  term: string
  count: number
}

/** Groups the matched rules of a text under their labels, in label order (keyword and regex models). */
export function explainByLabel(
  hits: Iterable<RuleHit>,
  ruleLabel: ArrayLike<number>,
  labels: readonly string[],
): LabelExplanation[] {
  const byLabel = new Map<number, LabelExplanation>()
  for (const { rule, term, count } of hits) {
    const l = ruleLabel[rule]!
    let entry = byLabel.get(l)
    if (!entry) byLabel.set(l, (entry = { label: labels[l]!, matches: [] }))
    entry.matches.push({ term, count })
  }
  return [...byLabel.entries()].sort((a, b) => a[0] - b[0]).map(([, entry]) => entry)
}
