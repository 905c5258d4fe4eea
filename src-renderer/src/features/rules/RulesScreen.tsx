import { useEffect, useId, useState, type KeyboardEvent } from 'react'
import { Screen } from '../../components/Screen'
import { selectDatasets } from '../../stores/datasets/selectors'
import { useDatasets, useRules, useStores } from '../../stores/hooks'
import { selectWorkbenchDataset } from '../../stores/rules/selectors'
import { ExclusionSets } from './ExclusionSets'
import { LeaveRulesDialog } from './LeaveRulesDialog'
import { RuleSetEditor } from './RuleSetEditor'
import { LabeledSelect } from '../../components/Select'

type Tab = 'rules' | 'exclusions'
const TABS: { id: Tab; label: string }[] = [
  { id: 'rules', label: 'Rule sets' },
  { id: 'exclusions', label: 'Exclusion sets' },
]

export function RulesScreen() {
  const { rules, datasets: datasetsStore } = useStores()
  const datasets = useDatasets(selectDatasets)
  const datasetId = useRules(selectWorkbenchDataset)
  const [tab, setTab] = useState<Tab>('rules')
  const tabsId = useId()

  useEffect(() => {
    let stopped = false
    void rules.getState().refresh()
    const state = rules.getState()
    if (state.selectedId === null && state.draft.rules.length === 0) state.newSet('keyword')
    void (async () => {
      if (!datasetsStore.getState().loaded) await datasetsStore.getState().refresh()
      if (stopped || rules.getState().datasetId) return
      // The app's chosen dataset when it has labels, else the first labelled one.
      const { datasets: list, selectedId } = datasetsStore.getState()
      const labelled = list.filter((d) => d.labeledCount > 0)
      const chosen = labelled.find((d) => d.id === selectedId) ?? labelled[0]
      if (chosen) rules.getState().setDataset(chosen.id)
    })()
    return () => {
      stopped = true
    }
  }, [rules, datasetsStore])

  const onKey = (event: KeyboardEvent, index: number) => {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return
    const next = TABS[(index + (event.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length]
    if (!next) return
    setTab(next.id)
    document.getElementById(`${tabsId}-${next.id}`)?.focus()
  }

  return (
    <Screen
      title="Rules"
      lead="Write keyword and pattern rules and see live how they agree with your labels."
      actions={
        <LabeledSelect
          label="Dataset"
          inline
          value={datasetId ?? ''}
          onChange={(value) => {
            rules.getState().setDataset(value || null)
            if (value) void datasetsStore.getState().select(value)
          }}
          placeholder="Choose a labelled dataset…"
          choices={datasets.map((d) => ({
            value: d.id,
            label: `${d.name} (${d.labeledCount} labeled)`,
          }))}
        />
      }
    >
      <LeaveRulesDialog />
      <div className="rl-tabs" role="tablist" aria-label="Rules sections">
        {TABS.map((t, i) => (
          <button
            key={t.id}
            id={`${tabsId}-${t.id}`}
            type="button"
            role="tab"
            className="rl-tab"
            aria-selected={tab === t.id}
            aria-controls={`${tabsId}-${t.id}-panel`}
            tabIndex={tab === t.id ? 0 : -1}
            onClick={() => setTab(t.id)}
            onKeyDown={(e) => onKey(e, i)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div id={`${tabsId}-${tab}-panel`} role="tabpanel" aria-labelledby={`${tabsId}-${tab}`}>
        {tab === 'rules' ? <RuleSetEditor /> : <ExclusionSets />}
      </div>
    </Screen>
  )
}
