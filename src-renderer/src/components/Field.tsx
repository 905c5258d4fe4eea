import { useId, type InputHTMLAttributes, type ReactElement, type ReactNode } from 'react'
import type { FilePurpose } from '@api/desktop'
import { BrowseButton } from './FilePicker'

interface FieldProps {
  label: string
  /** Shown under the control and announced with it. */
  hint?: ReactNode
  error?: string | undefined
  className?: string
  /** Receives the ids to put on the control so its label, hint and error belong to it. */
  children: (control: {
    id: string
    'aria-describedby'?: string
    'aria-invalid'?: boolean
  }) => ReactElement
}

/** One labelled form control with an optional hint and error (shared by Connections and Predict). */
export function Field({ label, hint, error, className, children }: FieldProps) {
  const id = useId()
  const hintId = `${id}-hint`
  const errorId = `${id}-error`
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ')
  return (
    <div className={`pc-field${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children({
        id,
        ...(describedBy ? { 'aria-describedby': describedBy } : {}),
        ...(error ? { 'aria-invalid': true } : {}),
      })}
      {hint ? (
        <span className="pc-field-hint" id={hintId}>
          {hint}
        </span>
      ) : null}
      {error ? (
        <span className="pc-field-error" id={errorId}>
          {error}
        </span>
      ) : null}
    </div>
  )
}

interface PathFieldProps extends Omit<FieldProps, 'children' | 'className'> {
  value: string
  onChange: (path: string) => void
  /** In the desktop app, a Browse… button opens the native dialog for this purpose. */
  browse?: FilePurpose
  placeholder?: string
}

/** A wide field for a file path on the machine running the app. */
export function PathField({ value, onChange, browse, placeholder, ...field }: PathFieldProps) {
  return (
    <Field {...field} className="pc-field-wide">
      {(p) => (
        <span className="path-field-row">
          <input
            {...p}
            className="input mono"
            value={value}
            onChange={(e) => onChange(e.target.value)}
            placeholder={placeholder}
            spellCheck={false}
          />
          {browse ? <BrowseButton purpose={browse} onPath={onChange} /> : null}
        </span>
      )}
    </Field>
  )
}

type InputProps = Omit<
  InputHTMLAttributes<HTMLInputElement>,
  'id' | 'value' | 'onChange' | 'className' | 'children'
>

interface TextFieldProps extends Omit<FieldProps, 'children'>, InputProps {
  value: string
  onChange: (value: string) => void
  /** Monospaced, for paths, names and code-like values. */
  mono?: boolean
}

/** A labelled text input: the common case of Field. */
export function TextField(props: TextFieldProps) {
  const { label, hint, error, className, value, onChange, mono = false, ...input } = props
  const field = { label, hint, error, ...(className ? { className } : {}) }
  return (
    <Field {...field}>
      {(p) => (
        <input
          {...input}
          {...p}
          className={mono ? 'input mono' : 'input'}
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </Field>
  )
}
