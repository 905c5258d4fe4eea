import { useState, type ReactNode } from 'react'
import { Dialog } from '../../components/Dialog'

interface UnsavedDialogProps {
  /** What holds the edits: "the rule set “Parents”". */
  what: string
  busy?: boolean
  onSave: () => void
  onDiscard: () => void
  onCancel: () => void
}

/** Save / Discard / Cancel before unsaved edits would be dropped. Escape cancels. */
export function UnsavedDialog({
  what,
  busy = false,
  onSave,
  onDiscard,
  onCancel,
}: UnsavedDialogProps) {
  return (
    <Dialog
      title="Unsaved changes"
      onClose={onCancel}
      footer={
        <>
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="button" className="button button-danger" onClick={onDiscard}>
            Discard
          </button>
          <button type="button" className="button button-primary" disabled={busy} onClick={onSave}>
            Save
          </button>
        </>
      }
    >
      <p>{what[0]?.toUpperCase() + what.slice(1)} has changes that are not saved.</p>
    </Dialog>
  )
}

/**
 * Runs an action that would drop unsaved edits only after Save / Discard / Cancel. `guard(action)`
 * runs it at once when nothing is unsaved; `dialog` is rendered by the caller.
 */
export function useUnsavedGuard(options: {
  what: string
  isDirty: () => boolean
  save: () => Promise<boolean>
  discard: () => Promise<void> | void
}): { guard: (action: () => void) => void; dialog: ReactNode } {
  const [pending, setPending] = useState<(() => void) | null>(null)
  const [busy, setBusy] = useState(false)
  const guard = (action: () => void) => {
    if (options.isDirty()) setPending(() => action)
    else action()
  }
  const finish = (action: () => void) => {
    setPending(null)
    action()
  }
  const dialog = pending ? (
    <UnsavedDialog
      what={options.what}
      busy={busy}
      onCancel={() => setPending(null)}
      onDiscard={() => void Promise.resolve(options.discard()).then(() => finish(pending))}
      onSave={() => {
        setBusy(true)
        void options.save().then((saved) => {
          setBusy(false)
          if (saved) finish(pending)
        })
      }}
    />
  ) : null
  return { guard, dialog }
}
