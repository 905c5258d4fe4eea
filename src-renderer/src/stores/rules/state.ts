import type { ModelField } from '@api/contract/models'
import type { ExclusionMode, ExclusionSet, ExclusionTestResult } from '@api/contract/preprocessing'
import type { KeywordMatch, RuleSetSummary, WorkbenchResult } from '@api/contract/rules'

/** The workbench runs this long after the last keystroke. */
export const WORKBENCH_DEBOUNCE_MS = 150

/** One row of the table editor; `key` keeps React rows stable while rows are added and removed. */
export interface DraftRule {
  key: number
  label: string
  pattern: string
  match: KeywordMatch
}

export interface RuleDraft {
  name: string
  kind: 'keyword' | 'regex'
  field: ModelField
  caseSensitive: boolean
  rules: DraftRule[]
}

export interface ExclusionDraft {
  name: string
  mode: ExclusionMode
  /** One pattern per line, as the textarea holds them. */
  patternsText: string
  caseSensitive: boolean
}

export interface RulesState {
  sets: RuleSetSummary[]
  loaded: boolean
  /** The saved set being edited; null for a new, unsaved one. */
  selectedId: string | null
  draft: RuleDraft
  /** The draft differs from what was saved. */
  dirty: boolean
  /** The labelled dataset the workbench measures against. */
  datasetId: string | null
  workbench: WorkbenchResult | null
  /** Draft row index of each rule sent to the workbench (blank rows are not sent). */
  workbenchRows: number[]
  /** Why the last workbench run failed (an invalid regex while typing), shown by the table. */
  workbenchError: string | null
  workbenchPending: boolean
  /** The draft row whose matches are listed; null lists matches of every rule. */
  focusRule: number | null
  trainingTaskId: string | null
  busy: boolean

  exclusionSets: ExclusionSet[]
  /** The exclusion set being edited; null for a new one. */
  exclusionId: string | null
  exclusionDraft: ExclusionDraft
  exclusionError: string | null
  exclusionTest: ExclusionTestResult | null
  exclusionTesting: boolean
}

export const emptyRuleDraft = (kind: 'keyword' | 'regex' = 'keyword'): RuleDraft => ({
  name: '',
  kind,
  field: 'content',
  caseSensitive: false,
  rules: [],
})

export const emptyExclusionDraft = (): ExclusionDraft => ({
  name: '',
  mode: 'drop',
  patternsText: '',
  caseSensitive: false,
})

export const getInitialRulesState = (): RulesState => ({
  sets: [],
  loaded: false,
  selectedId: null,
  draft: emptyRuleDraft(),
  dirty: false,
  datasetId: null,
  workbench: null,
  workbenchRows: [],
  workbenchError: null,
  workbenchPending: false,
  focusRule: null,
  trainingTaskId: null,
  busy: false,
  exclusionSets: [],
  exclusionId: null,
  exclusionDraft: emptyExclusionDraft(),
  exclusionError: null,
  exclusionTest: null,
  exclusionTesting: false,
})
