import { spawn, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'

export interface CrashChild {
  child: ChildProcess
  pid: number
  /** The id of the task it runs. */
  id: string
  /** SIGKILL, resolved once the process is gone. */
  kill(): Promise<void>
}

/** Starts test/helpers/task-crash-child.ts on `file` and waits until its task runs. */
export async function startCrashChild(file: string, ...args: string[]): Promise<CrashChild> {
  const script = join(import.meta.dirname, 'task-crash-child.ts')
  const child = spawn(process.execPath, ['--import', 'tsx', script, file, ...args])
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const id = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      const match = /started ([0-9a-f]{32})/.exec(chunk.toString())
      if (match?.[1]) resolve(match[1])
    })
    child.once('exit', (code) => reject(new Error(`child exited early with ${code}: ${stderr}`)))
  })
  if (child.pid === undefined) throw new Error('the child has no pid')
  return {
    child,
    pid: child.pid,
    id,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
      await exited
    },
  }
}
