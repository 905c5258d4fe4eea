import type { Command } from 'commander'
import type { ConnectionProfile } from '../../api/contract/connections'
import type { ApiClient } from '../../api/client'
import { parseMariaDbUrl } from '../../core/db/mariadb'
import { withCore } from '../cli-core'
import { CliError, EXIT, formatTable, printJson, type CliIo } from '../io'

/** A profile by id or by name. */
async function findProfile(api: ApiClient, idOrName: string): Promise<ConnectionProfile> {
  const all = await api.call('connections.list', {})
  const found = all.find(
    (c) => c.id === idOrName || c.name.toLowerCase() === idOrName.toLowerCase(),
  )
  if (!found)
    throw new CliError(
      `No connection named "${idOrName}". See \`audience connection list\`.`,
      EXIT.failure,
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
    c.tls ? 'tls' : '',
    c.id,
  ])
  io.out(formatTable(['NAME', 'SERVER', 'SCHEMA', 'PASSWORD', 'TLS', 'ID'], rows))
}

interface AddOptions {
  passwordEnv?: string
  passwordStdin?: boolean
  tls?: boolean
  connectTimeout: string
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
    .option('--tls', 'connect with TLS')
    .option('--connect-timeout <ms>', 'connect timeout in milliseconds', '5000')
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
          tls: opts.tls === true,
          connectTimeoutMs: Number(opts.connectTimeout),
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
        const result = await api.call('connections.test', { id: profile.id })
        if (io().json) return printJson(io(), result)
        io().out(
          `${profile.name}: MariaDB ${result.serverVersion}, ${result.latencyMs} ms, LOAD DATA LOCAL ${result.localInfile ? 'on' : 'off'}`,
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
