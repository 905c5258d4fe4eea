// `npm start`: build, make sure Electron has its own better-sqlite3 build, open the desktop window.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { electronSqliteBinding } from './electron-native.mjs'

const require = createRequire(import.meta.url)
const root = join(dirname(fileURLToPath(import.meta.url)), '..')

function electronBinary() {
  try {
    const path = require('electron') // the package exports the binary's path
    return typeof path === 'string' && existsSync(path) ? path : null
  } catch {
    return null
  }
}

const binary = electronBinary()
if (!binary) {
  console.error(
    [
      "Electron's binary is not installed here (ELECTRON_SKIP_BINARY_DOWNLOAD was set, or its download failed).",
      'Install it with `node node_modules/electron/install.js` where downloads are possible,',
      'or use the browser mode: `npm run serve` prints a URL to open in Chromium.',
    ].join('\n'),
  )
  process.exit(1)
}

const build = spawnSync(
  process.execPath,
  [require.resolve('electron-vite/bin/electron-vite.js'), 'build'],
  {
    cwd: root,
    stdio: 'inherit',
  },
)
if (build.status !== 0) process.exit(build.status ?? 1)
electronSqliteBinding()

const child = spawn(binary, [root], { stdio: 'inherit', env: { ...process.env } })
child.on('exit', (code) => process.exit(code ?? 0))
