import type { RuleSet } from '@api/contract/rules'
import { toApiError } from '../../api/client'
import type { GetState, SetState, SliceDeps } from '../types'
import { toRuleEntries } from './selectors'
import {
  emptyRuleDraft,
  WORKBENCH_DEBOUNCE_MS,
  type DraftRule,
  type RuleDraft,
  type RulesState,
} from './state'
import { busy, latest } from '../../lib/requests'
import { createExclusionActions, type ExclusionActions } from './exclusion-actions'
import { ruleDraftDiffers } from './draft-diff'

export interface RulesActions extends ExclusionActions {
  /** Reloads the rule sets and the exclusion sets. */
  refresh(): Promise<void>
  newSet(kind: 'keyword' | 'regex'): void
  openSet(id: string): Promise<void>
  /** Drops unsaved edits: back to the saved set, or to an empty new one. */
  discard(): Promise<void>
  updateDraft(patch: Partial<Omit<RuleDraft, 'rules'>>): void
  addRule(label?: string): void
  updateRule(index: number, patch: Partial<Omit<DraftRule, 'key'>>): void
  removeRule(index: number): void
  setDataset(datasetId: string | null): void
  setFocusRule(index: number | null): void
  /** Runs the workbench now (the edit actions schedule it after a short pause). */
  runWorkbench(): Promise<void>
  save(): Promise<RuleSet | null>
  removeSet(id: string): Promise<boolean>
  importFiles(input: {
    name: string
    kind: 'keyword' | 'regex'
    files: { fileName: string; content: string }[]
  }): Promise<RuleSet | null>
  exportFiles(): Promise<{ fileName: string; content: string }[] | null>
  /** Saves the set, then builds a keyword/regex model version from it on the workbench dataset. */
  saveAsModel(name: string): Promise<string | null>
}

type Store = RulesState & RulesActions

