import { Button } from './Button'

/** A notice of the last change with its Undo, shown until the next change replaces it. */
export function UndoBar({
  message,
  action = 'Undo',
  disabled,
  onUndo,
}: {
  message: string
  action?: string
  disabled: boolean
  onUndo: () => void
}) {
  return (
    <div className="undo-bar" role="status">
      <span>{message}</span>
      <Button small disabled={disabled} onClick={onUndo}>
        {action}
      </Button>
    </div>
  )
}
