import { Command, CommanderError } from 'commander'
import { registerDatasetCommands } from './commands/dataset'
import { registerLearnCurveCommand } from './commands/learn-curve'
import { registerMlCommands } from './commands/ml'
import { registerModelCommands } from './commands/model'
import { registerTaskCommands } from './commands/tasks'
import { registerConnectionCommands } from './commands/connection'
import { registerPredictCommand } from './commands/predict'
import { registerReviewCommand } from './commands/review'
import { entryPaths, packageVersion } from '../host/entry-paths'
import { CliError, EXIT, type CliIo } from './io'

export interface CliStreams {
  stdout: { write(text: string): unknown; isTTY?: boolean }
  stderr: { write(text: string): unknown; isTTY?: boolean }
}

/** Builds the `audience` program; every command reads --data-dir and --json from the root. */
export function buildProgram(streams: CliStreams, entryUrl: string): Command {
  const program = new Command('audience')
  const io = (): CliIo => ({
    out: (text) => streams.stdout.write(text + '\n'),
    err: (text) => streams.stderr.write(text + '\n'),
    json: program.opts<{ json?: boolean }>().json === true,
    tty: streams.stdout.isTTY === true,
    errTty: streams.stderr.isTTY === true,
    errRaw: (text) => streams.stderr.write(text),
  })
  program
    .description('Audience Desktop from the command line: datasets, models, predicting tasks.')
    .option(
      '--data-dir <dir>',
      'workspace directory (default: $AUDIENCE_DATA_DIR or the desktop app’s)',
    )
    .option('--json', 'machine-readable output')
    .version(packageVersion(entryPaths(entryUrl).root), '-V, --version', 'print the version')
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({
      writeOut: (text) => streams.stdout.write(text),
      writeErr: (text) => streams.stderr.write(text),
    })
  registerTaskCommands(program, io, entryUrl)
  registerConnectionCommands(program, io, entryUrl)
  registerPredictCommand(program, io, entryUrl)
  registerReviewCommand(program, io, entryUrl)
  registerDatasetCommands(program, io, entryUrl)
  registerModelCommands(program, io, entryUrl)
  registerMlCommands(program, io, entryUrl)
  registerLearnCurveCommand(program, io)
  return program
}

/** Runs the CLI and returns the exit code: 0 ok, 1 failure, 2 bad usage. */
export async function runCli(
  argv: string[],
  streams: CliStreams,
  entryUrl: string,
): Promise<number> {
  const program = buildProgram(streams, entryUrl)
  try {
    await program.parseAsync(argv, { from: 'user' })
    return EXIT.ok
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version')
        return EXIT.ok
      if (error.code === 'commander.help') return EXIT.ok
      return EXIT.usage
    }
    if (error instanceof CliError) {
      streams.stderr.write(`audience: ${error.message}\n`)
      return error.exitCode
    }
    streams.stderr.write(`audience: ${error instanceof Error ? error.message : String(error)}\n`)
    return EXIT.failure
  }
}
