import { useState, type ReactNode } from 'react'
import { Button } from './Button'
import { ConfirmDelete } from './Dialog'

interface DeleteButtonProps {
  /** The name of what goes, quoted in the question. */
  name: string
  /** What kind of thing it is: "Delete rule set". */
  noun: string
  /** The button's text when it is not "Delete <noun>". */
  label?: string
  /** The button's accessible name where its text alone is ambiguous (one per table row). */
  ariaLabel?: string
  small?: boolean
  /** The owner is busy: the question's Delete waits (it also waits for its own `onDelete`). */
  busy?: boolean
  disabled?: boolean
  /**
   * Deletes. A promise keeps the question open (busy) until it settles; without one the question
   * closes at once.
   */
  onDelete: () => Promise<unknown> | void
  /** What happens to what depends on it. */
  children: ReactNode
}

/** A danger button that asks before deleting one named thing (the button and its question). */
export function DeleteButton(props: DeleteButtonProps) {
  const { label, ariaLabel, small, disabled, onDelete, busy = false, ...confirm } = props
  const [asking, setAsking] = useState(false)
  const [deleting, setDeleting] = useState(false)
  const close = () => {
    setDeleting(false)
    setAsking(false)
  }
  const confirmed = () => {
    const done = onDelete()
    if (!done) return close()
    setDeleting(true)
    void done.then(close, close)
  }
  return (
    <>
      <Button
        variant="danger"
        small={small}
        aria-label={ariaLabel}
        disabled={disabled}
        onClick={() => setAsking(true)}
      >
        {label ?? `Delete ${confirm.noun}`}
      </Button>
      {asking ? (
        <ConfirmDelete
          {...confirm}
          busy={busy || deleting}
          onCancel={close}
          onConfirm={confirmed}
        />
      ) : null}
    </>
  )
}
