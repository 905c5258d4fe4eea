import { useEffect, useMemo, useRef } from 'react'
import { Field } from '../../components/Field'
import { fillEmptyColumns, suggestColumns } from './column-suggestions'
import { MAPPED_FIELDS, type FormErrors, type SourceDraft } from './task-form'
import { useSourceColumns } from './use-source-columns'

/**
 * Which source column feeds each field. Once the columns are known (a MariaDB table, a CSV
 * header) every field is a select, and empty fields are filled with suggestions by name and type.
 */
export function ColumnMapping(props: {
  draft: SourceDraft
  errors: FormErrors
  prefix: string
  onChange: (draft: SourceDraft) => void
}) {
  const { draft, errors, prefix, onChange } = props
  const columns = useSourceColumns(draft)
  const suggestion = useMemo(() => (columns ? suggestColumns(columns) : {}), [columns])
  // Only newly read columns fill the form: clearing a field by hand must not refill it.
  const filledFor = useRef<unknown>(null)

  useEffect(() => {
    if (!columns || filledFor.current === columns) return
    filledFor.current = columns
    const filled = fillEmptyColumns(draft.columns, suggestion)
    if (MAPPED_FIELDS.some(({ field }) => filled[field] !== draft.columns[field])) {
      onChange({ ...draft, columns: filled })
    }
  }, [columns, suggestion, draft, onChange])

  const setColumn = (field: string, value: string) =>
    onChange({ ...draft, columns: { ...draft.columns, [field]: value } })

  return (
    <fieldset className="pc-mapping">
      <legend>Column mapping</legend>
      <p className="hint">
        {columns
          ? 'Suggested from the column names and types; change any that are wrong. Only the id and one text column are required.'
          : 'Only the id and one text column are required.'}
      </p>
      <div className="pc-form-grid">
        {MAPPED_FIELDS.map(({ field, label, required }) => {
          const value = draft.columns[field]
          const suggested = value !== '' && suggestion[field] === value
          const hint = suggested ? 'Suggested.' : required ? 'Required.' : undefined
          return (
            <Field
              key={field}
              label={label}
              error={errors[`${prefix}.columns.${field}`]}
              {...(hint ? { hint } : {})}
            >
              {(p) =>
                columns || draft.kind === 'mariadb' ? (
                  <select
                    {...p}
                    className="input mono"
                    value={value}
                    disabled={!columns}
                    onChange={(e) => setColumn(field, e.target.value)}
                  >
                    <option value="">{required ? 'Pick a column…' : '— not mapped —'}</option>
                    {value && !columns?.some((c) => c.name === value) ? (
                      <option value={value}>{value}</option>
                    ) : null}
                    {(columns ?? []).map((c) => (
                      <option key={c.name} value={c.name}>
                        {c.type ? `${c.name} (${c.type})` : c.name}
                      </option>
                    ))}
                  </select>
                ) : (
                  <input
                    {...p}
                    className="input mono"
                    value={value}
                    placeholder={required ? 'column name (required)' : 'column name (optional)'}
                    spellCheck={false}
                    onChange={(e) => setColumn(field, e.target.value)}
                  />
                )
              }
            </Field>
          )
        })}
      </div>
    </fieldset>
  )
}
