import type { ButtonHTMLAttributes, ReactNode } from 'react'
import { Icon } from './Icon'

type Variant = 'primary' | 'danger' | 'danger-solid'

interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: Variant
  small?: boolean
}

/** A `button` that is not a submit unless asked, with the app's button classes. */
export function Button({ variant, small = false, className, type, ...rest }: ButtonProps) {
  const classes = ['button', variant ? `button-${variant}` : null, small ? 'button-small' : null]
  return (
    <button
      {...rest}
      type={type === 'submit' ? 'submit' : 'button'}
      className={[...classes, className].filter(Boolean).join(' ')}
    />
  )
}

/** Buttons side by side, wrapping on narrow screens. */
export function ButtonRow({ children }: { children: ReactNode }) {
  return <div className="button-row">{children}</div>
}

/** The × that closes a panel or dismisses a notice; `label` names what it closes for screen readers. */
export function CloseButton({
  label,
  title,
  onClick,
}: {
  label: string
  title: string
  onClick: () => void
}) {
  return (
    <button
      type="button"
      className="icon-button"
      aria-label={label}
      title={title}
      onClick={onClick}
    >
      <Icon name="close" />
    </button>
  )
}
