// Builds better-sqlite3 for Electron's ABI into .cache/electron-native, beside (never over) the Node build.
import {
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
  copyFileSync,
} from 'node:fs'
import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const require = createRequire(import.meta.url)
const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const cacheDir = join(root, '.cache', 'electron-native')
const stampFile = join(cacheDir, 'stamp.json')
const binding = join(cacheDir, 'better_sqlite3.node')

export function electronSqliteBinding() {
  const electronVersion = require('electron/package.json').version
  const sqliteVersion = require('better-sqlite3/package.json').version
  const wanted = { electronVersion, sqliteVersion, arch: process.arch }
  const stamp = existsSync(stampFile) ? JSON.parse(readFileSync(stampFile, 'utf8')) : null
  if (existsSync(binding) && JSON.stringify(stamp) === JSON.stringify(wanted)) return binding

  console.log(`Building better-sqlite3 ${sqliteVersion} for Electron ${electronVersion}…`)
  const work = join(cacheDir, 'src')
  rmSync(work, { recursive: true, force: true })
  mkdirSync(cacheDir, { recursive: true })
  const sqliteDir = dirname(require.resolve('better-sqlite3/package.json'))
  cpSync(sqliteDir, work, {
    recursive: true,
    filter: (p) => !p.includes(`${join(sqliteDir, 'build')}`),
  })
  const env = { ...process.env }
  // npm passes its own nodedir (Node's headers) to scripts; Electron needs its own headers instead.
  for (const key of Object.keys(env))
    if (key.toLowerCase().startsWith('npm_config_')) delete env[key]
  const gyp = require.resolve('node-gyp/bin/node-gyp.js')
  const result = spawnSync(
    process.execPath,
    [
      gyp,
      'rebuild',
      '--release',
      `--target=${electronVersion}`,
      `--arch=${process.arch}`,
      '--dist-url=https://electronjs.org/headers',
    ],
    { cwd: work, env, stdio: 'inherit' },
  )
  if (result.status !== 0)
    throw new Error('Building better-sqlite3 for Electron failed (see the output above).')
  copyFileSync(join(work, 'build', 'Release', 'better_sqlite3.node'), binding)
  writeFileSync(stampFile, JSON.stringify(wanted))
  rmSync(work, { recursive: true, force: true })
  return binding
}
