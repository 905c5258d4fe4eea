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
}

/** One of a few options side by side (a segmented control on radio inputs). */
export function RadioGroup<T extends string>(props: RadioGroupProps<T>) {
  const { legend, name, value, choices, onChange, className } = props
  return (
    <fieldset className={className ? `segmented ${className}` : 'segmented'}>
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
