import { spawn } from 'node:child_process'
import { copyFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { currentOwner, processStart } from '../../../../src-main/core/tasks/owner'
import { makeTempDir } from '../../../helpers/temp-dir'

const cleanups: (() => void)[] = []
afterEach(() => cleanups.splice(0).forEach((c) => c()))

describe.runIf(process.platform === 'linux')('process start times (Linux)', () => {
  it('reads our own start time, the same each time', () => {
    const me = currentOwner()
    expect(me.pid).toBe(process.pid)
    expect(me.start).toMatch(/^[0-9a-f-]{36}:\d+$/)
    expect(processStart(process.pid)).toBe(me.start)
  })

  it('reads a process whose name holds spaces and parentheses, and nothing for a pid that is gone', async () => {
    const temp = makeTempDir()
    cleanups.push(temp.cleanup)
    const odd = join(temp.dir, 'a) (b c')
    copyFileSync('/bin/sleep', odd)
    const child = spawn(odd, ['30'])
    cleanups.push(() => child.kill('SIGKILL'))
    await new Promise((resolve) => child.once('spawn', resolve))
    const pid = child.pid ?? 0
    const start = processStart(pid)
    expect(start).toMatch(/^[0-9a-f-]{36}:\d+$/)
    expect(start).not.toBe(processStart(process.pid))
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill('SIGKILL')
    await exited
    expect(processStart(pid)).toBeNull()
  })
})
