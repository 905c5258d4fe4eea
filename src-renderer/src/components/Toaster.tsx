import { useStores, useUi } from '../stores/hooks'
import { selectToasts } from '../stores/ui/selectors'
import { Icon } from './Icon'

/**
 * Errors are announced assertively (role=alert) and stay until dismissed; information is polite
 * (role=status) and leaves on its own.
 */
export function Toaster() {
  const toasts = useUi(selectToasts)
  const { ui } = useStores()
  return (
    <div className="toaster" aria-label="Notifications" role="region">
      {toasts.map((toast) => (
        <div
          key={toast.id}
          className={`toast toast-${toast.kind}`}
          role={toast.kind === 'error' ? 'alert' : 'status'}
          aria-live={toast.kind === 'error' ? 'assertive' : 'polite'}
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
                ui.getState().dismissToast(toast.id)
                toast.action?.run()
              }}
            >
              {toast.action.label}
            </button>
          ) : null}
          <button
            type="button"
            className="icon-button"
            aria-label="Dismiss notification"
            title="Dismiss"
            onClick={() => ui.getState().dismissToast(toast.id)}
          >
            <Icon name="close" />
          </button>
        </div>
      ))}
    </div>
  )
}
