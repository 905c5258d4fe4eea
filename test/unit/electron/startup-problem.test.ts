import { describe, expect, it } from 'vitest'
import { describeStartupFailure } from '../../../src-main/electron/startup-problem'
import { startupDialog } from '../../../src-main/electron/startup-dialog'

const paths = {
  dataDir: '/data',
  databaseFile: '/data/workspace.sqlite',
  logFile: '/logs/core.log',
}
const withCode = (message: string, code: string) => Object.assign(new Error(message), { code })

describe('startup failures', () => {
  it('a damaged database offers a fresh workspace that keeps the old file', () => {
    const problem = describeStartupFailure(
      withCode('file is not a database', 'SQLITE_NOTADB'),
      paths,
    )
    expect(problem).toMatchObject({ kind: 'damaged-workspace', canStartFresh: true })
    expect(problem.message).toContain('/data/workspace.sqlite')
    const dialog = startupDialog(problem)
    expect(dialog.choices.map((c) => c.id)).toEqual([
      'open-folder',
      'start-fresh',
      'open-logs',
      'quit',
    ])
    expect(dialog.detail).toContain('/logs/core.log')
    expect(dialog.detail).toContain('never deleted')
  })

  it('names the fix for a newer workspace, no access, a full disk and a broken install', () => {
    const cases: [unknown, string][] = [
      [
        new Error('The workspace database is at schema version 9, newer than this app knows (6).'),
        'newer-workspace',
      ],
      [withCode('EACCES: permission denied', 'EACCES'), 'no-access'],
      [withCode('ENOSPC: no space left on device', 'ENOSPC'), 'disk-full'],
      [withCode("Cannot find module 'x'", 'ERR_MODULE_NOT_FOUND'), 'incomplete-install'],
      ['something odd', 'other'],
    ]
    for (const [error, kind] of cases) {
      const problem = describeStartupFailure(error, paths)
      expect(problem.kind).toBe(kind)
      expect(problem.canStartFresh).toBe(false)
      expect(problem.fix.length).toBeGreaterThan(20)
      expect(startupDialog(problem).choices.map((c) => c.id)).not.toContain('start-fresh')
    }
  })
})
