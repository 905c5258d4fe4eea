import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createFileLog } from '../../../src-main/host/file-log'
import { makeTempDir } from '../../helpers/temp-dir'

const temps: (() => void)[] = []
afterEach(() => temps.splice(0).forEach((cleanup) => cleanup()))

function tempDir(): string {
  const temp = makeTempDir()
  temps.push(temp.cleanup)
  return join(temp.dir, 'logs')
}

const at = () => new Date('2026-01-02T03:04:05.006Z')

describe('rotating file log', () => {
  it('creates the folder and writes timestamped lines with the level, pid and stack', () => {
    const dir = tempDir()
    const log = createFileLog({ dir, name: 'core', now: at })
    log.info('started')
    log.error(new Error('boom'), 'Task failed')
    const text = readFileSync(join(dir, 'core.log'), 'utf8')
    expect(log.file).toBe(join(dir, 'core.log'))
    expect(text).toContain(`2026-01-02T03:04:05.006Z [info] (pid ${process.pid}) started\n`)
    expect(text).toMatch(/\[error\] \(pid \d+\) Task failed: Error: boom\n\s+at /)
  })

  it('rotates past maxBytes and keeps only `keep` old files, newest first', () => {
    const dir = tempDir()
    const log = createFileLog({ dir, name: 'main', maxBytes: 200, keep: 2, now: at })
    const line = (i: number) => `message ${i} ${'x'.repeat(80)}`
    for (let i = 1; i <= 7; i++) log.info(line(i))
    expect(readdirSync(dir).sort()).toEqual(['main.1.log', 'main.2.log', 'main.log'])
    const read = (f: string) => readFileSync(join(dir, f), 'utf8')
    // Two ~130-byte lines never fit in 200 bytes: each file holds one line.
    expect(read('main.log')).toContain('message 7 ')
    expect(read('main.1.log')).toContain('message 6 ')
    expect(read('main.2.log')).toContain('message 5 ')
    expect(existsSync(join(dir, 'main.3.log'))).toBe(false)
    for (const f of readdirSync(dir)) expect(Buffer.byteLength(read(f))).toBeLessThanOrEqual(200)
  })

  it('never throws when the folder cannot be written', () => {
    const dir = tempDir()
    const log = createFileLog({ dir: join(dir, '\0bad'), name: 'core' })
    expect(() => log.info('lost')).not.toThrow()
  })
})
