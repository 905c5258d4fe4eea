import type {
  LabelRuleStats,
  RuleEntry,
  RuleStats,
  WorkbenchResult,
} from '../src-main/api/contract/rules'
import { AhoCorasick } from './ml/models/keyword/aho-corasick'
import { foldTable } from './ml/models/keyword/fold-table'
import { compilePattern } from './patterns/compile-pattern'

export interface WorkbenchDraft {
  kind: 'keyword' | 'regex'
  caseSensitive: boolean
  rules: readonly RuleEntry[]
}

export interface WorkbenchDocs {
  ids: readonly number[]
  texts: readonly string[]
  gold: readonly (readonly string[])[]
}

type Span = { start: number; end: number; ruleIndex: number }

/** Spans of every rule in one text; keyword sets through one automaton, regex sets pattern by pattern. */
function createMatcher(draft: WorkbenchDraft): (text: string) => Span[] {
  if (draft.kind === 'keyword') {
    const automaton = new AhoCorasick(
      draft.rules.map((r) => ({ text: r.pattern, match: r.match ?? 'partially' })),
      foldTable(!draft.caseSensitive),
    )
    return (text) => {
      const spans: Span[] = []
      automaton.scan(text, (rule, end) =>
        spans.push({ start: end - automaton.patternLength[rule]!, end, ruleIndex: rule }),
      )
      return spans
    }
  }
  const flags = draft.caseSensitive ? 'gu' : 'giu'
  const regexes = draft.rules.map((r, i) =>
    compilePattern(r.pattern, flags, `Rule ${i + 1} (${r.label})`),
  )
  return (text) => {
    const spans: Span[] = []
    regexes.forEach((regex, ruleIndex) => {
      regex.lastIndex = 0
      for (let m = regex.exec(text); m !== null; m = regex.exec(text)) {
        spans.push({ start: m.index, end: m.index + m[0].length, ruleIndex })
        if (m[0].length === 0) regex.lastIndex++
        if (spans.length > 1000) break
      }
    })
    return spans
  }
}

const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b)

/** Coverage, correctness, overlaps and conflicts of every rule and label over labelled documents. */
export function runWorkbench(
  draft: WorkbenchDraft,
  docs: WorkbenchDocs,
  options: { focusRule?: number; examples: number },
): WorkbenchResult {
  const started = performance.now()
  const match = createMatcher(draft)
  const labels = [...new Set(draft.rules.map((r) => r.label))].sort()
  const rules: RuleStats[] = draft.rules.map((_, index) => ({
    index,
    coverage: 0,
    correct: 0,
    incorrect: 0,
    precision: 0,
    overlaps: 0,
    conflicts: 0,
  }))
  const perLabel = new Map(labels.map((l) => [l, { coverage: 0, correct: 0, support: 0 }]))
  const matches: WorkbenchResult['matches'] = []

  docs.texts.forEach((text, d) => {
    const gold = docs.gold[d] ?? []
    for (const label of gold) {
      const stats = perLabel.get(label)
      if (stats) stats.support++
    }
    const spans = match(text)
    if (spans.length === 0) return
    const hit = [...new Set(spans.map((s) => s.ruleIndex))]
    const hitLabels = new Set(hit.map((i) => draft.rules[i]!.label))
    for (const i of hit) {
      const label = draft.rules[i]!.label
      const stats = rules[i]!
      stats.coverage++
      if (gold.includes(label)) stats.correct++
      else stats.incorrect++
      if (hit.some((j) => j !== i && draft.rules[j]!.label === label)) stats.overlaps++
      if (hitLabels.size > 1) stats.conflicts++
    }
    for (const label of hitLabels) {
      const stats = perLabel.get(label)!
      stats.coverage++
      if (gold.includes(label)) stats.correct++
    }
    const shown = options.focusRule === undefined || hit.includes(options.focusRule)
    if (shown && matches.length < options.examples) {
      matches.push({ documentId: docs.ids[d] ?? d, text, gold: [...gold], spans })
    }
  })
  for (const stats of rules) stats.precision = ratio(stats.correct, stats.coverage)
  const labelStats: LabelRuleStats[] = labels.map((label) => {
    const s = perLabel.get(label)!
    return {
      label,
      ...s,
      precision: ratio(s.correct, s.coverage),
      recall: ratio(s.correct, s.support),
    }
  })
  return {
    documents: docs.texts.length,
    rules,
    labels: labelStats,
    matches,
    elapsedMs: performance.now() - started,
  }
}
