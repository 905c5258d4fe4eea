import { useRef, useState } from 'react'
import type { BulkLabelConflict } from '@api/dto'
import { toApiError } from '../../api/client'
import { ConfirmDialog } from '../../components/Dialog'
import { countOf } from '../../lib/plural'
import type { BulkOutcome, BulkScope } from '../../stores/annotate/bulk'
import { selectAnnotateDataset } from '../../stores/annotate/selectors'
import { useAnnotate, useStores } from '../../stores/hooks'

/** A bulk action the user asked for, before confirming it. */
export interface BulkAsk {
  action: 'add' | 'remove'
  scope: BulkScope
  labelId: number
  /** The count shown (and sent as `expectedCount`). */
  count: number
}

interface Props {
  ask: BulkAsk
  labelName: string
  /** The list's filter and search in words ("unlabeled · search “rain”"). */
  filterText: string
  onDone: (outcome: BulkOutcome) => void
  onClose: () => void
}

const conflictCount = (details: unknown): number | null => {
  const matched = (details as Partial<BulkLabelConflict> | undefined)?.matched
  return typeof matched === 'number' ? matched : null
}

/**
 * States what will change (label, count, filter in words) before a bulk action; when the documents
 * changed meanwhile (CONFLICT), it shows the new count to confirm again. Enter confirms, Esc cancels.
 */
export function BulkConfirmDialog({ ask, labelName, filterText, onDone, onClose }: Props) {
  const { annotate, ui } = useStores()
  const single = useAnnotate(selectAnnotateDataset)?.labelMode === 'single'
  const [count, setCount] = useState(ask.count)
  const [problem, setProblem] = useState<string | null>(null)
  const running = useRef(false)
  const [busy, setBusy] = useState(false)

  const confirm = async () => {
    // Not a disabled button while it runs: the focus stays on it, so Enter works again after a
    // conflict; a second press meanwhile is ignored here.
    if (running.current) return
    running.current = true
    setBusy(true)
    try {
      onDone(await annotate.getState().bulkLabel({ ...ask, expectedCount: count }))
    } catch (error) {
      const apiError = toApiError(error)
      const matched = apiError.code === 'CONFLICT' ? conflictCount(apiError.details) : null
      if (matched === null) {
        ui.getState().showError(apiError)
        onClose()
        return
      }
      setCount(matched)
      setProblem(apiError.message)
    } finally {
      running.current = false
      setBusy(false)
    }
  }

  const adding = ask.action === 'add'
  const label = `‘${labelName}’`
  const target =
    ask.scope === 'selection'
      ? `the ${countOf(count, 'selected document')}`
      : `the ${countOf(count, 'document')} in the list (${filterText})`
  return (
    <ConfirmDialog
      title={`${adding ? 'Add' : 'Remove'} ${label} ${adding ? 'to' : 'from'} ${countOf(count, 'document')}?`}
      confirmLabel={`${adding ? 'Add to' : 'Remove from'} ${countOf(count, 'document')}`}
      confirmFirst
      onConfirm={() => void confirm()}
      onCancel={onClose}
    >
      <p>
        {adding ? `Add the label ${label} to ` : `Remove the label ${label} from `}
        {target}.
        {adding && single ? ' Each keeps only this label: the dataset is single-label.' : ''}
      </p>
      <p className="hint">
        One step: Undo (Ctrl+Z, or Undo on the notice that follows) puts every document back as it
        was.
      </p>
      {problem ? (
        <p className="field-error" role="alert">
          {problem}
        </p>
      ) : null}
      {busy ? (
        <p className="hint" role="status">
          Applying…
        </p>
      ) : null}
    </ConfirmDialog>
  )
}
