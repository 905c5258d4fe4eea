import { existsSync, readFileSync } from 'node:fs'
import { basename, dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export interface EntryPaths {
  root: string
  resourcesDir: string
  rendererDir: string
  workerDir: string
  workerExecArgv?: string[]
}

/**
 * Paths for a Node-side entry (bridge, CLI), whether it runs built from out/main or as a .ts source
 * under tsx: both sit two levels below the project root.
 */
export function entryPaths(entryUrl: string): EntryPaths {
  const dir = dirname(fileURLToPath(entryUrl))
  const root = resolve(dir, '..', '..')
  const built = basename(dir) === 'main' && basename(dirname(dir)) === 'out'
  const builtWorkers = join(root, 'out', 'main')
  const useBuilt = built || !existsSync(join(root, 'src-worker'))
  return {
    root,
    resourcesDir: join(root, 'resources'),
    rendererDir: join(root, 'out', 'renderer'),
    workerDir: useBuilt ? builtWorkers : join(root, 'src-worker'),
    ...(useBuilt ? {} : { workerExecArgv: ['--import', 'tsx'] }),
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
