import { resolve } from 'node:path'
import type { Command } from 'commander'
import type { ConnectionProfile, UntrustedCertificateDetails } from '../../api/contract/connections'
import type { ApiClient } from '../../api/client'
import { ApiError } from '../../api/errors'
import { parseMariaDbUrl } from '../../core/db/mariadb'
import { withCore } from '../cli-core'
import { CliError, EXIT, formatTable, printJson, type CliIo } from '../io'

/** A profile by id or by name; `flag` names the option that gave it (then a miss is bad usage). */
export async function findProfile(
  api: ApiClient,
  idOrName: string,
  flag?: string,
): Promise<ConnectionProfile> {
  const all = await api.call('connections.list', {})
  const found = all.find(
    (c) => c.id === idOrName || c.name.toLowerCase() === idOrName.toLowerCase(),
  )
  if (!found)
    throw new CliError(
      `${flag ? `${flag} ${idOrName}: n` : 'N'}o connection named "${idOrName}". See \`audience connection list\`.`,
      flag ? EXIT.usage : EXIT.failure,
    )
  return found
}

function printProfiles(io: CliIo, profiles: ConnectionProfile[]): void {
  if (io.json) return printJson(io, profiles)
  if (profiles.length === 0)
    return io.out('No connections yet. Add one with `audience connection add`.')
  const rows = profiles.map((c) => [
    c.name,
    `${c.user}@${c.host}:${c.port}`,
    c.defaultSchema ?? '',
    c.passwordSource,
    c.tlsMode === 'off' ? '' : c.tlsMode,
    c.id,
  ])
  io.out(formatTable(['NAME', 'SERVER', 'SCHEMA', 'PASSWORD', 'TLS', 'ID'], rows))
}

interface AddOptions {
  passwordEnv?: string
  passwordStdin?: boolean
  tls?: boolean
  tlsCa?: string
  tlsTrustFingerprint?: string
  connectTimeout: string
  queryTimeout: string
}

/** A failed test that refused the server's certificate also says how to trust it. */
function certificateHint(name: string, error: unknown): CliError | null {
  if (!(error instanceof ApiError)) return null
  const details = error.details as Partial<UntrustedCertificateDetails> | undefined
  const cert = details?.certificate
  if (!cert) return null
  const lines = [
    `${error.code}: ${error.message}`,
    `  subject      ${cert.subject}`,
    `  issuer       ${cert.issuer}`,
    `  valid        ${cert.validFrom} to ${cert.validTo}`,
    `  SHA-256      ${cert.fingerprint256}`,
  ]
  if (cert.selfSigned && details.reason !== 'the pinned certificate is not valid now') {
    lines.push(
      `If this is your server, trust exactly this certificate with:`,
      `  audience connection trust ${JSON.stringify(name)} ${cert.fingerprint256}`,
    )
  }
  return new CliError(lines.join('\n'), EXIT.failure)
}

async function readStdin(): Promise<string> {
  let text = ''
  for await (const chunk of process.stdin) text += String(chunk)
  return text.replace(/\r?\n$/, '')
}

export function registerConnectionCommands(program: Command, io: () => CliIo, url: string): void {
  const connection = program.command('connection').description('Saved MariaDB/MySQL connections')
  const dataDir = () => program.opts<{ dataDir?: string }>().dataDir

  connection
    .command('add <name> <url>')
    .description(
      'Save a connection: URL mysql://USER@HOST:PORT/SCHEMA; the password from --password-env or stdin',
    )
    .option('--password-env <var>', 'read the password from this environment variable at each use')
    .option('--password-stdin', 'read the password from stdin and store it encrypted')
    .option('--tls', "connect with TLS, verifying the server's certificate and host name")
    .option('--tls-ca <file>', 'also trust the CA certificate(s) in this PEM file (implies --tls)')
    .option(
      '--tls-trust-fingerprint <sha256>',
      'accept exactly the self-signed certificate with this SHA-256 fingerprint (implies --tls)',
    )
    .option('--connect-timeout <ms>', 'connect timeout in milliseconds', '5000')
    .option('--query-timeout <ms>', 'limit for each query in milliseconds (0 = none)', '0')
    .action((name: string, link: string, opts: AddOptions) =>
      withCore(dataDir(), url, async ({ api }) => {
        const target = parseMariaDbUrl(link)
        const password = opts.passwordStdin ? await readStdin() : undefined
        const profile = await api.call('connections.save', {
          name,
          host: target.host,
          port: target.port,
          user: target.user,
          defaultSchema: target.database ?? null,
          tls: opts.tls === true || !!opts.tlsCa || !!opts.tlsTrustFingerprint,
          ...(opts.tlsCa ? { tlsCaFile: resolve(opts.tlsCa) } : {}),
          ...(opts.tlsTrustFingerprint ? { tlsFingerprint: opts.tlsTrustFingerprint } : {}),
          connectTimeoutMs: Number(opts.connectTimeout),
          queryTimeoutMs: Number(opts.queryTimeout),
          ...(opts.passwordEnv ? { passwordEnv: opts.passwordEnv } : {}),
          ...(password !== undefined ? { password } : {}),
        })
        if (io().json) return printJson(io(), profile)
        io().out(`Saved connection ${profile.name} (${profile.id}).`)
      }),
    )

  connection
    .command('list')
    .description('List saved connections')
    .action(() =>
      withCore(dataDir(), url, async ({ api }) =>
        printProfiles(io(), await api.call('connections.list', {})),
      ),
    )

  connection
    .command('test <name>')
    .description('Connect once: server version and latency')
    .action((name: string) =>
      withCore(dataDir(), url, async ({ api }) => {
        const profile = await findProfile(api, name)
        const result = await api
          .call('connections.test', { id: profile.id })
          .catch((error: unknown) => {
            throw certificateHint(profile.name, error) ?? error
          })
        if (io().json) return printJson(io(), result)
        io().out(
          `${profile.name}: MariaDB ${result.serverVersion}, ${result.latencyMs} ms, LOAD DATA LOCAL ${result.localInfile ? 'on' : 'off'}`,
        )
      }),
    )

  connection
    .command('trust <name> <sha256>')
    .description(
      'Trust exactly one self-signed server certificate (the fingerprint a failed `connection test` printed)',
    )
    .action((name: string, fingerprint: string) =>
      withCore(dataDir(), url, async ({ api }) => {
        const profile = await findProfile(api, name)
        const trusted = await api.call('connections.trustCertificate', {
          id: profile.id,
          fingerprint256: fingerprint,
        })
        if (io().json) return printJson(io(), trusted)
        io().out(
          `${trusted.name} now accepts only the certificate ${trusted.tlsFingerprint ?? ''}. Run \`audience connection test ${trusted.name}\`.`,
        )
      }),
    )

  connection
    .command('remove <name>')
    .description('Delete a saved connection and its stored password')
    .action((name: string) =>
      withCore(dataDir(), url, async ({ api }) => {
        const profile = await findProfile(api, name)
        const result = await api.call('connections.remove', { id: profile.id })
        if (io().json) return printJson(io(), result)
        io().out(`Removed connection ${profile.name}.`)
      }),
    )
}
