import { useEffect } from 'react'
import type { PreviewResult } from '@api/models'
import { formatCount } from '../../lib/format'
import { useConnections, useStores } from '../../stores/hooks'
import { selectProfiles, selectSchemas, selectTables } from '../../stores/connections/selectors'
import { Field, PathField } from '../../components/Field'
import { ColumnMapping } from './ColumnMapping'
import { DemoSourceButton } from './DemoSourceButton'
import type { FormErrors, SourceDraft, SourceKind } from './task-form'
import { Button } from '../../components/Button'

export type PreviewState =
  | { status: 'loading' }
  | { status: 'ready'; result: PreviewResult }
  | { status: 'error'; message: string }

interface SourceEditorProps {
  index: number
  draft: SourceDraft
  errors: FormErrors
  preview: PreviewState | undefined
  onChange: (draft: SourceDraft) => void
  onRemove: (() => void) | null
  onPreview: () => void
}

const KINDS: { value: SourceKind; label: string }[] = [
  { value: 'file', label: 'CSV or JSONL file' },
  { value: 'sqlite', label: 'SQLite file' },
  { value: 'mariadb', label: 'MariaDB table' },
]

export function SourceEditor(props: SourceEditorProps) {
  const { index, draft, errors, preview, onChange, onRemove, onPreview } = props
  const prefix = `sources.${index}`
  const err = (path: string) => errors[`${prefix}.${path}`]
  const set = (patch: Partial<SourceDraft>) => onChange({ ...draft, ...patch })
  const name = `Source ${index + 1}`

  return (
    <fieldset className="pc-subpanel">
      <legend>{name}</legend>
      <fieldset className="segmented">
        <legend>Kind</legend>
        {KINDS.map((k) => (
          <label key={k.value} className="segmented-option">
            <input
              type="radio"
              name={`source-kind-${draft.key}`}
              value={k.value}
              checked={draft.kind === k.value}
              onChange={() => set({ kind: k.value, table: '', schema: '' })}
            />
            {k.label}
          </label>
        ))}
      </fieldset>
      <div className="pc-form-grid">
        {draft.kind === 'mariadb' ? (
          <MariaDbPicker draft={draft} errors={errors} prefix={prefix} onChange={onChange} />
        ) : (
          <>
            <PathField
              label="File path"
              browse={draft.kind === 'sqlite' ? 'sqlite-file' : 'predict-source'}
              error={err('path')}
              hint="An absolute path on the machine running the app."
              value={draft.path}
              onChange={(path) => set({ path })}
            />
            {draft.kind === 'file' ? (
              <Field label="Format">
                {(p) => (
                  <select
                    {...p}
                    className="input"
                    value={draft.format}
                    onChange={(e) => set({ format: e.target.value === 'jsonl' ? 'jsonl' : 'csv' })}
                  >
                    <option value="csv">CSV (header row)</option>
                    <option value="jsonl">JSON lines</option>
                  </select>
                )}
              </Field>
            ) : (
              <Field label="Table" error={err('table')}>
                {(p) => (
                  <input
                    {...p}
                    className="input mono"
                    value={draft.table}
                    onChange={(e) => set({ table: e.target.value })}
                    spellCheck={false}
                  />
                )}
              </Field>
            )}
          </>
        )}
      </div>
      {draft.kind === 'file' ? <DemoSourceButton draft={draft} onChange={onChange} /> : null}
      <ColumnMapping draft={draft} errors={errors} prefix={prefix} onChange={onChange} />
      <div className="pc-form-grid">
        <Field
          label="From (inclusive)"
          error={err('from')}
          hint="YYYY-MM-DD or YYYY-MM-DD HH:MM:SS"
        >
          {(p) => (
            <input
              {...p}
              className="input mono"
              value={draft.from}
              onChange={(e) => set({ from: e.target.value })}
              placeholder="YYYY-MM-DD"
            />
          )}
        </Field>
        <Field label="To (exclusive)" error={err('to')} hint="Must be later than From.">
          {(p) => (
            <input
              {...p}
              className="input mono"
              value={draft.to}
              onChange={(e) => set({ to: e.target.value })}
              placeholder="YYYY-MM-DD"
            />
          )}
        </Field>
        <Field
          label="Only source ids"
          className="pc-field-wide"
          hint="Optional: ids separated by commas or spaces."
        >
          {(p) => (
            <input
              {...p}
              className="input mono"
              value={draft.sourceIds}
              onChange={(e) => set({ sourceIds: e.target.value })}
              spellCheck={false}
            />
          )}
        </Field>
      </div>
      <div className="button-row">
        <Button
          aria-label={`Preview ${name}`}
          onClick={onPreview}
          disabled={preview?.status === 'loading'}
        >
          {preview?.status === 'loading' ? 'Previewing…' : 'Preview 10 rows'}
        </Button>
        {onRemove ? (
          <Button variant="danger" aria-label={`Remove ${name}`} onClick={onRemove}>
            Remove source
          </Button>
        ) : null}
      </div>
      <PreviewView name={name} preview={preview} />
    </fieldset>
  )
}

