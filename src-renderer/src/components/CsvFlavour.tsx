import type { CsvFlavour } from '@api/contract/common'

export const CSV_FLAVOUR_HINT =
  'Excel: opens correctly in Excel — adds a byte-order mark and makes cells starting with = + - @ safe; Raw: exact text, for other programs.'

const OPTIONS: { value: CsvFlavour; label: string }[] = [
  { value: 'excel', label: 'Excel' },
  { value: 'raw', label: 'Raw' },
]

interface SelectProps {
  value: CsvFlavour
  onChange: (flavour: CsvFlavour) => void
  id?: string
  'aria-describedby'?: string
  'aria-invalid'?: boolean
}

/** The two CSV flavours as a select; the caller labels it and shows CSV_FLAVOUR_HINT. */
export function CsvFlavourSelect({ value, onChange, ...control }: SelectProps) {
  return (
    <select
      {...control}
      className="input"
      value={value}
      onChange={(e) => onChange(e.target.value === 'raw' ? 'raw' : 'excel')}
    >
      {OPTIONS.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  )
}

/** "CSV for: Excel | Raw" in a row of controls; `hintId` names the CsvFlavourHint shown nearby. */
export function CsvFlavourInline(
  props: Pick<SelectProps, 'value' | 'onChange'> & { hintId: string },
) {
  const { hintId, ...select } = props
  return (
    <label className="inline-field">
      <span>CSV for</span>
      <CsvFlavourSelect {...select} aria-describedby={hintId} />
    </label>
  )
}

/** The one-line explanation of the two flavours. */
export function CsvFlavourHint({ id }: { id: string }) {
  return (
    <p className="hint" id={id}>
      {CSV_FLAVOUR_HINT}
    </p>
  )
}
