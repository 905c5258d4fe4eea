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
type OnMatch = (rule: number, start: number, end: number) => void

/** Calls onMatch for every rule match in a text: keyword sets through one automaton, regexes one by one. */
function createScanner(draft: WorkbenchDraft): (text: string, onMatch: OnMatch) => void {
  if (draft.kind === 'keyword') {
    const automaton = new AhoCorasick(
      draft.rules.map((r) => ({ text: r.pattern, match: r.match ?? 'partially' })),
      foldTable(!draft.caseSensitive),
    )
    const lengths = automaton.patternLength
    return (text, onMatch) =>
      automaton.scan(text, (rule, end) => onMatch(rule, end - lengths[rule]!, end))
  }
  const flags = draft.caseSensitive ? 'gu' : 'giu'
  const regexes = draft.rules.map((r, i) =>
    compilePattern(r.pattern, flags, `Rule ${i + 1} (${r.label})`),
  )
  return (text, onMatch) => {
    regexes.forEach((regex, rule) => {
      regex.lastIndex = 0
      for (let m = regex.exec(text), n = 0; m !== null && n < 1000; m = regex.exec(text), n++) {
        onMatch(rule, m.index, m.index + m[0].length)
        if (m[0].length === 0) regex.lastIndex++
      }
    })
  }
}

const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b)

/**
 * Coverage, correctness, overlaps and conflicts of every rule and label over labelled documents. Runs on
 * every keystroke over tens of thousands of documents, so the loop works on typed arrays and stamps instead
 * of per-document sets; spans are only kept for the documents shown.
 */
export function runWorkbench(
  draft: WorkbenchDraft,
  docs: WorkbenchDocs,
  options: { focusRule?: number; examples: number },
): WorkbenchResult {
  const started = performance.now()
  const scan = createScanner(draft)
  const labels = [...new Set(draft.rules.map((r) => r.label))].sort()
  const labelIndex = new Map(labels.map((l, i) => [l, i]))
  const ruleLabel = Int32Array.from(draft.rules, (r) => labelIndex.get(r.label)!)
  const ruleCoverage = new Int32Array(draft.rules.length)
  const ruleCorrect = new Int32Array(draft.rules.length)
  const ruleOverlaps = new Int32Array(draft.rules.length)
  const ruleConflicts = new Int32Array(draft.rules.length)
  const labelCoverage = new Int32Array(labels.length)
  const labelCorrect = new Int32Array(labels.length)
  const labelSupport = new Int32Array(labels.length)
  const ruleSeen = new Int32Array(draft.rules.length).fill(-1)
  const labelHits = new Int32Array(labels.length)
  const labelSeen = new Int32Array(labels.length).fill(-1)
  const goldSeen = new Int32Array(labels.length).fill(-1)
  const hitRules: number[] = []
  const hitLabels: number[] = []
  const matches: WorkbenchResult['matches'] = []
  let spans: Span[] = []

  for (let d = 0; d < docs.texts.length; d++) {
    const gold = docs.gold[d] ?? []
    for (const name of gold) {
      const l = labelIndex.get(name)
      if (l !== undefined) {
        labelSupport[l]!++
        goldSeen[l] = d
      }
    }
    hitRules.length = 0
    hitLabels.length = 0
    const collecting = matches.length < options.examples
    if (collecting) spans = []
    scan(docs.texts[d]!, (rule, start, end) => {
      if (collecting) spans.push({ start, end, ruleIndex: rule })
      if (ruleSeen[rule] === d) return
      ruleSeen[rule] = d
      hitRules.push(rule)
      const l = ruleLabel[rule]!
      if (labelSeen[l] !== d) {
        labelSeen[l] = d
        labelHits[l] = 0
        hitLabels.push(l)
      }
      labelHits[l]!++
    })
    if (hitRules.length === 0) continue
    for (const rule of hitRules) {
      const l = ruleLabel[rule]!
      ruleCoverage[rule]!++
      if (goldSeen[l] === d) ruleCorrect[rule]!++
      if (labelHits[l]! > 1) ruleOverlaps[rule]!++
      if (hitLabels.length > 1) ruleConflicts[rule]!++
    }
    for (const l of hitLabels) {
      labelCoverage[l]!++
      if (goldSeen[l] === d) labelCorrect[l]!++
    }
    const shown = options.focusRule === undefined || ruleSeen[options.focusRule] === d
    if (collecting && shown) {
      matches.push({ documentId: docs.ids[d] ?? d, text: docs.texts[d]!, gold: [...gold], spans })
    }
  }

  const rules: RuleStats[] = draft.rules.map((_, index) => ({
    index,
    coverage: ruleCoverage[index]!,
    correct: ruleCorrect[index]!,
    incorrect: ruleCoverage[index]! - ruleCorrect[index]!,
    precision: ratio(ruleCorrect[index]!, ruleCoverage[index]!),
    overlaps: ruleOverlaps[index]!,
    conflicts: ruleConflicts[index]!,
  }))
  const labelStats: LabelRuleStats[] = labels.map((label, l) => ({
    label,
    coverage: labelCoverage[l]!,
    correct: labelCorrect[l]!,
    support: labelSupport[l]!,
    precision: ratio(labelCorrect[l]!, labelCoverage[l]!),
    recall: ratio(labelCorrect[l]!, labelSupport[l]!),
  }))
  return {
    documents: docs.texts.length,
    rules,
    labels: labelStats,
    matches,
    elapsedMs: performance.now() - started,
  }
}
