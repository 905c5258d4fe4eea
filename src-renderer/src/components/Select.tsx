import type { ReactNode, SelectHTMLAttributes } from 'react'

export interface Choice<T extends string> {
  value: T
  label: string
  /** A tooltip on the option (a full id behind a short label). */
  title?: string
}

type NativeProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'onChange' | 'children'>

interface ChoiceProps<T extends string> extends NativeProps {
  value: string
  choices: readonly Choice<T>[]
}

/** Without a placeholder every pick is one of the choices; with one, the empty value is too. */
type SelectProps<T extends string> = ChoiceProps<T> &
  (
    | { placeholder?: undefined; onChange: (value: T) => void }
    | { placeholder: string; onChange: (value: T | '') => void }
  )

/** A select over typed choices: the caller gets back one of its own values, never a cast string. */
export function Select<T extends string>(props: SelectProps<T>) {
  const { choices, placeholder, onChange, className, ...native } = props
  const pick = (picked: string) => {
    const choice = choices.find((c) => c.value === picked)
    if (choice) onChange(choice.value)
    else if (props.placeholder !== undefined) props.onChange('')
  }
  return (
    <select
      {...native}
      className={className ? `input ${className}` : 'input'}
      onChange={(e) => pick(e.target.value)}
    >
      {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
      {choices.map((c) => (
        <option key={c.value} value={c.value} title={c.title}>
          {c.label}
        </option>
      ))}
    </select>
  )
}

/** Choices from a list of values and, optionally, their display names. */
export const choicesOf = <T extends string>(
  values: readonly T[],
  names?: Readonly<Record<T, string>>,
): Choice<T>[] => values.map((value) => ({ value, label: names ? names[value] : value }))

interface LabeledProps {
  label: ReactNode
  /** Label and control side by side in a row of filters, rather than stacked in a form grid. */
  inline?: boolean
  className?: string
  children: ReactNode
}

/** A control with its visible label wrapped around it, so the label names it. */
export function Labeled({ label, inline = false, className, children }: LabeledProps) {
  const base = inline ? 'inline-field' : 'field'
  return (
    <label className={className ? `${base} ${className}` : base}>
      <span>{label}</span>
      {children}
    </label>
  )
}

type LabeledSelectProps<T extends string> = SelectProps<T> & {
  label: ReactNode
  inline?: boolean
}

/** A Select with its visible label wrapped around it: the common case of Labeled. */
export function LabeledSelect<T extends string>({
  label,
  inline = false,
  ...select
}: LabeledSelectProps<T>) {
  return (
    <Labeled label={label} inline={inline}>
      <Select {...select} />
    </Labeled>
  )
}
