// Where Electron's binary is, found by looking at files. Never `require('electron')`: from Electron 42
// on, that starts a download when the binary is missing.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

/** The binary's path, or null with the reason it is not usable. */
export function findElectronBinary(root) {
  const pkgDir = join(root, 'node_modules', 'electron')
  const read = (file) => {
    try {
      return readFileSync(join(pkgDir, file), 'utf8').trim()
    } catch {
      return null
    }
  }
  const pkg = read('package.json')
  if (!pkg)
    return {
      path: null,
      version: null,
      reason: 'the electron package is not installed (run npm install)',
    }
  const version = JSON.parse(pkg).version
  const relative = read('path.txt')
  const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH || join(pkgDir, 'dist')
  if (!relative)
    return { path: null, version, reason: `Electron ${version}'s binary was never fetched` }
  const installed = read(join('dist', 'version'))?.replace(/^v/, '')
  if (!process.env.ELECTRON_OVERRIDE_DIST_PATH && installed !== version)
    return {
      path: null,
      version,
      reason: `the binary in node_modules/electron/dist is ${installed ?? 'missing'}, not ${version}`,
    }
  const path = join(distDir, relative)
  return existsSync(path)
    ? { path, version, reason: null }
    : { path: null, version, reason: `${path} does not exist` }
}
