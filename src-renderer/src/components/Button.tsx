import type { ButtonHTMLAttributes, ReactNode } from 'react'

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
