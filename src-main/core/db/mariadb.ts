import { setTimeout as sleep } from 'node:timers/promises'
import mysql from 'mysql2/promise'
import type { Connection, ConnectionOptions } from 'mysql2/promise'
import { ApiError } from '../../api/errors'
import {
  pinnedPeerMismatch,
  sslOptionsOf,
  untrustedCertificateError,
  type MariaDbTls,
} from './mariadb-tls'

export type { MariaDbTls } from './mariadb-tls'

/** Everything needed to open a MariaDB connection; the password is already decrypted. */
export interface MariaDbTarget {
  host: string
  port: number
  user: string
  password?: string
  database?: string
  /** Absent: no TLS. The certificate is checked before the password is sent. */
  tls?: MariaDbTls
  connectTimeoutMs?: number
  /** Limit for each statement, in milliseconds; 0 or absent = none. */
  queryTimeoutMs?: number
}

export type MariaDbConnection = Connection

const TRANSIENT_CODES = new Set([
  'PROTOCOL_CONNECTION_LOST',
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'ER_CONNECTION_KILLED',
  'ER_SERVER_SHUTDOWN',
  'ER_QUERY_INTERRUPTED',
  'ER_CON_COUNT_ERROR',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'ER_CLIENT_INTERACTION_TIMEOUT',
])
const TRANSIENT_ERRNOS = new Set([1053, 1927, 2006, 2013, 1317, 1040, 4031])

/** Marks connect failures a reconnect loop may wait out (the server may be restarting). */
const RETRYABLE = { transient: true }

const where = (t: MariaDbTarget) => `${t.host}:${t.port}`

function optionsOf(
  t: MariaDbTarget,
  ssl: ConnectionOptions['ssl'],
  extra: ConnectionOptions,
): ConnectionOptions {
  return {
    host: t.host,
    port: t.port,
    user: t.user,
    ...(t.password !== undefined ? { password: t.password } : {}),
    ...(t.database ? { database: t.database } : {}),
    ...(ssl ? { ssl } : {}),
    connectTimeout: t.connectTimeoutMs ?? 5000,
    charset: 'utf8mb4_unicode_ci',
    supportBigNumbers: true,
    dateStrings: true,
    decimalNumbers: true,
    ...extra,
  }
}

/**
 * Opens one connection, turning every connect failure into an UNAVAILABLE that says what to fix.
 * With TLS, mysql2 asks for TLS before it authenticates and sends the user and password only once
 * the certificate has been verified (or matched against the pin); the connection's query timeout
 * then applies to every statement run on it.
 */
export async function openMariaDb(
  t: MariaDbTarget,
  extra: ConnectionOptions = {},
): Promise<Connection> {
  const timeout = t.connectTimeoutMs ?? 5000
  const tlsTarget = t.tls ? { ...t, tls: t.tls } : null
  const ssl = tlsTarget
    ? await sslOptionsOf(tlsTarget).catch((error: unknown) => {
        throw error instanceof ApiError ? error : connectError(t, error)
      })
    : undefined
  let timer: NodeJS.Timeout | undefined
  const connecting = mysql.createConnection(optionsOf(t, ssl, extra))
  let conn: Connection
  try {
    // The driver's connectTimeout covers the TCP handshake only; a silent server is caught here.
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(Object.assign(new Error('connect timeout'), { code: 'ETIMEDOUT' })),
        timeout + 250,
      )
    })
    conn = await Promise.race([connecting, timedOut])
  } catch (error) {
    connecting.then((c) => c.destroy()).catch(() => undefined)
    const refused =
      tlsTarget && (error as { code?: string }).code === 'HANDSHAKE_SSL_ERROR'
        ? await untrustedCertificateError(tlsTarget)
        : null
    throw refused ?? connectError(t, error)
  } finally {
    clearTimeout(timer)
  }
  try {
    if (t.tls?.mode === 'pinned') {
      const stream = (conn as unknown as { connection: { stream?: unknown } }).connection.stream
      const mismatch = pinnedPeerMismatch(stream, t.tls.fingerprint256)
      if (mismatch) {
        throw new ApiError(
          'UNAVAILABLE',
          `The TLS session with ${where(t)} is not with the pinned certificate (${mismatch}). Test the connection again.`,
        )
      }
    }
    return await limitStatements(conn, t)
  } catch (error) {
    conn.destroy()
    throw error
  }
}