function MariaDbPicker(props: {
  draft: SourceDraft
  errors: FormErrors
  prefix: string
  onChange: (draft: SourceDraft) => void
}) {
  const { draft, errors, prefix, onChange } = props
  const err = (path: string) => errors[`${prefix}.${path}`]
  return (
    <ConnectionSchemaTable
      connectionId={draft.connectionId}
      schema={draft.schema}
      table={draft.table}
      errors={{
        connectionId: err('connectionId'),
        schema: err('schema'),
        table: err('table'),
      }}
      onChange={(patch) => onChange({ ...draft, ...patch })}
    />
  )
}

/** Connection → schema → (table) selects, loaded from the connections slice. Shared with the sink. */
export function ConnectionSchemaTable(props: {
  connectionId: string
  schema: string
  /** Undefined hides the table select (the sink names its table itself). */
  table?: string
  errors: {
    connectionId?: string | undefined
    schema?: string | undefined
    table?: string | undefined
  }
  onChange: (patch: { connectionId?: string; schema?: string; table?: string }) => void
}) {
  const { connectionId, schema, table, errors, onChange } = props
  const { connections } = useStores()
  const profiles = useConnections(selectProfiles)
  const schemas = useConnections(selectSchemas(connectionId))
  const tables = useConnections(selectTables(connectionId, schema))

  useEffect(() => {
    if (connectionId) void connections.getState().loadSchemas(connectionId)
  }, [connections, connectionId])
  useEffect(() => {
    if (connectionId && schema && table !== undefined)
      void connections.getState().loadTables(connectionId, schema)
  }, [connections, connectionId, schema, table])

  const schemaList = schemas?.status === 'ready' ? schemas.value : []
  const tableList = tables?.status === 'ready' ? tables.value : []
  const loadError =
    schemas?.status === 'error'
      ? schemas.message
      : tables?.status === 'error'
        ? tables.message
        : undefined

  return (
    <>
      <Field
        label="Connection"
        error={errors.connectionId}
        {...(profiles.length === 0 ? { hint: 'Add one under Connections first.' } : {})}
      >
        {(p) => (
          <select
            {...p}
            className="input"
            value={connectionId}
            onChange={(e) =>
              onChange({
                connectionId: e.target.value,
                schema: '',
                ...(table !== undefined ? { table: '' } : {}),
              })
            }
          >
            <option value="">Pick a connection…</option>
            {profiles.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Schema" error={errors.schema ?? loadError}>
        {(p) => (
          <select
            {...p}
            className="input"
            value={schema}
            disabled={!connectionId}
            onChange={(e) =>
              onChange({ schema: e.target.value, ...(table !== undefined ? { table: '' } : {}) })
            }
          >
            <option value="">
              {schemas?.status === 'loading' ? 'Loading…' : 'Pick a schema…'}
            </option>
            {schemaList.map((s) => (
              <option key={s.name} value={s.name}>
                {s.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      {table !== undefined ? (
        <Field label="Table" error={errors.table}>
          {(p) => (
            <select
              {...p}
              className="input"
              value={table}
              disabled={!schema}
              onChange={(e) => onChange({ table: e.target.value })}
            >
              <option value="">
                {tables?.status === 'loading' ? 'Loading…' : 'Pick a table…'}
              </option>
              {tableList.map((t) => (
                <option key={t.name} value={t.name}>
                  {t.name} (~{formatCount(t.estimatedRows)} rows)
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : null}
    </>
  )
}

const PREVIEW_FIELDS = ['id', 'author', 'title', 'content', 'sourceId', 'postTime'] as const

function PreviewView({ name, preview }: { name: string; preview: PreviewState | undefined }) {
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
