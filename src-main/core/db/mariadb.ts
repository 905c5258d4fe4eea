import mysql from 'mysql2/promise'
import type { Connection, ConnectionOptions } from 'mysql2/promise'
import { ApiError } from '../../api/errors'

/** Everything needed to open a MariaDB connection; the password is already decrypted. */
export interface MariaDbTarget {
  host: string
  port: number
  user: string
  password?: string
  database?: string
  tls?: boolean
  connectTimeoutMs?: number
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

export function describeTarget(t: MariaDbTarget): string {
  return `${t.user}@${where(t)}${t.database ? `/${t.database}` : ''}`
}

function optionsOf(t: MariaDbTarget, extra: ConnectionOptions): ConnectionOptions {
  return {
    host: t.host,
    port: t.port,
    user: t.user,
    ...(t.password !== undefined ? { password: t.password } : {}),
    ...(t.database ? { database: t.database } : {}),
    ...(t.tls ? { ssl: { rejectUnauthorized: false } } : {}),
    connectTimeout: t.connectTimeoutMs ?? 5000,
    charset: 'utf8mb4_unicode_ci',
    supportBigNumbers: true,
    dateStrings: true,
    decimalNumbers: true,
    ...extra,
  }
}

/** Opens one connection, turning every connect failure into an UNAVAILABLE that says what to fix. */
export async function openMariaDb(
  t: MariaDbTarget,
  extra: ConnectionOptions = {},
): Promise<Connection> {
  const timeout = t.connectTimeoutMs ?? 5000
  let timer: NodeJS.Timeout | undefined
  const connecting = mysql.createConnection(optionsOf(t, extra))
  try {
    // The driver's connectTimeout covers the TCP handshake only; a silent server is caught here.
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(Object.assign(new Error('connect timeout'), { code: 'ETIMEDOUT' })),
        timeout + 250,
      )
    })
    return await Promise.race([connecting, timedOut])
  } catch (error) {
    connecting.then((c) => c.destroy()).catch(() => undefined)
    throw connectError(t, error)
  } finally {
    clearTimeout(timer)
  }
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

/** Whether a column type from information_schema (e.g. "bigint(20) unsigned") is an integer type. */
export const isIntegerType = (type: string) => /^(tiny|small|medium|big)?int\b/i.test(type)

/** Quotes a name already checked against information_schema; backticks are doubled all the same. */
export function quoteIdent(name: string): string {
  return '`' + name.replaceAll('`', '``') + '`'
}

export const qualified = (schema: string, table: string) =>
  `${quoteIdent(schema)}.${quoteIdent(table)}`

/** Stops the statement a connection runs, from another connection (abort reaches the server). */
export async function killQuery(
  t: MariaDbTarget,
  threadId: number | null | undefined,
): Promise<void> {
  if (!threadId) return
  const admin = await openMariaDb({ ...t, connectTimeoutMs: 2000 }).catch(() => null)
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
