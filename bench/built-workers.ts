import { execFileSync } from 'node:child_process'
import { cpSync, existsSync, rmSync } from 'node:fs'
import { dirname, join } from 'node:path'

/** The repository root: a benchmark runs from bench/ (tsx) or bundled under node_modules/.cache. */
export const benchRoot = (() => {
  let dir = import.meta.dirname
  while (!existsSync(join(dir, 'package.json')) || dir.includes('node_modules')) dir = dirname(dir)
  return dir
})()

/**
 * The built workers, as the app runs them (TypeScript workers through tsx cost a JS engine each and
 * much RSS). out/main is built when missing, then copied under node_modules/.cache/<name> so that a
 * rebuild in the shared tree during the run cannot pull the files away; bare imports still resolve
 * from there.
 */
export function snapshotWorkers(name: string): string {
  const built = join(benchRoot, 'out', 'main')
  if (!existsSync(join(built, 'predict.worker.js')))
    execFileSync('npx', ['electron-vite', 'build'], { cwd: benchRoot, stdio: 'inherit' })
  const dir = join(benchRoot, 'node_modules', '.cache', name)
  rmSync(dir, { recursive: true, force: true })
  cpSync(built, dir, { recursive: true })
  return dir
}