/** MariaDB's own statement limit fires first; the client's catches what it does not (MySQL servers, statements in procedures). */
const CLIENT_LIMIT_SLACK_MS = 250
/** How long a killed statement gets to return before the connection is dropped instead. */
const KILL_GRACE_MS = 2000
const ER_STATEMENT_TIMEOUT = 1969 // MariaDB: max_statement_time exceeded
const ER_QUERY_TIMEOUT = 3024 // MySQL: max_execution_time exceeded
const ER_QUERY_INTERRUPTED = 1317

type RawQuery = (sql: unknown, values?: unknown) => Promise<unknown>

/** The statement, shortened and on one line, for an error message (values are never in it). */
function statementOf(sql: unknown): string {
  const inner = typeof sql === 'string' ? sql : (sql as { sql?: unknown }).sql
  const text = typeof inner === 'string' ? inner : ''
  const line = text.replace(/\s+/g, ' ').trim()
  return line.length > 160 ? `${line.slice(0, 157)}...` : line
}

function queryTimeoutError(t: MariaDbTarget, sql: unknown): ApiError {
  const limit = t.queryTimeoutMs ?? 0
  const statement = statementOf(sql)
  return new ApiError(
    'TIMEOUT',
    `A query on ${where(t)} ran past the connection's query timeout of ${limit} ms and was stopped: ` +
      `${statement}. Raise the connection's query timeout or narrow the time range.`,
    { queryTimeoutMs: limit, statement },
  )
}

/**
 * Applies `queryTimeoutMs` to every statement of this connection: the server's max_statement_time
 * (MariaDB 10.1+), and a client-side timer that stops a statement the server does not (a MySQL
 * server, a statement inside a procedure) with KILL QUERY from a second connection.
 */
async function limitStatements(conn: Connection, t: MariaDbTarget): Promise<Connection> {
  const limit = t.queryTimeoutMs ?? 0
  if (limit <= 0) return conn
  // MySQL has no max_statement_time; its statements are stopped by the client's timer alone.
  await conn.query('SET SESSION max_statement_time = ?', [limit / 1000]).catch(() => undefined)
  const query = conn.query.bind(conn) as unknown as RawQuery
  const timed: RawQuery = async (sql, values) => {
    const settled = query(sql, values).then(
      (value) => ({ ok: true as const, value }),
      (error: unknown) => ({ ok: false as const, error }),
    )
    let timer: NodeJS.Timeout | undefined
    const expired = new Promise<'expired'>((resolve) => {
      timer = setTimeout(() => resolve('expired'), limit + CLIENT_LIMIT_SLACK_MS)
    })
    const first = await Promise.race([settled, expired])
    clearTimeout(timer)
    if (first !== 'expired') {
      if (first.ok) return first.value
      const errno = (first.error as { errno?: number }).errno
      if (errno === ER_STATEMENT_TIMEOUT || errno === ER_QUERY_TIMEOUT)
        throw queryTimeoutError(t, sql)
      throw first.error
    }
    await killQuery(t, conn.threadId)
    const after = await Promise.race([settled, sleep(KILL_GRACE_MS).then(() => 'stuck' as const)])
    if (after === 'stuck') conn.destroy()
    else if (after.ok)
      return after.value // it finished just as the limit passed
    else {
      const errno = (after.error as { errno?: number }).errno
      if (errno !== ER_QUERY_INTERRUPTED && errno !== ER_STATEMENT_TIMEOUT) throw after.error
    }
    throw queryTimeoutError(t, sql)
  }
  conn.query = timed as unknown as Connection['query']
  return conn
}

