import { fork } from 'node:child_process'
import { join } from 'node:path'
import type { HostProcess } from '../../src-main/electron/core-relay'
import type { FromHost } from '../../src-main/electron/host-protocol'
import { repoRoot } from './core-harness'

export const CORE_HOST_SOURCE = join(repoRoot, 'src-main', 'electron', 'core-host.ts')

/**
 * Starts a host module as a plain Node child, the way the Electron main process starts it as a
 * utility process: the same messages, cloned the same way (`serialization: 'advanced'`).
 */
export function forkHost(
  file: string = CORE_HOST_SOURCE,
  args: string[] = [],
  execArgv: string[] = ['--import', 'tsx'],
): HostProcess & { pid: number | undefined } {
  const child = fork(file, args, {
    execArgv,
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  return {
    pid: child.pid,
    channel: {
      post: (message) => {
        if (child.connected) child.send(message)
      },
      onMessage: (listener) => child.on('message', (m) => listener(m as FromHost)),
    },
    onExit: (listener) => child.once('exit', (code) => listener(code)),
    kill: () => child.kill('SIGKILL'),
  }
}
