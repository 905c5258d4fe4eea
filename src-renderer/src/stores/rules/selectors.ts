import type { RuleEntry } from '@api/contract/rules'
import { exclusionDraftDiffers } from './draft-diff'
import { emptyExclusionDraft, type DraftRule, type RuleDraft, type RulesState } from './state'

export const selectSelectedSetId = (s: RulesState) => s.selectedId
export const selectDirty = (s: RulesState) => s.dirty
export const selectWorkbenchDataset = (s: RulesState) => s.datasetId
export const selectExclusionSets = (s: RulesState) => s.exclusionSets

const isComplete = (rule: DraftRule) => rule.label.trim() !== '' && rule.pattern !== ''

/**
 * The rules the API accepts: blank rows are left out, and `rows[i]` is the draft row of rule i (so
 * workbench stats and errors point back at the right table row).
 */
export function toRuleEntries(draft: RuleDraft): { rules: RuleEntry[]; rows: number[] } {
  const rules: RuleEntry[] = []
  const rows: number[] = []
  draft.rules.forEach((rule, index) => {
    if (!isComplete(rule)) return
    rows.push(index)
    rules.push(
      draft.kind === 'keyword'
        ? { label: rule.label.trim(), pattern: rule.pattern, match: rule.match }
        : { label: rule.label.trim(), pattern: rule.pattern },
    )
  })
  return { rules, rows }
}

/** Non-blank lines of the patterns textarea, trimmed of trailing CR only (spaces can matter). */
export const patternLines = (text: string): string[] =>
  text
    .split('\n')
    .map((line) => line.replace(/\r$/, ''))
    .filter((line) => line.trim() !== '')

/** The exclusion draft differs from the saved set it edits (or from an empty new one). */
export const selectExclusionDirty = (s: RulesState) => {
  const saved = s.exclusionSets.find((set) => set.id === s.exclusionId)
  return exclusionDraftDiffers(
    s.exclusionDraft,
    saved
      ? {
          name: saved.name,
          mode: saved.mode,
          patternsText: saved.patterns.join('\n'),
          caseSensitive: saved.caseSensitive,
        }
      : emptyExclusionDraft(),
  )
}

/**
 * The last workbench run's match of one document (its rule spans), when the run measured this
 * dataset, listed the document among its examples and matched this very text; else undefined.
 */
export const workbenchMatchOf =
  (datasetId: string | null, documentId: number | null, text: string) => (s: RulesState) =>
    s.datasetId !== null && s.datasetId === datasetId
      ? s.workbench?.matches.find((m) => m.documentId === documentId && m.text === text)
      : undefined
