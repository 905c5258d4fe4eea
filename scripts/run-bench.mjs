/**
 * npm run bench:<name> -- [args]: bundles bench/<name>.ts with esbuild and runs it with plain node,
 * so a benchmark measures the code the app runs (peak RSS especially), without tsx's loader thread.
 * The threads the ml code starts itself (linear-solve.worker) are bundled beside it, where it looks.
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { build } from 'esbuild'

const [name, ...args] = process.argv.slice(2)
const root = join(import.meta.dirname, '..')
const outDir = join(root, 'node_modules', '.cache', 'bench')
mkdirSync(outDir, { recursive: true })
const outfile = join(outDir, `${name}.mjs`)
await build({
  entryPoints: [join(root, 'bench', `${name}.ts`)],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  packages: 'external',
  logLevel: 'warning',
})
await build({
  entryPoints: [join(root, 'src-worker', 'linear-solve.worker.ts')],
  outfile: join(outDir, 'linear-solve.worker.mjs'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  packages: 'external',
  logLevel: 'warning',
})
const run = spawnSync(process.execPath, [outfile, ...args], { stdio: 'inherit' })
process.exit(run.status ?? 1)
