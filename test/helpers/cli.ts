import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { runCli } from '../../src-main/cli/program'
import { repoRoot } from './core-harness'

export interface CliRun {
  code: number | null
  stdout: string
  stderr: string
}

export const AUDIENCE_BIN = join(repoRoot, 'bin', 'audience.js')

/** Starts the real `audience` command on a workspace, as a user's shell would. */
export function spawnAudience(
  dataDir: string,
  args: readonly string[],
  env: Record<string, string> = {},
): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, [AUDIENCE_BIN, ...args], {
    env: { ...process.env, AUDIENCE_DATA_DIR: dataDir, ...env },
  })
}

/** Collects a started command's output and exit code. */
export function finished(child: ChildProcessWithoutNullStreams): Promise<CliRun> {
  return new Promise((resolve) => {
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()))
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()))
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}

/** Runs the real `audience` command to its end. */
export const runAudience = (
  dataDir: string,
  args: readonly string[],
  env: Record<string, string> = {},
): Promise<CliRun> => finished(spawnAudience(dataDir, args, env))

/** The CLI's source entry, which in-process runs hand to the workers they start. */
const CLI_ENTRY_URL = pathToFileURL(join(repoRoot, 'src-main', 'cli', 'main.ts')).href

/** Runs `audience …` in this process, collecting what it writes and its exit code. */
export async function runCliInProcess(args: readonly string[]): Promise<CliRun> {
  let stdout = ''
  let stderr = ''
  const code = await runCli(
    [...args],
    {
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { write: (text: string) => (stderr += text) },
    },
    CLI_ENTRY_URL,
  )
  return { code, stdout, stderr }
}
