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
  /** TLS on or off; `tlsMode` says how the server's certificate is checked when on. */
  tls: boolean
  tlsMode: TlsMode
  /** An extra CA certificate file (PEM) trusted besides the system's, in `verify` mode. */
  tlsCaFile: string | null
  /** The one certificate accepted in `pinned` mode: its SHA-256 fingerprint (`AB:CD:…`). */
  tlsFingerprint: string | null
  connectTimeoutMs: number
  /**
   * Limit for each statement that reads through this connection (sources, browsing), in ms; 0 =
   * none. Output writes and the author panel are not limited: stopping them would only lose work.
   */
  queryTimeoutMs: number
  createdAt: EpochMs
  updatedAt: EpochMs
}

/**
 * How a TLS connection checks the server: `verify` trusts Node's and the system's CA lists plus the
 * profile's CA file and checks the host name; `pinned` accepts exactly one certificate (a user's
 * explicit "trust this certificate"), whatever its issuer or names.
 */
export type TlsMode = 'off' | 'verify' | 'pinned'

/** The certificate a server presented, shown to the user before they choose to trust it. */
export interface ServerCertificate {
  /** SHA-256 of the certificate, upper-case hex pairs joined by colons (`AB:CD:…`). */
  fingerprint256: string
  subject: string
  issuer: string
  validFrom: string
  validTo: string
  /** Only a self-signed certificate can be pinned; one issued by a CA needs that CA's file. */
  selfSigned: boolean
}

/** `details` of the UNAVAILABLE error a connection gives when the server's certificate is not trusted. */
export interface UntrustedCertificateDetails {
  /** Why it was refused, in words (e.g. "it is self-signed"). */
  reason: string
  certificate: ServerCertificate
  /** The pinned fingerprint the certificate did not match, in `pinned` mode. */
  pinned?: string
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

/** `ab:cd:…`, `ABCD…` or with spaces: the 32 bytes as `AB:CD:…`, the form Node reports. */
export function normalizeFingerprint(value: string): string {
  const hex = value.replace(/[\s:]/g, '').toUpperCase()
  return /^[0-9A-F]{64}$/.test(hex) ? (hex.match(/../g) ?? []).join(':') : value
}

export const sha256Fingerprint = z
  .string()
  .trim()
  .transform(normalizeFingerprint)
  .pipe(
    z
      .string()
      .regex(
        /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/,
        'expected a SHA-256 fingerprint: 64 hex digits, colons optional',
      ),
  )

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
    /** On: the server's certificate is verified (or pinned with `tlsFingerprint`) before any password is sent. */
    tls: z.boolean().default(false),
    /** Absolute path of a PEM file with CA certificates to trust besides the system's. */
    tlsCaFile: z.string().trim().min(1).max(4096).nullable().optional(),
    /** Accept exactly the certificate with this SHA-256 fingerprint instead of checking CAs and names. */
    tlsFingerprint: sha256Fingerprint.nullable().optional(),
    connectTimeoutMs: z.number().int().min(100).max(120_000).default(5000),
    queryTimeoutMs: z.number().int().min(0).max(86_400_000).default(0),
  })
  .strict()

export const connectionSchemas = {
  'connections.list': z.object({}).strict(),
  'connections.save': connectionFields
    .extend({ id: hexId.optional() })
    .strict()
    .superRefine((p, ctx) => {
      if (!p.tls && (p.tlsCaFile || p.tlsFingerprint)) {
        ctx.addIssue({
          code: 'custom',
          path: [p.tlsCaFile ? 'tlsCaFile' : 'tlsFingerprint'],
          message: 'turn TLS on (tls: true) to use a CA file or a pinned certificate',
        })
      }
      if (p.tlsCaFile && p.tlsFingerprint) {
        ctx.addIssue({
          code: 'custom',
          path: ['tlsCaFile'],
          message:
            'a pinned certificate replaces the CA check: give either a CA file or a fingerprint',
        })
      }
    }),
  'connections.remove': z.object({ id: hexId }).strict(),
  'connections.test': z.object({ id: hexId }).strict(),
  'connections.trustCertificate': z
    .object({ id: hexId, fingerprint256: sha256Fingerprint })
    .strict(),
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
   * with UNAVAILABLE and a message saying which, within the profile's connect timeout. A server
   * certificate that is not trusted fails before any password is sent, with UNAVAILABLE and
   * `details: UntrustedCertificateDetails` (its fingerprint, to offer "trust this certificate").
   */
  'connections.test': (p: P<'connections.test'>) => Promise<ConnectionTestResult>
  /**
   * The user's explicit "trust this certificate": turns TLS on in `pinned` mode with this SHA-256
   * fingerprint (replacing any CA file). Only a self-signed certificate can be pinned; test again to use it.
   */
  'connections.trustCertificate': (
    p: P<'connections.trustCertificate'>,
  ) => Promise<ConnectionProfile>
  /** Schemas the profile's user can see (system schemas left out). */
  'connections.listSchemas': (p: P<'connections.listSchemas'>) => Promise<SchemaInfo[]>
  /** Base tables of a schema with estimated rows and primary key. NOT_FOUND for an unknown schema. */
  'connections.listTables': (p: P<'connections.listTables'>) => Promise<TableInfo[]>
  /** Columns of a table in order: type, nullable, indexes. NOT_FOUND for an unknown table. */
  'connections.listColumns': (p: P<'connections.listColumns'>) => Promise<ColumnInfo[]>
}
