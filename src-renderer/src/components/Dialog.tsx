import { useEffect, useId, useLayoutEffect, useRef, type ReactNode } from 'react'
import { Button } from './Button'

interface DialogProps {
  title: string
  onClose: () => void
  children: ReactNode
  /** Buttons at the bottom. */
  footer?: ReactNode
  wide?: boolean
}

/**
 * A modal on the native <dialog>: it traps focus, closes on Escape, and returns focus to where it
 * was. Mounted = open.
 */
export function Dialog({ title, onClose, children, footer, wide = false }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null)
  const titleId = useId()
  const close = useRef(onClose)
  useLayoutEffect(() => {
    close.current = onClose
  })

  useEffect(() => {
    const dialog = ref.current
    if (!dialog) return
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null
    if (!dialog.open) dialog.showModal()
    // React's autoFocus runs before the dialog opens (it cannot take focus then) and sets no
    // attribute showModal could find, so the control marked data-autofocus is focused here.
    dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus()
    const onCancel = (event: Event) => {
      event.preventDefault()
      close.current()
    }
    dialog.addEventListener('cancel', onCancel)
    return () => {
      dialog.removeEventListener('cancel', onCancel)
      if (dialog.open) dialog.close()
      if (opener?.isConnected) opener.focus()
    }
  }, [])

  return (
    <dialog ref={ref} className={`dialog${wide ? ' dialog-wide' : ''}`} aria-labelledby={titleId}>
      <div className="dialog-head">
        <h2 id={titleId}>{title}</h2>
        <button
          type="button"
          className="icon-button"
          aria-label="Close dialog"
          onClick={() => close.current()}
        >
          <svg className="icon" width="16" height="16" viewBox="0 0 16 16" aria-hidden="true">
            <path d="M4 4l8 8M12 4l-8 8" />
          </svg>
        </button>
      </div>
      <div className="dialog-body">{children}</div>
      {footer ? <div className="dialog-foot">{footer}</div> : null}
    </dialog>
  )
}

interface ConfirmDialogProps {
  title: string
  children: ReactNode
  confirmLabel: string
  danger?: boolean
  busy?: boolean
  /** The confirm button takes the focus, so Enter confirms (for undoable actions); else Cancel. */
  confirmFirst?: boolean
  onConfirm: () => void
  onCancel: () => void
}

export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  danger = false,
  busy = false,
  confirmFirst = false,
  onConfirm,
  onCancel,
}: ConfirmDialogProps) {
  return (
    <Dialog
      title={title}
      onClose={onCancel}
      footer={
        <>
          <Button onClick={onCancel} data-autofocus={confirmFirst ? undefined : true}>
            Cancel
          </Button>
          <button
            type="button"
            className={`button ${danger ? 'button-danger-solid' : 'button-primary'}`}
            disabled={busy}
            data-autofocus={confirmFirst ? true : undefined}
            onClick={onConfirm}
          >
            {confirmLabel}
          </button>
        </>
      }
    >
      {children}
    </Dialog>
  )
}

interface ConfirmDeleteProps {
  /** The name of what goes, quoted in the title. */
  name: string
  /** What kind of thing it is, for the button: "Delete dataset". */
  noun: string
  busy: boolean
  children: ReactNode
  onConfirm: () => void
  onCancel: () => void
}

/** Asks before deleting one named thing; the children say what happens to what depends on it. */
export function ConfirmDelete({ name, noun, ...rest }: ConfirmDeleteProps) {
  return (
    <ConfirmDialog title={`Delete "${name}"?`} confirmLabel={`Delete ${noun}`} danger {...rest} />
  )
}
