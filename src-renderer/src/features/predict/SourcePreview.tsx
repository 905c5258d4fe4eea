import type { PreviewResult } from '@api/models'
import { useEffect } from 'react'
import { useConnections, useStores } from '../../stores/hooks'
import { selectColumns } from '../../stores/connections/selectors'
import { Field } from '../../components/Field'
import { MAPPED_FIELDS, type FormErrors, type SourceDraft } from './task-draft'

export type PreviewState =
  | { status: 'loading' }
  | { status: 'ready'; result: PreviewResult }
  | { status: 'error'; message: string }

export function ColumnMapping(props: {
  draft: SourceDraft
  errors: FormErrors
  prefix: string
  onChange: (draft: SourceDraft) => void
}) {
  const { draft, errors, prefix, onChange } = props
  const { connections } = useStores()
  const fromServer = draft.kind === 'mariadb' && draft.connectionId && draft.schema && draft.table
  const columns = useConnections(selectColumns(draft.connectionId, draft.schema, draft.table))

  useEffect(() => {
    if (fromServer)
      void connections.getState().loadColumns(draft.connectionId, draft.schema, draft.table)
  }, [connections, fromServer, draft.connectionId, draft.schema, draft.table])

  const names = columns?.status === 'ready' ? columns.value : []
  return (
    <fieldset className="pc-mapping">
      <legend>Column mapping</legend>
      <p className="hint">Only the id and one text column are required.</p>
      <div className="pc-form-grid">
        {MAPPED_FIELDS.map(({ field, label, required }) => (
          <Field
            key={field}
            label={label}
            error={errors[`${prefix}.columns.${field}`]}
            {...(required ? { hint: 'Required.' } : {})}
          >
            {(p) =>
              draft.kind === 'mariadb' ? (
                <select
                  {...p}
                  className="input mono"
                  value={draft.columns[field]}
                  disabled={!fromServer}
                  onChange={(e) =>
                    onChange({ ...draft, columns: { ...draft.columns, [field]: e.target.value } })
                  }
                >
                  <option value="">{required ? 'Pick a column…' : '— not mapped —'}</option>
                  {names.map((c) => (
                    <option key={c.name} value={c.name}>
                      {c.name} ({c.type})
                    </option>
                  ))}
                </select>
              ) : (
                <input
                  {...p}
                  className="input mono"
                  value={draft.columns[field]}
                  placeholder={required ? 'id' : 'not mapped'}
                  spellCheck={false}
                  onChange={(e) =>
                    onChange({ ...draft, columns: { ...draft.columns, [field]: e.target.value } })
                  }
                />
              )
            }
          </Field>
        ))}
      </div>
    </fieldset>
  )
}

const PREVIEW_FIELDS = ['id', 'author', 'title', 'content', 'sourceId', 'postTime'] as const

export function PreviewView({
  name,
  preview,
}: {
  name: string
  preview: PreviewState | undefined
}) {
  if (!preview) return null
  if (preview.status === 'loading') return <p className="hint">Reading 10 rows…</p>
  if (preview.status === 'error')
    return (
      <p className="pc-inline-error" role="alert">
        Preview failed: {preview.message}
      </p>
    )
  const { rows, estimatedRows, estimateExact } = preview.result
  const shown = PREVIEW_FIELDS.filter((f) => rows.some((r) => r[f] !== undefined))
  return (
    <div className="pc-preview">
      <p role="status">
        {estimateExact ? '' : 'About '}
        <strong>{estimatedRows.toLocaleString()}</strong> rows to read
        {estimatedRows > 0 ? ' with this range and filter' : ''}
        {estimateExact ? '.' : " (the server's estimate: counting them took over 2 s)."}
      </p>
      {rows.length === 0 ? (
        <p className="hint">No rows match.</p>
      ) : (
        <div className="pc-table-scroll">
          <table className="pc-data-table" aria-label={`Preview of ${name}`}>
            <thead>
              <tr>
                {shown.map((f) => (
                  <th key={f} scope="col">
                    {f}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  {shown.map((f) => (
                    <td key={f} className={f === 'content' || f === 'title' ? 'cell-text' : 'mono'}>
                      {r[f] ?? '—'}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  )
}
