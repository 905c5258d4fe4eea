import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { _electron as electron } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { repoRoot } from '../helpers/core-harness'
import { makeTempDir } from '../helpers/temp-dir'

const require = createRequire(import.meta.url)

function electronBinary(): string | null {
  try {
    const path = require('electron') as unknown
    return typeof path === 'string' && existsSync(path) ? path : null
  } catch {
    return null
  }
}

const binary = electronBinary()
const nativeBinding = join(repoRoot, '.cache', 'electron-native', 'better_sqlite3.node')

if (!binary || !existsSync(nativeBinding)) {
  console.log(
    'Electron smoke test DID NOT RUN: ' +
      (binary
        ? 'better-sqlite3 is not built for Electron (run `npm start` once).'
        : 'this machine has no Electron binary.') +
      ' The desktop window was not launched here.',
  )
}

describe('desktop window (Electron)', () => {
  it.runIf(binary !== null && existsSync(nativeBinding))(
    'opens the hardened window and shows the shell',
    async () => {
      const temp = makeTempDir()
      const app = await electron.launch({
        executablePath: binary!,
        args: [repoRoot],
        env: { ...process.env, AUDIENCE_DATA_DIR: temp.dir },
      })
      try {
        const page = await app.firstWindow()
        await expect.poll(() => page.title()).toBe('Audience Desktop')
        const prefs = await app.evaluate(({ BrowserWindow }) => {
          const wc = BrowserWindow.getAllWindows()[0]!.webContents
          return { url: wc.getURL() }
        })
        expect(prefs.url.startsWith('file://')).toBe(true)
        // Strings run in the page: no Node in the renderer, only the narrow preload bridge.
        expect(await page.evaluate('typeof window.require')).toBe('undefined')
        expect(await page.evaluate('typeof window.desktop')).toBe('object')
      } finally {
        await app.close()
        temp.cleanup()
      }
    },
  )
})
