import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, readdirSync, symlinkSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ApiEventMessage } from '../../src-main/api/events'
import { createCoreRelay } from '../../src-main/electron/core-relay'
import { entryPaths } from '../../src-main/host/entry-paths'
import { makeFakeInstall, type FakeInstall } from '../helpers/fake-install'
import { repoRoot } from '../helpers/core-harness'
import { forkHost } from '../helpers/host-process'
import { makeTempDir } from '../helpers/temp-dir'

interface Run {
  code: number | null
  stdout: string
  stderr: string
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env: { ...process.env, ...env }, cwd: '/' })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()))
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()))
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}

let temp: ReturnType<typeof makeTempDir>
let install: FakeInstall

beforeAll(() => {
  temp = makeTempDir('audience-install-')
  install = makeFakeInstall(temp.dir)
})
afterAll(() => temp.cleanup())

describe('installed layout (app.asar + app.asar.unpacked), without Electron', () => {
  it('entry paths point workers at app.asar.unpacked and demo data at resources/resources', () => {
    const paths = entryPaths(pathToFileURL(join(install.asar, 'out', 'main', 'cli.js')).href)
    expect(paths).toEqual({
      root: install.asar,
      packaged: true,
      resourcesDir: join(install.resourcesPath, 'resources'),
      rendererDir: join(install.asar, 'out', 'renderer'),
      workerDir: join(install.unpacked, 'out', 'main'),
    })
    const workers = readdirSync(paths.workerDir).filter((f) => f.endsWith('.worker.js'))
    // Every worker entry the build defines is there.
    const built = readFileSync(join(repoRoot, 'electron.vite.config.ts'), 'utf8')
    const defined = [...built.matchAll(/'([\w-]+\.worker)':/g)].map((m) => `${m[1]}.js`)
    expect(defined.length).toBeGreaterThan(5)
    expect(workers.sort()).toEqual(defined.sort())
    expect(existsSync(join(paths.resourcesDir, 'demo'))).toBe(true)
  })

  it('every worker loads from app.asar.unpacked alone (its chunks and packages were unpacked too)', async () => {
    const files = readdirSync(join(install.unpacked, 'out', 'main'))
      .filter((f) => f.endsWith('.worker.js'))
      .map((f) => pathToFileURL(join(install.unpacked, 'out', 'main', f)).href)
    // Run from outside the repo, so nothing resolves from the checkout's node_modules.
    const loaded = await run(
      process.execPath,
      ['--input-type=module', '-e', `for (const f of ${JSON.stringify(files)}) await import(f)`],
      {},
    )
    expect(loaded.stderr).toBe('')
    expect(loaded.code).toBe(0)
    const piscinaWorker = join(install.unpacked, 'node_modules', 'piscina', 'dist', 'worker.js')
    expect(existsSync(piscinaWorker)).toBe(true)
  })

  it("better-sqlite3's Electron binary for this platform sits unpacked where its loader looks", () => {
    const prebuilt = join(
      install.unpacked,
      'node_modules',
      'better-sqlite3-electron',
      'prebuilds',
      `${process.platform}-${process.arch}.node`,
    )
    const header = readFileSync(prebuilt).subarray(0, 4)
    expect(header.equals(Buffer.from([0x7f, 0x45, 0x4c, 0x46]))).toBe(true) // ELF
    const loader = readFileSync(
      join(install.asar, 'node_modules', 'better-sqlite3-electron', 'lib', 'binding.js'),
      'utf8',
    )
    expect(loader).toContain("path.join(__dirname, '..', 'prebuilds', `${target}.node`)")
    // A worker (running from app.asar.unpacked) finds the Electron driver without the archive.
    const fromWorker = createRequire(join(install.unpacked, 'out', 'main', 'worker.js'))
    expect(fromWorker.resolve('better-sqlite3-electron')).toBe(
      join(install.unpacked, 'node_modules', 'better-sqlite3-electron', 'lib', 'index.js'),
    )
  })

  it('the built core host runs from the installed layout; its workers start from unpacked', async () => {
    const paths = entryPaths(pathToFileURL(join(install.asar, 'out', 'main', 'core-host.js')).href)
    const relay = createCoreRelay({
      spawn: () => forkHost(join(install.asar, 'out', 'main', 'core-host.js'), [], []),
      config: () => ({
        dataDir: join(temp.dir, 'host-data'),
        logDir: join(temp.dir, 'logs'),
        resourcesDir: paths.resourcesDir,
        workerDir: paths.workerDir,
        appVersion: '1.0.0',
        maxThreads: 1,
        seedDemo: false,
      }),
    })
    try {
      await relay.start()
      const finished = new Promise<string>((resolve) =>
        relay.subscribe((m: ApiEventMessage) => {
          if (m.event === 'task.updated' && ['SUCCESS', 'FAILURE'].includes(m.payload.status))
            resolve(m.payload.error?.message ?? m.payload.status)
        }),
      )
      const started = await relay.call('system.startSelfTest', { steps: 2, stepMs: 0 })
      expect(started.ok).toBe(true)
      expect(await finished).toBe('SUCCESS')
    } finally {
      await relay.close()
    }
  })

  it('the `audience` launcher runs the CLI through the app binary in RunAsNode mode', async () => {
    const dataDir = join(temp.dir, 'cli-data')
    const env = { AUDIENCE_DATA_DIR: dataDir, ELECTRON_RUN_AS_NODE: '' }
    // Through a symlink on PATH, the way a user installs it.
    const bin = join(temp.dir, 'usr', 'local', 'bin')
    mkdirSync(bin, { recursive: true })
    symlinkSync(install.launcher, join(bin, 'audience'))
    const audience = join(bin, 'audience')

    const help = await run(audience, ['--help'], env)
    expect(help.stderr).toBe('')
    expect(help.code).toBe(0)
    expect(help.stdout).toContain('dataset')

    const name = `Name with "quotes", 'apostrophes' and  spaces`
    const created = await run(audience, ['dataset', 'create', name], env)
    expect(created.code).toBe(0)
    const list = await run(audience, ['--json', 'dataset', 'list'], env)
    expect(list.code).toBe(0)
    const names = (JSON.parse(list.stdout) as { name: string }[]).map((d) => d.name)
    // The demo is seeded from resources/resources, so the packaged resources path resolved.
    expect(names).toEqual(expect.arrayContaining([name, 'Demo: audience posts']))

    const bad = await run(audience, ['frobnicate'], env)
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain("unknown command 'frobnicate'")
  })
})
