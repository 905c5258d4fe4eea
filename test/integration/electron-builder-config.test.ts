import { FuseV1Options } from '@electron/fuses'
// electron-builder's own loader and schema check (what `electron-builder` runs before building).
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config'
import { DebugLogger } from 'builder-util'
import type { Configuration } from 'electron-builder'
import { execFileSync } from 'node:child_process'
import { readFileSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  ASAR_UNPACK,
  LAUNCHER_DIR,
  LINUX_EXECUTABLE,
  WINDOWS_EXECUTABLE,
} from '../../electron-builder'
import { repoRoot } from '../helpers/core-harness'

const load = () => getConfig(repoRoot, null, null)
// electron-builder's YAML parser (no types shipped).
const yaml = createRequire(import.meta.url)('js-yaml') as { load(text: string): unknown }
const targets = (platform: Configuration['win'] | Configuration['linux']) =>
  (platform?.target as { target: string; arch: string[] }[]).map(
    (t) => `${t.target}:${t.arch.join()}`,
  )

describe('electron-builder configuration', () => {
  it('is found by electron-builder and passes its schema', async () => {
    const config = await load()
    expect(config.appId).toBe('org.audience.desktop')
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined()
  })

  it('the schema check is real: a wrong option type is refused', async () => {
    const config = await load()
    const broken: unknown = { ...config, nsis: { ...config.nsis, perMachine: 'yes' } }
    await expect(
      validateConfiguration(broken as Configuration, new DebugLogger(false)),
    ).rejects.toThrow(/perMachine/)
  })

  it('builds Windows NSIS per-user + portable and Linux AppImage + .deb, for x64', async () => {
    const config = await load()
    expect(targets(config.win)).toEqual(['nsis:x64', 'portable:x64'])
    expect(targets(config.linux)).toEqual(['AppImage:x64', 'deb:x64'])
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: false, allowElevation: false })
    expect(config.nsis?.deleteAppDataOnUninstall).toBe(false)
    expect(config.publish).toBeNull()
  })

  it('never rebuilds native modules: better-sqlite3 for Electron is prebuilt', async () => {
    const config = await load()
    expect(config).toMatchObject({
      npmRebuild: false,
      nodeGypRebuild: false,
      buildDependenciesFromSource: false,
    })
    const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>
      devDependencies: Record<string, string>
    }
    // What the installers ship: the N-API copy, not the 12.x built for the test machine's Node.
    expect(pkg.dependencies['better-sqlite3-electron']).toMatch(/^npm:better-sqlite3@\^?13\./)
    expect(pkg.dependencies['better-sqlite3']).toBeUndefined()
    for (const platform of ['win32-x64', 'linux-x64']) {
      const binary = join(
        repoRoot,
        'node_modules',
        'better-sqlite3-electron',
        'prebuilds',
        `${platform}.node`,
      )
      expect(statSync(binary).size).toBeGreaterThan(100_000)
    }
    expect(config.win?.files).toContain(
      '!node_modules/better-sqlite3-electron/prebuilds/!(win32-x64).node',
    )
    expect(config.linux?.files).toContain(
      '!node_modules/better-sqlite3-electron/prebuilds/!(linux-x64).node',
    )
  })

  it('unpacks worker files and native binaries beside app.asar', async () => {
    const config = await load()
    expect(config.asar).toBe(true)
    expect(config.asarUnpack).toEqual([...ASAR_UNPACK])
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['out/main/**', '**/*.node']))
    expect(config.extraResources).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ from: 'resources', to: 'resources' }),
        { from: 'build/launcher', to: LAUNCHER_DIR },
      ]),
    )
  })

  it('sets the fuses: cookie encryption, ASAR integrity and only-load-from-ASAR on', async () => {
    const config = await load()
    expect(config.electronFuses).toMatchObject({
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      grantFileProtocolExtraPrivileges: false,
      // The CLI launcher runs the app binary as Node.
      runAsNode: true,
    })
    // Every fuse @electron/fuses knows (bar the macOS-only snapshot one) is decided, none left to default.
    const decided = Object.keys(config.electronFuses ?? {})
    expect(decided.length).toBeGreaterThanOrEqual(
      Object.keys(FuseV1Options).filter((k) => Number.isNaN(Number(k))).length - 1,
    )
  })

  it('ships the icon set and launchers it names', async () => {
    const config = await load()
    expect(statSync(join(repoRoot, String(config.win?.icon))).size).toBeGreaterThan(1000)
    for (const size of [16, 32, 48, 64, 128, 256, 512])
      expect(
        statSync(join(repoRoot, String(config.linux?.icon), `${size}x${size}.png`)).isFile(),
      ).toBe(true)
    expect(config.linux?.executableName).toBe(LINUX_EXECUTABLE)
    expect(config.win?.executableName).toBe(WINDOWS_EXECUTABLE)
    const sh = readFileSync(join(repoRoot, 'build', 'launcher', 'audience'), 'utf8')
    const cmd = readFileSync(join(repoRoot, 'build', 'launcher', 'audience.cmd'), 'utf8')
    expect(sh).toContain(`"$install_dir/${LINUX_EXECUTABLE}"`)
    expect(cmd).toContain(`"%INSTALL_DIR%\\${WINDOWS_EXECUTABLE}.exe"`)
    expect(cmd).toContain('\\resources\\app.asar\\out\\main\\cli.js')
    expect(cmd).toContain('set ELECTRON_RUN_AS_NODE=1')
    // Executable as git records it (so on every checkout, Windows included, and in the installers).
    const staged = execFileSync('git', ['ls-files', '-s', 'build/launcher/audience'], {
      cwd: repoRoot,
      encoding: 'utf8',
    })
    expect(staged.split(' ')[0]).toBe('100755')
  })

  it('the release workflow builds both OSes on version tags with `npm run dist`', () => {
    const workflow = yaml.load(
      readFileSync(join(repoRoot, '.github', 'workflows', 'release.yml'), 'utf8'),
    ) as {
      on: { push: { tags: string[] } }
      jobs: {
        installers: {
          strategy: { matrix: { include: { os: string }[] } }
          steps: { run?: string }[]
        }
      }
    }
    expect(workflow.on.push.tags).toEqual(['v*'])
    const job = workflow.jobs.installers
    expect(job.strategy.matrix.include.map((i) => i.os)).toEqual([
      'ubuntu-latest',
      'windows-latest',
    ])
    const runs = job.steps.map((s) => s.run ?? '')
    expect(runs).toContain('npm ci --no-audit --no-fund')
    expect(runs).toContain('npm run dist')
    expect(runs.some((r) => r.startsWith('npx @electron/fuses read'))).toBe(true)
  })
})
