import type { Sqlite } from '../db/sqlite'

export interface ConnectionRow {
  id: string
  name: string
  host: string
  port: number
  user: string
  password_sealed: string | null
  password_scheme: string | null
  password_env: string | null
  default_schema: string | null
  tls: number
  tls_ca_file: string | null
  tls_fingerprint: string | null
  connect_timeout_ms: number
  query_timeout_ms: number
  created_at: number
  updated_at: number
}

export type ConnectionWrite = Omit<ConnectionRow, 'created_at' | 'updated_at'>

/** SQL for the connections table, nothing else. */
export function createConnectionsRepo(db: Sqlite) {
  const byId = db.prepare<[string], ConnectionRow>('SELECT * FROM connections WHERE id = ?')
  const byName = db.prepare<[string], ConnectionRow>('SELECT * FROM connections WHERE name = ?')
  const all = db.prepare<[], ConnectionRow>(
    'SELECT * FROM connections ORDER BY name COLLATE NOCASE',
  )
  const insert = db.prepare(
    `INSERT INTO connections (id, name, host, port, user, password_sealed, password_scheme, password_env,
       default_schema, tls, tls_ca_file, tls_fingerprint, connect_timeout_ms, query_timeout_ms,
       created_at, updated_at)
     VALUES (@id, @name, @host, @port, @user, @password_sealed, @password_scheme, @password_env,
       @default_schema, @tls, @tls_ca_file, @tls_fingerprint, @connect_timeout_ms, @query_timeout_ms,
       @now, @now)`,
  )
  const update = db.prepare(
    `UPDATE connections SET name = @name, host = @host, port = @port, user = @user,
       password_sealed = @password_sealed, password_scheme = @password_scheme, password_env = @password_env,
       default_schema = @default_schema, tls = @tls, tls_ca_file = @tls_ca_file,
       tls_fingerprint = @tls_fingerprint, connect_timeout_ms = @connect_timeout_ms,
       query_timeout_ms = @query_timeout_ms, updated_at = @now
     WHERE id = @id`,
  )
  const remove = db.prepare('DELETE FROM connections WHERE id = ?')

  return {
    get: (id: string) => byId.get(id),
    getByName: (name: string) => byName.get(name),
    list: () => all.all(),
    insert: (row: ConnectionWrite, now: number) => void insert.run({ ...row, now }),
    update: (row: ConnectionWrite, now: number) => void update.run({ ...row, now }),
    remove: (id: string) => remove.run(id).changes > 0,
  }
}
