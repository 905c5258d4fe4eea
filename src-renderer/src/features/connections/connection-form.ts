import type { MethodParams } from '@api/methods'
import type { ConnectionProfile, TlsMode } from '@api/dto'

export type PasswordMode = 'stored' | 'env' | 'none'

/** The add/edit form as the user types it: every field a string or a flag. */
export interface ConnectionFormValues {
  name: string
  host: string
  port: string
  user: string
  passwordMode: PasswordMode
  /** New password; empty on edit keeps the stored one. */
  password: string
  passwordEnv: string
  defaultSchema: string
  tlsMode: TlsMode
  /** Optional in `verify`: an extra CA certificate file (PEM path). */
  tlsCaFile: string
  /** Required in `pinned`: the one certificate's SHA-256 fingerprint. */
  tlsFingerprint: string
  connectTimeoutMs: string
  queryTimeoutMs: string
}

export const emptyConnectionForm = (): ConnectionFormValues => ({
  name: '',
  host: '127.0.0.1',
  port: '3306',
  user: '',
  passwordMode: 'stored',
  password: '',
  passwordEnv: '',
  defaultSchema: '',
  tlsMode: 'off',
  tlsCaFile: '',
  tlsFingerprint: '',
  connectTimeoutMs: '5000',
  queryTimeoutMs: '0',
})

export const formFromProfile = (p: ConnectionProfile): ConnectionFormValues => ({
  name: p.name,
  host: p.host,
  port: String(p.port),
  user: p.user,
  passwordMode: p.passwordSource,
  password: '',
  passwordEnv: p.passwordEnv ?? '',
  defaultSchema: p.defaultSchema ?? '',
  tlsMode: p.tlsMode,
  tlsCaFile: p.tlsCaFile ?? '',
  tlsFingerprint: p.tlsFingerprint ?? '',
  connectTimeoutMs: String(p.connectTimeoutMs),
  queryTimeoutMs: String(p.queryTimeoutMs),
})

export type FieldErrors = Partial<Record<keyof ConnectionFormValues, string>>

const ENV_VAR = /^[A-Za-z_][A-Za-z0-9_]*$/
/** 64 hex digits once colons and spaces are dropped (the core normalises the rest). */
const isFingerprint = (value: string) => /^[0-9A-Fa-f]{64}$/.test(value.replace(/[\s:]/g, ''))

function integer(value: string, min: number, max: number): number | null {
  if (!/^\d+$/.test(value.trim())) return null
  const n = Number(value.trim())
  return n >= min && n <= max ? n : null
}

/**
 * Checks the form and builds connections.save params. On edit (`existing` given), an empty password
 * keeps the stored one; switching to "no password" clears it.
 */
export function connectionParams(
  values: ConnectionFormValues,
  existing: ConnectionProfile | null,
): { ok: true; params: MethodParams<'connections.save'> } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {}
  if (!values.name.trim()) errors.name = 'Enter a name.'
  if (!values.host.trim()) errors.host = 'Enter a host name or IP address.'
  if (!values.user) errors.user = 'Enter a user name.'
  const port = integer(values.port, 1, 65535)
  if (port === null) errors.port = 'Enter a port between 1 and 65535.'
  const connectTimeoutMs = integer(values.connectTimeoutMs, 100, 120_000)
  if (connectTimeoutMs === null) errors.connectTimeoutMs = 'Enter 100 to 120000 milliseconds.'
  const queryTimeoutMs = integer(values.queryTimeoutMs, 0, 86_400_000)
  if (queryTimeoutMs === null)
    errors.queryTimeoutMs = 'Enter 0 (no limit) to 86400000 milliseconds.'
  if (values.passwordMode === 'env' && !ENV_VAR.test(values.passwordEnv.trim()))
    errors.passwordEnv = 'Enter a variable name: letters, digits and _, not starting with a digit.'
  if (values.passwordMode === 'stored' && !values.password && existing?.passwordSource !== 'stored')
    errors.password = 'Enter the password, or pick "No password".'
  if (values.tlsMode === 'pinned' && !isFingerprint(values.tlsFingerprint))
    errors.tlsFingerprint =
      'Enter the SHA-256 fingerprint: 64 hex digits (colons optional), as a failed Test shows it.'
  if (port === null || connectTimeoutMs === null || queryTimeoutMs === null)
    return { ok: false, errors }
  if (Object.keys(errors).length > 0) return { ok: false, errors }

  const password =
    values.passwordMode === 'stored'
      ? values.password
        ? { password: values.password }
        : {}
      : values.passwordMode === 'none'
        ? { password: '' }
        : {}
  return {
    ok: true,
    params: {
      ...(existing ? { id: existing.id } : {}),
      name: values.name.trim(),
      host: values.host.trim(),
      port,
      user: values.user,
      ...password,
      passwordEnv: values.passwordMode === 'env' ? values.passwordEnv.trim() : null,
      defaultSchema: values.defaultSchema.trim() || null,
      tls: values.tlsMode !== 'off',
      tlsCaFile: values.tlsMode === 'verify' ? values.tlsCaFile.trim() || null : null,
      tlsFingerprint: values.tlsMode === 'pinned' ? values.tlsFingerprint.trim() : null,
      connectTimeoutMs,
      queryTimeoutMs,
    },
  }
}
