import { isAbsolute } from 'node:path'
import { performance } from 'node:perf_hooks'
import type { z } from 'zod'
import type {
  ConnectionProfile,
  ConnectionTestResult,
  connectionSchemas,
} from '../../api/contract/connections'
import type { ConnectionRef } from '../../api/contract/predicting'
import { ApiError } from '../../api/errors'
import {
  openMariaDb,
  parseMariaDbUrl,
  type MariaDbConnection,
  type MariaDbTarget,
  type MariaDbTls,
} from '../db/mariadb'
import { readCaFile } from '../db/mariadb-tls'
import type { Sqlite } from '../db/sqlite'
import type { SecretStore } from '../secrets/secret-store'
import { newTaskId } from '../tasks/task-registry'
import { listColumns, listSchemas, listTables } from './catalog'
import { createConnectionsRepo, type ConnectionRow, type ConnectionWrite } from './connections.repo'

export type SaveConnection = z.output<(typeof connectionSchemas)['connections.save']>

export interface ConnectionServiceOptions {
  db: Sqlite
  secrets: SecretStore
  env?: NodeJS.ProcessEnv
  now?: () => number
}

function toProfile(row: ConnectionRow): ConnectionProfile {
  return {
    id: row.id,
    name: row.name,
    host: row.host,
    port: row.port,
    user: row.user,
    passwordSource: row.password_env ? 'env' : row.password_sealed ? 'stored' : 'none',
    passwordEnv: row.password_env,
    defaultSchema: row.default_schema,
    tls: row.tls === 1,
    tlsMode: row.tls !== 1 ? 'off' : row.tls_fingerprint ? 'pinned' : 'verify',
    tlsCaFile: row.tls_ca_file,
    tlsFingerprint: row.tls_fingerprint,
    connectTimeoutMs: row.connect_timeout_ms,
    queryTimeoutMs: row.query_timeout_ms,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }
}

function tlsOfRow(row: ConnectionRow): MariaDbTls | undefined {
  if (row.tls !== 1) return undefined
  if (row.tls_fingerprint) return { mode: 'pinned', fingerprint256: row.tls_fingerprint }
  return { mode: 'verify', ...(row.tls_ca_file ? { caFile: row.tls_ca_file } : {}) }
}

/** A CA file is checked when saved, so a typo shows at once rather than at the first connect. */
function checkCaFile(path: string): void {
  if (!isAbsolute(path)) {
    throw new ApiError(
      'VALIDATION',
      `The CA file "${path}" is not an absolute path. Give the full path of the PEM file.`,
    )
  }
  try {
    readCaFile(path)
  } catch (error) {
    throw error instanceof ApiError ? new ApiError('VALIDATION', error.message) : error
  }
}

const notFound = (id: string) =>
  new ApiError(
    'NOT_FOUND',
    `Connection ${id} does not exist. List connections to see the ids that do.`,
  )

