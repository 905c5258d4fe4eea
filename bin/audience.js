#!/usr/bin/env node
// The `audience` command. In a source checkout it runs the TypeScript sources through tsx, so it can never
// be older than the code; a packaged app (no sources) runs the built bundle.
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const source = join(root, 'src-main', 'cli', 'main.ts')
if (existsSync(source) && existsSync(join(root, 'node_modules', 'tsx'))) {
  const { register } = await import('tsx/esm/api')
  register()
  await import(pathToFileURL(source).href)
} else {
  await import(pathToFileURL(join(root, 'out', 'main', 'cli.js')).href)
}
