import type { Choice } from './Select'

interface RadioGroupProps<T extends string> {
  /** Names the group for screen readers and shows above it. */
  legend: string
  /** The radio inputs' shared name: unique on the page. */
  name: string
  value: T
  choices: readonly Choice<T>[]
  onChange: (value: T) => void
  className?: string
  /** `list`: the options stacked in a form's fieldset rather than side by side. */
  look?: 'segmented' | 'list'
  disabled?: boolean
}

/** One of a few options side by side (a segmented control on radio inputs). */
export function RadioGroup<T extends string>(props: RadioGroupProps<T>) {
  const { legend, name, value, choices, onChange, className, look = 'segmented', disabled } = props
  const base = look === 'list' ? 'md-fieldset' : 'segmented'
  return (
    <fieldset className={className ? `${base} ${className}` : base} disabled={disabled}>
      <legend>{legend}</legend>
      {choices.map((c) => (
        <label key={c.value} className="segmented-option">
          <input
            type="radio"
            name={name}
            value={c.value}
            checked={value === c.value}
            onChange={() => onChange(c.value)}
          />
          {c.label}
        </label>
      ))}
    </fieldset>
  )
}
