import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { ASAR_UNPACK, LAUNCHER_DIR, LINUX_EXECUTABLE } from '../../electron-builder'
import { repoRoot } from './core-harness'

interface PackageJson {
  dependencies?: Record<string, string>
  optionalDependencies?: Record<string, string>
}

const readPackage = (dir: string): PackageJson =>
  JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as PackageJson

/** Where Node would find `name` from `fromDir` (nested node_modules first, then up to the repo). */
function packageDir(name: string, fromDir: string): string | null {
  for (let dir = fromDir; dir.startsWith(repoRoot); dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name)
    if (existsSync(join(candidate, 'package.json'))) return candidate
    if (dir === repoRoot) break
  }
  return null
}

/** The production dependency closure, as electron-builder collects it: top-level names → dirs. */
export function productionPackages(): Map<string, string> {
  const found = new Map<string, string>()
  const visit = (dir: string) => {
    const pkg = readPackage(dir)
    const names = Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies })
    for (const name of names) {
      const at = packageDir(name, dir)
      if (!at || [...found.values()].includes(at)) continue
      if (
        dirname(at) === join(repoRoot, 'node_modules') ||
        dirname(dirname(at)) === join(repoRoot, 'node_modules')
      )
        found.set(name, at)
      visit(at)
    }
  }
  visit(repoRoot)
  return found
}

function filesUnder(dir: string, keep: (file: string) => boolean, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) filesUnder(path, keep, out)
    else if (keep(path)) out.push(path)
  }
  return out
}

export interface FakeInstall {
  /** `<install>`: where the app binary sits. */
  installDir: string
  resourcesPath: string
  asar: string
  unpacked: string
  launcher: string
}

/**
 * An installed app's layout built from `out/` without Electron: `resources/app.asar` is a folder
 * standing in for the archive (its node_modules link the production packages only), the asarUnpack
 * patterns of the electron-builder config are applied into `app.asar.unpacked`, `resources/resources`
 * holds the demo data, `resources/bin` the launchers, and `<install>/audience-desktop` is a stand-in
 * for the app binary that insists on RunAsNode mode and runs this Node.
 *
 * Under plain Node the N-API better-sqlite3 cannot load (it needs Node >= 22), so the stand-in "asar"
 * also links the 12.x build; everything else is what the installer ships.
 */
export function makeFakeInstall(baseDir: string): FakeInstall {
  if (!existsSync(join(repoRoot, 'out', 'main', 'core-host.js')))
    throw new Error('out/ is not built: run `npx electron-vite build` first.')
  const installDir = join(baseDir, 'opt', 'Audience Desktop')
  const resourcesPath = join(installDir, 'resources')
  const asar = join(resourcesPath, 'app.asar')
  const unpacked = `${asar}.unpacked`
  mkdirSync(join(asar, 'node_modules', '@napi-rs'), { recursive: true })
  cpSync(join(repoRoot, 'out'), join(asar, 'out'), { recursive: true })
  cpSync(join(repoRoot, 'package.json'), join(asar, 'package.json'))
  const packages = productionPackages()
  packages.set('better-sqlite3', join(repoRoot, 'node_modules', 'better-sqlite3'))
  for (const [name, dir] of packages) {
    mkdirSync(dirname(join(asar, 'node_modules', name)), { recursive: true })
    symlinkSync(dir, join(asar, 'node_modules', name), 'dir')
  }

  // Like the config's `files` exclusions: better-sqlite3's C sources are not shipped.
  const shipped = (path: string) => !/better-sqlite3-electron[\\/](deps|src)([\\/]|$)/.test(path)
  for (const pattern of ASAR_UNPACK) {
    if (pattern === 'node_modules/**') {
      // The installer's node_modules hold the production packages only.
      for (const [name, dir] of packages) {
        if (name === 'better-sqlite3') continue
        const target = join(unpacked, 'node_modules', name)
        cpSync(dir, target, { recursive: true, dereference: true, filter: shipped })
      }
      continue
    }
    if (pattern === '**/*.node') {
      for (const [name, dir] of packages) {
        if (name === 'better-sqlite3') continue
        for (const file of filesUnder(dir, (f) => f.endsWith('.node'))) {
          const target = join(unpacked, 'node_modules', name, relative(dir, file))
          mkdirSync(dirname(target), { recursive: true })
          cpSync(file, target)
        }
      }
      continue
    }
    const folder = pattern.replace(/\/\*\*$/, '')
    const source = join(repoRoot, folder)
    if (existsSync(source))
      cpSync(source, join(unpacked, folder), {
        recursive: true,
        dereference: true,
        filter: shipped,
      })
  }

  cpSync(join(repoRoot, 'resources'), join(resourcesPath, 'resources'), { recursive: true })
  cpSync(join(repoRoot, 'build', 'launcher'), join(resourcesPath, LAUNCHER_DIR), {
    recursive: true,
  })
  const launcher = join(resourcesPath, LAUNCHER_DIR, 'audience')
  chmodSync(launcher, statSync(join(repoRoot, 'build', 'launcher', 'audience')).mode)

  const binary = join(installDir, LINUX_EXECUTABLE)
  writeFileSync(
    binary,
    [
      '#!/bin/sh',
      '# Stands in for the app binary: only RunAsNode mode is supported here.',
      'if [ "$ELECTRON_RUN_AS_NODE" != 1 ]; then echo "not in RunAsNode mode" >&2; exit 97; fi',
      `exec "${process.execPath}" "$@"`,
      '',
    ].join('\n'),
  )
  chmodSync(binary, 0o755)
  return { installDir, resourcesPath, asar, unpacked, launcher }
}
