// `npm start`: build, then open the desktop window with Electron's binary, or say exactly what to do.
import { spawn, spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { findElectronBinary } from './electron-binary.mjs'

const require = createRequire(import.meta.url)
const root = join(dirname(fileURLToPath(import.meta.url)), '..')

const binary = findElectronBinary(root)
if (!binary.path) {
  console.error(
    [
      `Electron's binary is not on this machine: ${binary.reason}.`,
      'Since Electron 42, `npm install` no longer downloads it. Either:',
      '  • fetch it once where downloads are possible:  npx install-electron   then  npm start',
      '  • or run the same app in a browser, offline:    npm run serve',
      '    (it prints a URL on 127.0.0.1 to open in Chromium or any browser on this machine)',
    ].join('\n'),
  )
  process.exit(1)
}

const build = spawnSync(
  process.execPath,
  [require.resolve('electron-vite/bin/electron-vite.js'), 'build'],
  { cwd: root, stdio: 'inherit' },
)
if (build.status !== 0) process.exit(build.status ?? 1)

const child = spawn(binary.path, [root], { stdio: 'inherit', env: { ...process.env } })
child.on('exit', (code) => process.exit(code ?? 0))
