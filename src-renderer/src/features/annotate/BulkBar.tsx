import { useState } from 'react'
import { Button } from '../../components/Button'
import { countOf } from '../../lib/plural'
import type { BulkOutcome } from '../../stores/annotate/bulk'
import {
  selectAnnotateDataset,
  selectFilter,
  selectSelection,
  selectTotal,
} from '../../stores/annotate/selectors'
import type { AnnotateFilter } from '../../stores/annotate/state'
import { useAnnotate, useStores } from '../../stores/hooks'
import { BulkConfirmDialog, type BulkAsk } from './BulkConfirmDialog'

/** The undo toast stays this long: enough to notice it and press Undo. */
const UNDO_TOAST_MS = 30_000

/** A search, a status, a label or a split narrows the list: bulk actions on "all matching" make sense. */
export const isNarrowed = (f: AnnotateFilter) =>
  f.status !== 'all' || f.labelId !== null || f.split !== null || f.query.trim() !== ''

/** "Added ‘male’ to 37 documents", and what the others already were. */
function outcomeText(ask: BulkAsk, labelName: string, outcome: BulkOutcome) {
  const adding = ask.action === 'add'
  const title = `${adding ? 'Added' : 'Removed'} ‘${labelName}’ ${adding ? 'to' : 'from'} ${countOf(outcome.changed, 'document')}`
  const rest = outcome.matched - outcome.changed
  const message =
    rest > 0 ? `${countOf(rest, 'other')} ${adding ? 'had it already' : 'did not have it'}.` : ''
  return { title, message }
}

/**
 * Bulk labelling: one label added to or removed from every document the filter and search match,
 * or from the documents ticked in the list; always after a confirmation, undoable as one step.
 */
export function BulkBar({ filterText }: { filterText: string }) {
  const { annotate, ui } = useStores()
  const dataset = useAnnotate(selectAnnotateDataset)
  const filter = useAnnotate(selectFilter)
  const total = useAnnotate(selectTotal)
  const selection = useAnnotate(selectSelection)
  const [labelId, setLabelId] = useState<number | null>(null)
  const [ask, setAsk] = useState<BulkAsk | null>(null)

  const labels = dataset?.labels ?? []
  const label = labels.find((l) => l.id === labelId) ?? labels[0]
  const matching = isNarrowed(filter) && total !== null && total > 0 ? total : 0

  const open = (action: BulkAsk['action'], scope: BulkAsk['scope'], count: number) => {
    if (label) setAsk({ action, scope, count, labelId: label.id })
  }

  const done = (asked: BulkAsk, outcome: BulkOutcome) => {
    setAsk(null)
    const name = labels.find((l) => l.id === asked.labelId)?.name ?? String(asked.labelId)
    ui.getState().pushToast({
      kind: 'info',
      closesAfterMs: UNDO_TOAST_MS,
      ...outcomeText(asked, name, outcome),
      ...(outcome.changed > 0
        ? { action: { label: 'Undo', run: () => void annotate.getState().undoBulk(outcome.step) } }
        : {}),
    })
  }

  // The dialog outlives the bar: the list reloads (no count for a moment) as the action ends.
  const dialog = ask ? (
    <BulkConfirmDialog
      ask={ask}
      labelName={labels.find((l) => l.id === ask.labelId)?.name ?? String(ask.labelId)}
      filterText={filterText}
      onDone={(outcome) => done(ask, outcome)}
      onClose={() => setAsk(null)}
    />
  ) : null
  if (!label || (matching === 0 && selection.length === 0)) return dialog

  return (
    <div className="bulk-bar" role="group" aria-label="Bulk actions">
      <select
        className="input"
        aria-label="Bulk label"
        value={label.id}
        onChange={(e) => setLabelId(Number(e.target.value))}
      >
        {labels.map((l) => (
          <option key={l.id} value={l.id}>
            {l.name}
          </option>
        ))}
      </select>
      {matching > 0 ? (
        <>
          <Button small onClick={() => open('add', 'matching', matching)}>
            Label all {matching.toLocaleString('en-US')} matching…
          </Button>
          <Button small onClick={() => open('remove', 'matching', matching)}>
            Remove label from {matching.toLocaleString('en-US')} matching…
          </Button>
        </>
      ) : null}
      {selection.length > 0 ? (
        <>
          <Button small onClick={() => open('add', 'selection', selection.length)}>
            Label {selection.length.toLocaleString('en-US')} selected…
          </Button>
          <Button small onClick={() => open('remove', 'selection', selection.length)}>
            Remove label from {selection.length.toLocaleString('en-US')} selected…
          </Button>
          <Button small onClick={() => annotate.getState().clearSelection()}>
            Clear selection
          </Button>
        </>
      ) : null}
      {dialog}
    </div>
  )
}
