import { type FocusEvent, useEffect, useState } from 'react'
import { useStores, useUi } from '../stores/hooks'
import { selectToasts } from '../stores/ui/selectors'
import type { Toast } from '../stores/ui/state'
import { CloseButton } from './Button'

/**
 * Errors are announced assertively (role=alert) and stay until dismissed; information is polite
 * (role=status) and leaves on its own.
 */
export function Toaster() {
  const toasts = useUi(selectToasts)
  return (
    <div className="toaster" aria-label="Notifications" role="region">
      {toasts.map((toast) => (
        <ToastItem key={toast.id} toast={toast} />
      ))}
    </div>
  )
}

function ToastItem({ toast }: { toast: Toast }) {
  const { ui } = useStores()
  const dismiss = () => ui.getState().dismissToast(toast.id)
  const held = useHeld()
  useEffect(() => {
    if (toast.closesAfterMs === undefined || held.isHeld) return
    const timer = setTimeout(() => ui.getState().dismissToast(toast.id), toast.closesAfterMs)
    return () => clearTimeout(timer)
  }, [toast.id, toast.closesAfterMs, held.isHeld, ui])
  return (
    <div
      className={`toast toast-${toast.kind}`}
      role={toast.kind === 'error' ? 'alert' : 'status'}
      aria-live={toast.kind === 'error' ? 'assertive' : 'polite'}
      {...held.handlers}
    >
      <div className="toast-body">
        <p className="toast-title">
          {toast.title}
          {toast.code ? <span className="toast-code">{toast.code}</span> : null}
        </p>
        {toast.message ? <p className="toast-message">{toast.message}</p> : null}
      </div>
      {toast.action ? (
        <button
          type="button"
          className="button button-small"
          onClick={() => {
            dismiss()
            toast.action?.run()
          }}
        >
          {toast.action.label}
        </button>
      ) : null}
      <CloseButton label="Dismiss notification" title="Dismiss" onClick={dismiss} />
    </div>
  )
}

/** Whether the pointer is over the element or the focus inside it. */
function useHeld() {
  const [pointer, setPointer] = useState(false)
  const [focus, setFocus] = useState(false)
  return {
    isHeld: pointer || focus,
    handlers: {
      onPointerEnter: () => setPointer(true),
      onPointerLeave: () => setPointer(false),
      onFocus: () => setFocus(true),
      onBlur: (event: FocusEvent<HTMLDivElement>) => {
        if (!event.currentTarget.contains(event.relatedTarget)) setFocus(false)
      },
    },
  }
}
