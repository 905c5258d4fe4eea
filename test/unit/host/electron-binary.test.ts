import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { findElectronBinary } from '../../../scripts/electron-binary.mjs'
import { sqliteDriverName } from '../../../src-main/core/db/sqlite-driver'
import { makeTempDir } from '../../helpers/temp-dir'

const temps: (() => void)[] = []
afterEach(() => temps.splice(0).forEach((cleanup) => cleanup()))

function fakeProject(files: Record<string, string>): string {
  const temp = makeTempDir()
  temps.push(temp.cleanup)
  for (const [name, text] of Object.entries(files)) {
    const file = join(temp.dir, 'node_modules', 'electron', name)
    mkdirSync(join(file, '..'), { recursive: true })
    writeFileSync(file, text)
  }
  return temp.dir
}

const pkg = JSON.stringify({ name: 'electron', version: '45.5.0' })

describe("Electron's binary, found by its files", () => {
  it('is missing until fetched, and says so', () => {
    expect(findElectronBinary(fakeProject({}))).toMatchObject({ path: null })
    expect(findElectronBinary(fakeProject({ 'package.json': pkg }))).toEqual({
      path: null,
      version: '45.5.0',
      reason: "Electron 45.5.0's binary was never fetched",
    })
  })

  it('refuses a binary of another version left in dist', () => {
    const root = fakeProject({
      'package.json': pkg,
      'path.txt': 'electron',
      'dist/version': 'v41.7.1',
      'dist/electron': '',
    })
    expect(findElectronBinary(root).reason).toBe(
      'the binary in node_modules/electron/dist is 41.7.1, not 45.5.0',
    )
  })

  it('finds a fetched binary', () => {
    const root = fakeProject({
      'package.json': pkg,
      'path.txt': 'electron',
      'dist/version': 'v45.5.0',
      'dist/electron': '',
    })
    expect(findElectronBinary(root)).toEqual({
      path: join(root, 'node_modules', 'electron', 'dist', 'electron'),
      version: '45.5.0',
      reason: null,
    })
  })

  it('the repo has the electron package but, on this machine, maybe no binary; it never downloads', () => {
    // Nothing to assert about the machine; the call must simply return without fetching anything.
    const found = findElectronBinary(join(import.meta.dirname, '..', '..', '..'))
    expect(found.version).toMatch(/^45\./)
  })
})

describe('SQLite driver per runtime', () => {
  it('Electron runtimes use the N-API 13.x copy; plain Node the 12.x build', () => {
    expect(sqliteDriverName({ ...process.versions, electron: '45.5.0' })).toBe(
      'better-sqlite3-electron',
    )
    const { electron: _e, ...node } = process.versions
    expect(sqliteDriverName(node as NodeJS.ProcessVersions)).toBe('better-sqlite3')
  })
})
