import { existsSync, mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createCore, DATABASE_FILE } from '../../src-main/core/create-core'
import { openDatabase } from '../../src-main/core/db/sqlite'
import { startCrashChild, type CrashChild } from '../helpers/crash-child'
import { testCoreConfig } from '../helpers/core-harness'
import { makeTempDir } from '../helpers/temp-dir'

const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

describe('start-up clean-up of staging files', () => {
  it('removes what a killed process left under tmp/ and keeps the files of a task alive in another process', async () => {
    const temp = makeTempDir()
    cleanups.push(temp.cleanup)
    const tmp = join(temp.dir, 'tmp')
    const file = join(temp.dir, DATABASE_FILE)
    openDatabase(file).close()
    // Both children freeze their clocks: their heartbeats are old, only the process tells them apart.
    const alive = await startCrashChild(file, '--clock', '1', '--tmp', tmp)
    const killed = await startCrashChild(file, '--clock', '1', '--tmp', tmp)
    const children: CrashChild[] = [alive, killed]
    cleanups.push(() => Promise.all(children.map((c) => c.kill())).then(() => undefined))
    await killed.kill()

    const uploads = join(tmp, 'uploads')
    mkdirSync(uploads, { recursive: true })
    const noTask = `import-${'9'.repeat(32)}.sqlite`
    writeFileSync(join(tmp, noTask), 'no task row')
    writeFileSync(join(uploads, 'old-preview.csv'), 'text\n')
    const hourAgo = new Date(Date.now() - 3_600_000)
    utimesSync(join(uploads, 'old-preview.csv'), hourAgo, hourAgo)
    writeFileSync(join(uploads, 'fresh-preview.csv'), 'text\n')
    writeFileSync(join(tmp, 'notes.txt'), 'not ours to remove')

    const core = await createCore(testCoreConfig(temp.dir, { seedDemo: false }))
    cleanups.push(() => core.close())

    expect(readdirSync(tmp).sort()).toEqual(
      [`import-${alive.id}.sqlite`, 'notes.txt', 'uploads'].sort(),
    )
    expect(readdirSync(uploads).sort()).toEqual(
      [`child-${alive.pid}.csv`, 'fresh-preview.csv'].sort(),
    )
    expect(existsSync(join(uploads, `child-${killed.pid}.csv`))).toBe(false)
    expect(core.tasks.show(killed.id).status).toBe('INTERRUPTED')
    expect(core.tasks.show(alive.id).status).toBe('RUNNING')
  })
})