/** Saved MariaDB profiles, their secrets, and the catalog browser behind them. */
export function createConnectionService(options: ConnectionServiceOptions) {
  const repo = createConnectionsRepo(options.db)
  const env = options.env ?? process.env
  const now = options.now ?? Date.now
  const { secrets } = options

  const rowOf = (id: string) =>
    repo.get(id) ??
    (() => {
      throw notFound(id)
    })()

  function passwordFromEnv(variable: string): string {
    const value = env[variable]
    if (value === undefined) {
      throw new ApiError(
        'UNAVAILABLE',
        `The environment variable ${variable} holding the password is not set. Set it and retry.`,
      )
    }
    return value
  }

  async function targetOfRow(row: ConnectionRow, schema?: string): Promise<MariaDbTarget> {
    const password = row.password_env
      ? passwordFromEnv(row.password_env)
      : row.password_sealed
        ? await openSealed(secrets, row.password_sealed, row.password_scheme, row.name)
        : undefined
    const database = schema ?? row.default_schema ?? undefined
    const tls = tlsOfRow(row)
    return {
      host: row.host,
      port: row.port,
      user: row.user,
      ...(password !== undefined ? { password } : {}),
      ...(database ? { database } : {}),
      ...(tls ? { tls } : {}),
      connectTimeoutMs: row.connect_timeout_ms,
      queryTimeoutMs: row.query_timeout_ms,
    }
  }

  async function save(p: SaveConnection): Promise<ConnectionProfile> {
    const existing = p.id ? rowOf(p.id) : undefined
    const clash = repo.getByName(p.name)
    if (clash && clash.id !== p.id) {
      throw new ApiError(
        'CONFLICT',
        `A connection named "${p.name}" exists already. Pick another name or edit it.`,
      )
    }
    if (p.tlsCaFile) checkCaFile(p.tlsCaFile)
    const passwordEnv =
      p.passwordEnv === undefined ? (existing?.password_env ?? null) : p.passwordEnv
    const sealed =
      p.password !== undefined
        ? p.password === ''
          ? null
          : await secrets.seal(p.password)
        : (existing?.password_sealed ?? null)
    const row: ConnectionWrite = {
      id: p.id ?? newTaskId(),
      name: p.name,
      host: p.host,
      port: p.port,
      user: p.user,
      password_sealed: passwordEnv ? null : sealed,
      password_scheme:
        passwordEnv || !sealed
          ? null
          : p.password !== undefined
            ? secrets.scheme
            : (existing?.password_scheme ?? null),
      password_env: passwordEnv,
      default_schema: p.defaultSchema ?? null,
      tls: p.tls ? 1 : 0,
      tls_ca_file: p.tls ? (p.tlsCaFile ?? null) : null,
      tls_fingerprint: p.tls ? (p.tlsFingerprint ?? null) : null,
      connect_timeout_ms: p.connectTimeoutMs,
      query_timeout_ms: p.queryTimeoutMs,
    }
    if (existing) repo.update(row, now())
    else repo.insert(row, now())
    return toProfile(rowOf(row.id))
  }

  function trustCertificate(id: string, fingerprint256: string): ConnectionProfile {
    const row = rowOf(id)
    const { created_at: _created, updated_at: _updated, ...write } = row
    repo.update({ ...write, tls: 1, tls_ca_file: null, tls_fingerprint: fingerprint256 }, now())
    return toProfile(rowOf(id))
  }

  /** Resolves a task's connection (profile or URL) to something openable. */
  async function targetOf(ref: ConnectionRef, schema?: string): Promise<MariaDbTarget> {
    if ('connectionId' in ref) return targetOfRow(rowOf(ref.connectionId), schema)
    const parsed = parseMariaDbUrl(ref.url)
    const password = ref.passwordEnv ? passwordFromEnv(ref.passwordEnv) : undefined
    const database = schema ?? parsed.database
    return {
      host: parsed.host,
      port: parsed.port,
      user: parsed.user,
      ...(password !== undefined ? { password } : {}),
      ...(database ? { database } : {}),
    }
  }

  async function withConnection<T>(
    id: string,
    run: (c: MariaDbConnection) => Promise<T>,
  ): Promise<T> {
    const conn = await openMariaDb(await targetOfRow(rowOf(id)))
    try {
      return await run(conn)
    } finally {
      conn.destroy()
    }
  }

  async function test(id: string): Promise<ConnectionTestResult> {
    return withConnection(id, async (conn) => {
      const started = performance.now()
      await conn.query('SELECT 1')
      const latencyMs = Math.round((performance.now() - started) * 100) / 100
      const [rows] = await conn.query('SELECT VERSION() AS v, @@local_infile AS li')
      const row = (rows as { v: string; li: number }[])[0]
      return { serverVersion: row?.v ?? 'unknown', latencyMs, localInfile: Number(row?.li) === 1 }
    })
  }

  return {
    list: () => repo.list().map(toProfile),
    save,
    remove: (id: string) => ({ removed: repo.remove(id) }),
    test,
    trustCertificate,
    listSchemas: (id: string) => withConnection(id, listSchemas),
    listTables: (id: string, schema: string) => withConnection(id, (c) => listTables(c, schema)),
    listColumns: (id: string, schema: string, table: string) =>
      withConnection(id, (c) => listColumns(c, schema, table)),
    targetOf,
    /** The profile whose name is this, for the CLI (`audience connection test NAME`). */
    findByName: (name: string) => {
      const row = repo.getByName(name)
      return row ? toProfile(row) : undefined
    },
  }
}

export type ConnectionService = ReturnType<typeof createConnectionService>

/** A password sealed by another front door (the desktop keychain vs the workspace key file) cannot be opened here. */
async function openSealed(
  secrets: SecretStore,
  sealed: string,
  scheme: string | null,
  name: string,
): Promise<string> {
  if (scheme !== null && scheme !== secrets.scheme) {
    throw new ApiError(
      'INVALID_STATE',
      `The password of connection "${name}" was saved with ${scheme}, which is not available here. ` +
        'Save the password again from this app, or take it from an environment variable.',
    )
  }
  return secrets.open(sealed)
}