export function createRulesActions(
  set: SetState<Store>,
  get: GetState<Store>,
  { api, report }: SliceDeps,
): RulesActions {
  let nextKey = 1
  let workbenchTimer: ReturnType<typeof setTimeout> | null = null
  const workbenchRequest = latest()

  const toDraftRule = (rule: {
    label: string
    pattern: string
    match?: DraftRule['match']
  }): DraftRule => ({
    key: nextKey++,
    label: rule.label,
    pattern: rule.pattern,
    match: rule.match ?? 'partially',
  })

  const fromSet = (ruleSet: RuleSet): RuleDraft => ({
    name: ruleSet.name,
    kind: ruleSet.kind,
    field: ruleSet.field,
    caseSensitive: ruleSet.caseSensitive,
    rules: ruleSet.rules.map(toDraftRule),
  })

  const scheduleWorkbench = () => {
    if (workbenchTimer) clearTimeout(workbenchTimer)
    if (!get().datasetId) return
    set({ workbenchPending: true })
    workbenchTimer = setTimeout(() => {
      workbenchTimer = null
      void get().runWorkbench()
    }, WORKBENCH_DEBOUNCE_MS)
  }

  /** The draft as last opened or saved: "(unsaved)" means the draft differs from it. */
  let baseline: RuleDraft = emptyRuleDraft()
  const edited = (draft: RuleDraft) => {
    set({ draft, dirty: ruleDraftDiffers(draft, baseline) })
    scheduleWorkbench()
  }

  const loadSets = async () => {
    try {
      const [sets, exclusionSets] = await Promise.all([
        api.call('rules.listSets', {}),
        api.call('preprocessing.listSets', {}),
      ])
      set({ sets, exclusionSets, loaded: true })
    } catch (error) {
      report.error(error)
    }
  }

  const mutate = busy(set, report)

  return {
    refresh: loadSets,
    ...createExclusionActions(set, get, { api, report }, { loadSets, mutate }),

    newSet(kind) {
      baseline = emptyRuleDraft(kind)
      set({
        selectedId: null,
        draft: { ...emptyRuleDraft(kind), rules: [toDraftRule({ label: '', pattern: '' })] },
        dirty: false,
        workbench: null,
        workbenchRows: [],
        workbenchError: null,
        focusRule: null,
      })
    },

    async openSet(id) {
      try {
        const ruleSet = await api.call('rules.getSet', { id })
        baseline = fromSet(ruleSet)
        set({
          selectedId: ruleSet.id,
          draft: baseline,
          dirty: false,
          workbench: null,
          workbenchRows: [],
          workbenchError: null,
          focusRule: null,
        })
        scheduleWorkbench()
      } catch (error) {
        report.error(error)
      }
    },

    async discard() {
      const { selectedId, draft } = get()
      if (selectedId) await get().openSet(selectedId)
      else get().newSet(draft.kind)
    },

    updateDraft(patch) {
      edited({ ...get().draft, ...patch })
    },

    addRule(label) {
      const draft = get().draft
      const last = draft.rules.at(-1)
      const rule = toDraftRule({ label: label ?? last?.label ?? '', pattern: '' })
      set({ draft: { ...draft, rules: [...draft.rules, rule] } })
    },

    updateRule(index, patch) {
      const draft = get().draft
      const rules = draft.rules.map((rule, i) => (i === index ? { ...rule, ...patch } : rule))
      edited({ ...draft, rules })
    },

    removeRule(index) {
      const draft = get().draft
      const focus = get().focusRule
      set({
        focusRule: focus === index ? null : focus !== null && focus > index ? focus - 1 : focus,
      })
      edited({ ...draft, rules: draft.rules.filter((_, i) => i !== index) })
    },

    setDataset(datasetId) {
      set({ datasetId, workbench: null, workbenchRows: [], workbenchError: null })
      scheduleWorkbench()
    },

    setFocusRule(index) {
      set({ focusRule: index })
      scheduleWorkbench()
    },

    async runWorkbench() {
      const { datasetId, draft, focusRule } = get()
      const isLatest = workbenchRequest()
      if (!datasetId) return set({ workbenchPending: false })
      const { rules, rows } = toRuleEntries(draft)
      const focus = focusRule === null ? -1 : rows.indexOf(focusRule)
      set({ workbenchPending: true })
      try {
        const workbench = await api.call('rules.workbench', {
          datasetId,
          draft: {
            kind: draft.kind,
            field: draft.field,
            caseSensitive: draft.caseSensitive,
            rules,
          },
          ...(focus >= 0 ? { focusRule: focus } : {}),
          examples: 50,
        })
        if (isLatest()) set({ workbench, workbenchRows: rows, workbenchError: null })
      } catch (error) {
        // A half-typed regex is normal while editing: say so by the table, not in a toast.
        if (isLatest()) set({ workbenchError: toApiError(error).message })
      } finally {
        if (isLatest()) set({ workbenchPending: false })
      }
    },

    async save() {
      const { draft, selectedId } = get()
      const name = draft.name.trim()
      if (!name) {
        report.error(new Error('Give the rule set a name before saving it.'))
        return null
      }
      const saved = await mutate(() =>
        api.call('rules.saveSet', {
          ...(selectedId ? { id: selectedId } : {}),
          name,
          kind: draft.kind,
          field: draft.field,
          caseSensitive: draft.caseSensitive,
          rules: toRuleEntries(draft).rules,
        }),
      )
      if (!saved) return null
      baseline = draft
      set({ selectedId: saved.id, dirty: ruleDraftDiffers(get().draft, draft) })
      await loadSets()
      return saved
    },

    async removeSet(id) {
      const deleted = await mutate(() => api.call('rules.deleteSet', { id }))
      if (!deleted) return false
      if (get().selectedId === id) get().newSet(get().draft.kind)
      await loadSets()
      return true
    },

    async importFiles(input) {
      const imported = await mutate(() => api.call('rules.importFiles', input))
      if (!imported) return null
      report.info(
        'Rules imported',
        `"${imported.name}": ${imported.ruleCount} rules for ${imported.labels.length} labels.`,
      )
      await loadSets()
      await get().openSet(imported.id)
      return imported
    },

    async exportFiles() {
      const id = get().selectedId
      if (!id) return null
      const exported = await mutate(() => api.call('rules.exportFiles', { id }))
      return exported?.files ?? null
    },

    async saveAsModel(name) {
      const datasetId = get().datasetId
      if (!datasetId) {
        report.error(new Error('Choose a labelled dataset first: the model is evaluated on it.'))
        return null
      }
      const saved = get().dirty || !get().selectedId ? await get().save() : null
      const ruleSetId = saved?.id ?? get().selectedId
      if (!ruleSetId) return null
      const started = await mutate(async () => {
        const dataset = await api.call('datasets.get', { id: datasetId })
        return api.call('models.startTraining', {
          datasetId,
          kind: get().draft.kind,
          ruleSetId,
          ...(name.trim() ? { name: name.trim() } : {}),
          testSplit: dataset.splitCounts.test > 0 ? 'test' : 'none',
          trainSplits: dataset.splitCounts.train > 0 ? ['train'] : ['none'],
        })
      })
      if (!started) return null
      set({ trainingTaskId: started.taskId })
      return started.taskId
    },
  }
}
