import type { ImportColumnRole, ImportPreview } from '@api/dto'
import { IMPORT_COLUMN_ROLES } from '@api/contract/datasets'
import type { ReadChoice } from './import-choices'

const ROLE_NAMES: Record<ImportColumnRole, string> = {
  text: 'Text column',
  label: 'Label column',
  sourceId: 'Id column',
  author: 'Author column',
  title: 'Title column',
  postTime: 'Time column',
}

/**
 * One picker per document field, always shown for tables: pre-filled with what the core
 * recognised (English or Chinese names), editable when nothing was. Columns nobody picks are
 * kept in the document's metadata.
 */
export function ImportColumnPickers({
  preview,
  choice,
  onChange,
}: {
  preview: ImportPreview
  choice: ReadChoice
  onChange: (columns: ReadChoice['columns']) => void
}) {
  const pick = (role: ImportColumnRole, value: string) =>
    onChange({ ...choice.columns, [role]: value === 'none' ? null : Number(value) })
  return (
    <div className="inline-form" role="group" aria-label="Columns">
      {IMPORT_COLUMN_ROLES.map((role) => {
        const current = preview.roles[role]
        return (
          <label key={role} className="inline-field">
            <span>{ROLE_NAMES[role]}</span>
            <select
              className="input"
              value={current === null ? (role === 'text' ? '' : 'none') : String(current)}
              onChange={(e) => pick(role, e.target.value)}
            >
              {role === 'text' ? (
                <option value="" disabled>
                  Choose…
                </option>
              ) : (
                <option value="none">(none)</option>
              )}
              {preview.columns.map((name, i) => (
                <option key={`${i}-${name}`} value={String(i + 1)}>
                  {name}
                </option>
              ))}
            </select>
          </label>
        )
      })}
      {preview.roles.text === null ? (
        <p className="field-error" role="alert">
          No column was recognised as the text. Choose the text column.
        </p>
      ) : null}
    </div>
  )
}
