import { useEffect, useState } from 'react'
import { useRules, useStores, useUi } from '../../stores/hooks'
import { selectDirty, selectExclusionDirty } from '../../stores/rules/selectors'
import { selectPendingScreen } from '../../stores/ui/selectors'
import { UnsavedDialog } from './UnsavedDialog'

/**
 * Leaving the Rules screen with an unsaved rule set or exclusion set asks Save / Discard / Cancel
 * (the ui store holds the navigation until then).
 */
export function LeaveRulesDialog() {
  const { ui, rules } = useStores()
  const pending = useUi(selectPendingScreen)
  const ruleSetDirty = useRules(selectDirty)
  const exclusionDirty = useRules(selectExclusionDirty)
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    ui.getState().guardLeave(() => {
      const state = rules.getState()
      return state.dirty || selectExclusionDirty(state)
    })
    return () => ui.getState().guardLeave(null)
  }, [ui, rules])

  if (pending === null) return null
  const what = [ruleSetDirty ? 'the rule set' : '', exclusionDirty ? 'the exclusion set' : '']
    .filter(Boolean)
    .join(' and ')
  const save = async () => {
    setBusy(true)
    const state = rules.getState()
    const rulesSaved = !ruleSetDirty || (await state.save()) !== null
    const exclusionSaved = !exclusionDirty || (await state.saveExclusion())
    setBusy(false)
    if (rulesSaved && exclusionSaved) ui.getState().leave()
  }
  const discard = async () => {
    const state = rules.getState()
    if (ruleSetDirty) await state.discard()
    if (exclusionDirty) state.openExclusion(state.exclusionId)
    ui.getState().leave()
  }
  return (
    <UnsavedDialog
      what={what || 'this screen'}
      busy={busy}
      onSave={() => void save()}
      onDiscard={() => void discard()}
      onCancel={() => ui.getState().stay()}
    />
  )
}