export function connectError(t: MariaDbTarget, error: unknown): ApiError {
  const e = error as { code?: string; errno?: number; message?: string }
  const at = where(t)
  switch (e.code) {
    case 'ER_ACCESS_DENIED_ERROR':
    case 'ER_ACCESS_DENIED_NO_PASSWORD_ERROR':
      return new ApiError(
        'UNAVAILABLE',
        `MariaDB at ${at} refused user "${t.user}": wrong user or password. Check the connection's password.`,
      )
    case 'ER_BAD_DB_ERROR':
      return new ApiError(
        'UNAVAILABLE',
        `Schema "${t.database ?? ''}" does not exist on ${at}. Pick an existing schema or create it.`,
      )
    case 'ECONNREFUSED':
      return new ApiError(
        'UNAVAILABLE',
        `Nothing accepts connections at ${at}. Is MariaDB running and is the port right?`,
        RETRYABLE,
      )
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new ApiError(
        'UNAVAILABLE',
        `Host "${t.host}" cannot be resolved. Check the host name.`,
      )
    case 'ETIMEDOUT':
      return new ApiError(
        'UNAVAILABLE',
        `${at} did not answer within ${t.connectTimeoutMs ?? 5000} ms. Check host, port and firewall.`,
        RETRYABLE,
      )
    case 'HANDSHAKE_SSL_ERROR':
      return new ApiError(
        'UNAVAILABLE',
        `The TLS handshake with ${at} failed (${e.message ?? 'no reason given'}). Nothing was sent. Check the server's TLS settings and the connection's TLS mode.`,
      )
    case 'HANDSHAKE_NO_SSL_SUPPORT':
      return new ApiError(
        'UNAVAILABLE',
        `${at} does not support TLS. Turn TLS off for this connection.`,
      )
    default:
      return new ApiError(
        'UNAVAILABLE',
        `Cannot connect to ${at}: ${e.message ?? String(error)}`,
        isTransient(error) ? RETRYABLE : undefined,
      )
  }
}

/** Lost connections, server restarts and killed queries: worth a reconnect and a retry. */
export function isTransient(error: unknown): boolean {
  // Only a server that may come back (refused, timed out, restarting) is worth retrying.
  if (error instanceof ApiError)
    return (error.details as { transient?: boolean } | undefined)?.transient === true
  const e = error as { code?: string; errno?: number; message?: string }
  if (TRANSIENT_CODES.has(e.code ?? '') || TRANSIENT_ERRNOS.has(e.errno ?? 0)) return true
  // mysql2 reports a use of a connection the server closed without a code.
  return /closed state|connection lost/i.test(e.message ?? '')
}

export const isNoSuchTable = (error: unknown) =>
  (error as { code?: string }).code === 'ER_NO_SUCH_TABLE'

/** Stops the statement a connection runs, from another connection (abort reaches the server). */
export async function killQuery(
  t: MariaDbTarget,
  threadId: number | null | undefined,
): Promise<void> {
  if (!threadId) return
  const admin = await openMariaDb({ ...t, connectTimeoutMs: 2000, queryTimeoutMs: 0 }).catch(
    () => null,
  )
  if (!admin) return
  try {
    await admin.query(`KILL QUERY ${Number(threadId)}`)
  } catch {
    // It may have finished meanwhile: nothing to stop.
  } finally {
    admin.destroy()
  }
}

/** Parses `mysql://USER@HOST:PORT/SCHEMA` (no password: it comes from an env var or a profile). */
export function parseMariaDbUrl(url: string): MariaDbTarget & { database?: string } {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    throw new ApiError(
      'VALIDATION',
      `"${url}" is not a URL; expected mysql://USER@HOST:PORT/SCHEMA.`,
    )
  }
  if (parsed.protocol !== 'mysql:' && parsed.protocol !== 'mariadb:') {
    throw new ApiError('VALIDATION', `"${url}" must start with mysql://`)
  }
  if (parsed.password) {
    throw new ApiError(
      'VALIDATION',
      'Do not put the password in the URL; pass the name of an environment variable holding it.',
    )
  }
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''))
  return {
    host: parsed.hostname || '127.0.0.1',
    port: parsed.port ? Number(parsed.port) : 3306,
    user: decodeURIComponent(parsed.username || 'root'),
    ...(database ? { database } : {}),
  }
}
