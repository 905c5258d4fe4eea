import { useEffect, useId, useState, type ReactNode } from 'react'
import type { ConnectionProfile } from '@api/dto'
import { formatCount } from '../../lib/format'
import { useConnections, useStores } from '../../stores/hooks'
import { selectColumns, selectSchemas, selectTables } from '../../stores/connections/selectors'
import type { Loadable } from '../../stores/connections/state'
import { TableHead } from '../../components/TableHead'
import { Button } from '../../components/Button'

/** Schemas → tables → columns of one profile, each level loaded when it is opened. */
export function CatalogBrowser({ profile }: { profile: ConnectionProfile }) {
  const headingId = useId()
  const { connections } = useStores()
  const schemas = useConnections(selectSchemas(profile.id))

  useEffect(() => {
    void connections.getState().loadSchemas(profile.id)
  }, [connections, profile.id])

  return (
    <section className="panel" aria-labelledby={headingId}>
      <div className="panel-header">
        <h2 id={headingId}>Browse {profile.name}</h2>
        <Button
          className="button-quiet"
          onClick={() => void connections.getState().loadSchemas(profile.id, true)}
        >
          Reload schemas
        </Button>
      </div>
      <LoadableView what="schemas" state={schemas}>
        {(list) =>
          list.length === 0 ? (
            <p className="hint">This user sees no schemas besides the system ones.</p>
          ) : (
            <ul className="pc-tree" aria-label={`Schemas of ${profile.name}`}>
              {list.map((s) => (
                <SchemaNode key={s.name} id={profile.id} schema={s.name} tables={s.tables} />
              ))}
            </ul>
          )
        }
      </LoadableView>
    </section>
  )
}

function SchemaNode({ id, schema, tables }: { id: string; schema: string; tables: number }) {
  const [open, setOpen] = useState(false)
  const { connections } = useStores()
  const state = useConnections(selectTables(id, schema))
  const toggle = () => {
    if (!open) void connections.getState().loadTables(id, schema)
    setOpen(!open)
  }
  return (
    <li>
      <button type="button" className="pc-tree-toggle" aria-expanded={open} onClick={toggle}>
        <span className="mono">{schema}</span>{' '}
        <span className="hint">{tables === 1 ? '1 table' : `${tables} tables`}</span>
      </button>
      {open ? (
        <LoadableView what="tables" state={state}>
          {(list) =>
            list.length === 0 ? (
              <p className="hint pc-tree-empty">No tables.</p>
            ) : (
              <ul className="pc-tree" aria-label={`Tables of ${schema}`}>
                {list.map((t) => (
                  <TableNode
                    key={t.name}
                    id={id}
                    schema={schema}
                    table={t.name}
                    meta={`~${formatCount(t.estimatedRows)} rows${t.engine ? ` · ${t.engine}` : ''}${
                      t.primaryKey.length
                        ? ` · key ${t.primaryKey.join(', ')}`
                        : ' · no primary key'
                    }`}
                  />
                ))}
              </ul>
            )
          }
        </LoadableView>
      ) : null}
    </li>
  )
}

function TableNode(props: { id: string; schema: string; table: string; meta: string }) {
  const { id, schema, table, meta } = props
  const [open, setOpen] = useState(false)
  const { connections } = useStores()
  const state = useConnections(selectColumns(id, schema, table))
  const toggle = () => {
    if (!open) void connections.getState().loadColumns(id, schema, table)
    setOpen(!open)
  }
  return (
    <li>
      <button type="button" className="pc-tree-toggle" aria-expanded={open} onClick={toggle}>
        <span className="mono">{table}</span> <span className="hint">{meta}</span>
      </button>
      {open ? (
        <LoadableView what="columns" state={state}>
          {(columns) => (
            <table className="pc-data-table" aria-label={`Columns of ${schema}.${table}`}>
              <TableHead columns={['Column', 'Type', 'Nullable', 'Indexes']} />
              <tbody>
                {columns.map((c) => (
                  <tr key={c.name}>
                    <th scope="row" className="mono">
                      {c.name}
                    </th>
                    <td className="mono">{c.type}</td>
                    <td>{c.nullable ? 'yes' : 'no'}</td>
                    <td>{c.indexes.join(', ') || '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </LoadableView>
      ) : null}
    </li>
  )
}

function LoadableView<T>({
  what,
  state,
  children,
}: {
  what: string
  state: Loadable<T> | undefined
  children: (value: T) => ReactNode
}) {
  if (!state || state.status === 'loading') return <p className="hint">Loading {what}…</p>
  if (state.status === 'error')
    return (
      <p className="pc-inline-error" role="alert">
        Could not load {what}: {state.message}
      </p>
    )
  return <>{children(state.value)}</>
}
