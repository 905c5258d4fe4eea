import type {
  ColumnInfo,
  ConnectionProfile,
  ConnectionTestResult,
  SchemaInfo,
  ServerCertificate,
  TableInfo,
} from '@api/dto'

/** The outcome of the last Test click for one profile, shown next to it until the next one. */
export type ConnectionTestState =
  | { status: 'testing' }
  | { status: 'ok'; result: ConnectionTestResult }
  | {
      status: 'error'
      code: string
      message: string
      /** The certificate the server presented when it was not trusted, to offer pinning it. */
      certificate?: ServerCertificate
    }

/** A catalog answer being loaded, loaded, or failed (the message says why). */
export type Loadable<T> =
  { status: 'loading' } | { status: 'ready'; value: T } | { status: 'error'; message: string }

export interface ConnectionsState {
  /** Sorted by name, as connections.list returns them. */
  profiles: ConnectionProfile[]
  loaded: boolean
  loading: boolean
  saving: boolean
  tests: Record<string, ConnectionTestState>
  /** Keyed by profile id. */
  schemas: Record<string, Loadable<SchemaInfo[]>>
  /** Keyed by `catalogKey(id, schema)`. */
  tables: Record<string, Loadable<TableInfo[]>>
  /** Keyed by `catalogKey(id, schema, table)`. */
  columns: Record<string, Loadable<ColumnInfo[]>>
}

export const catalogKey = (...parts: string[]) => parts.join('\u0000')

export const getInitialConnectionsState = (): ConnectionsState => ({
  profiles: [],
  loaded: false,
  loading: false,
  saving: false,
  tests: {},
  schemas: {},
  tables: {},
  columns: {},
})
