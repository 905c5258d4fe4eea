import { useStores } from '../../stores/hooks'
import { selectExclusionDirty } from '../../stores/rules/selectors'
import { useUnsavedGuard } from './UnsavedDialog'

/** Save / Discard / Cancel before another rule set replaces unsaved edits. */
export function useRuleSetGuard() {
  const { rules } = useStores()
  const draft = rules.getState().draft
  return useUnsavedGuard({
    what: draft.name.trim() ? `the rule set “${draft.name.trim()}”` : `the new ${draft.kind} set`,
    isDirty: () => rules.getState().dirty,
    save: async () => (await rules.getState().save()) !== null,
    discard: () => rules.getState().discard(),
  })
}

/** The same for the exclusion set being edited. */
export function useExclusionGuard() {
  const { rules } = useStores()
  const draft = rules.getState().exclusionDraft
  return useUnsavedGuard({
    what: draft.name.trim() ? `the exclusion set “${draft.name.trim()}”` : 'the new exclusion set',
    isDirty: () => selectExclusionDirty(rules.getState()),
    save: () => rules.getState().saveExclusion(),
    discard: () => rules.getState().openExclusion(rules.getState().exclusionId),
  })
}
