import { useEffect } from 'react'
import { formatCount } from '../../lib/format'
import { useConnections, useStores } from '../../stores/hooks'
import { selectProfiles, selectSchemas, selectTables } from '../../stores/connections/selectors'
import { Field } from '../../components/Field'
import { type FormErrors, type SourceDraft } from './task-draft'

export function MariaDbPicker(props: {
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
