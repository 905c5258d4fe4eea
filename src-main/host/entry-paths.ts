import { existsSync, readFileSync } from 'node:fs'
import { basename, dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export interface EntryPaths {
  root: string
  resourcesDir: string
  rendererDir: string
  workerDir: string
  workerExecArgv?: string[]
  /** True inside an installed app (the code sits in `resources/app.asar`). */
  packaged: boolean
}

/** The name electron-builder gives the archive that holds the app's code. */
export const ASAR = 'app.asar'

/**
 * Paths for a Node-side entry (main process, core host, bridge, CLI), whether it runs built from
 * out/main, as a .ts source under tsx, or from an installed app. All sit two levels below the app root.
 *
 * Installed, the root is `<install>/resources/app.asar`. Worker threads and native modules cannot be
 * read from inside the archive, so electron-builder unpacks them (asarUnpack) beside it into
 * `app.asar.unpacked`, and the workers are started from there; the demo data and icons are copied as
 * plain files to `<install>/resources/resources` (extraResources).
 */
export function entryPaths(entryUrl: string): EntryPaths {
  const dir = dirname(fileURLToPath(entryUrl))
  const root = resolve(dir, '..', '..')
  if (basename(root) === ASAR) {
    const resourcesPath = dirname(root)
    return {
      root,
      resourcesDir: join(resourcesPath, 'resources'),
      rendererDir: join(root, 'out', 'renderer'),
      workerDir: join(`${root}.unpacked`, 'out', 'main'),
      packaged: true,
    }
  }
  const built = basename(dir) === 'main' && basename(dirname(dir)) === 'out'
  const builtWorkers = join(root, 'out', 'main')
  const useBuilt = built || !existsSync(join(root, 'src-worker'))
  return {
    root,
    resourcesDir: join(root, 'resources'),
    rendererDir: join(root, 'out', 'renderer'),
    workerDir: useBuilt ? builtWorkers : join(root, 'src-worker'),
    ...(useBuilt ? {} : { workerExecArgv: ['--import', 'tsx'] }),
    packaged: false,
  }
}

export function packageVersion(root: string): string {
  try {
    const text = readFileSync(join(root, 'package.json'), 'utf8')
    return (JSON.parse(text) as { version: string }).version
  } catch {
    return '0.0.0'
  }
}
