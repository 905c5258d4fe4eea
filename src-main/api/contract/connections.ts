import { z } from 'zod'
import { hexId, type EpochMs } from './common'

/** A saved MariaDB/MySQL profile as clients see it: the password itself never leaves the core. */
export interface ConnectionProfile {
  id: string
  name: string
  host: string
  port: number
  user: string
  /** Where the password comes from: stored encrypted, read from an environment variable, or none. */
  passwordSource: 'stored' | 'env' | 'none'
  /** The environment variable holding the password when passwordSource is 'env'. */
  passwordEnv: string | null
  defaultSchema: string | null
  tls: boolean
  connectTimeoutMs: number
  queryTimeoutMs: number
  createdAt: EpochMs
  updatedAt: EpochMs
}

export interface ConnectionTestResult {
  serverVersion: string
  /** Round trip of one `SELECT 1`, in milliseconds. */
  latencyMs: number
  /** Whether the server accepts LOAD DATA LOCAL INFILE (the fast write path). */
  localInfile: boolean
}

export interface SchemaInfo {
  name: string
  tables: number
}

export interface TableInfo {
  name: string
  engine: string | null
  /** The server's estimate (information_schema.TABLES.TABLE_ROWS), not an exact count. */
  estimatedRows: number
  primaryKey: string[]
}

export interface ColumnInfo {
  name: string
  /** Full SQL type, e.g. `varchar(255)` or `bigint(20) unsigned`. */
  type: string
  nullable: boolean
  /** Names of the indexes this column belongs to (PRIMARY for the primary key). */
  indexes: string[]
}

const name = z.string().trim().min(1).max(64)
const identifier = z.string().min(1).max(64)
const envVar = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected an environment variable name')

export const connectionFields = z
  .object({
    name,
    host: z.string().trim().min(1).max(255),
    port: z.number().int().min(1).max(65535).default(3306),
    user: z.string().min(1).max(128),
    /** Stored encrypted; omit to keep the current one when updating. */
    password: z.string().max(1024).optional(),
    /** Read the password from this environment variable instead of storing it. */
    passwordEnv: envVar.nullable().optional(),
    defaultSchema: identifier.nullable().optional(),
    tls: z.boolean().default(false),
    connectTimeoutMs: z.number().int().min(100).max(120_000).default(5000),
    queryTimeoutMs: z.number().int().min(0).max(86_400_000).default(0),
  })
  .strict()

export const connectionSchemas = {
  'connections.list': z.object({}).strict(),
  'connections.save': connectionFields.extend({ id: hexId.optional() }).strict(),
  'connections.remove': z.object({ id: hexId }).strict(),
  'connections.test': z.object({ id: hexId }).strict(),
  'connections.listSchemas': z.object({ id: hexId }).strict(),
  'connections.listTables': z.object({ id: hexId, schema: identifier }).strict(),
  'connections.listColumns': z
    .object({ id: hexId, schema: identifier, table: identifier })
    .strict(),
}

type P<M extends keyof typeof connectionSchemas> = z.input<(typeof connectionSchemas)[M]>

export interface ConnectionMethods {
  /** Lists saved connection profiles by name. */
  'connections.list': (p: P<'connections.list'>) => Promise<ConnectionProfile[]>
  /**
   * Creates a profile, or updates the one with `id`. A password is encrypted before it is stored;
   * `passwordEnv` stores only the variable name. Names are unique (CONFLICT otherwise).
   */
  'connections.save': (p: P<'connections.save'>) => Promise<ConnectionProfile>
  /** Deletes a profile and its stored secret. */
  'connections.remove': (p: P<'connections.remove'>) => Promise<{ removed: boolean }>
  /**
   * Connects once: server version, latency. Wrong password, unreachable host or unknown schema fail
   * with UNAVAILABLE and a message saying which, within the profile's connect timeout.
   */
  'connections.test': (p: P<'connections.test'>) => Promise<ConnectionTestResult>
  /** Schemas the profile's user can see (system schemas left out). */
  'connections.listSchemas': (p: P<'connections.listSchemas'>) => Promise<SchemaInfo[]>
  /** Base tables of a schema with estimated rows and primary key. NOT_FOUND for an unknown schema. */
  'connections.listTables': (p: P<'connections.listTables'>) => Promise<TableInfo[]>
  /** Columns of a table in order: type, nullable, indexes. NOT_FOUND for an unknown table. */
  'connections.listColumns': (p: P<'connections.listColumns'>) => Promise<ColumnInfo[]>
}
