import { _electron as electron } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { findElectronBinary } from '../../scripts/electron-binary.mjs'
import { repoRoot } from '../helpers/core-harness'
import { makeTempDir } from '../helpers/temp-dir'

// Looked up by files only: requiring 'electron' would start a download where the binary is missing.
const binary = findElectronBinary(repoRoot)

if (!binary.path) {
  console.log(
    `Electron smoke test DID NOT RUN: ${binary.reason ?? 'no binary'}. ` +
      'The desktop window was not launched here (fetch the binary with `npx install-electron`).',
  )
}

describe('desktop window (Electron)', () => {
  it.runIf(binary.path !== null)(
    'opens the hardened window from app:// with the core in its own process',
    async () => {
      const temp = makeTempDir()
      const app = await electron.launch({
        executablePath: binary.path!,
        args: [repoRoot],
        env: { ...process.env, AUDIENCE_DATA_DIR: temp.dir },
      })
      try {
        const page = await app.firstWindow()
        await expect.poll(() => page.title()).toBe('Audience Desktop')
        const url = await app.evaluate(({ BrowserWindow }) =>
          BrowserWindow.getAllWindows()[0]!.webContents.getURL(),
        )
        expect(url).toBe('app://audience/index.html')
        // Strings run in the page: no Node in the renderer, only the narrow preload bridge.
        expect(await page.evaluate('typeof window.require')).toBe('undefined')
        expect(await page.evaluate('typeof window.desktop.pickPath')).toBe('function')
        const info = await page.evaluate<{ ok: boolean; result: { host: string } }>(
          "window.desktop.call('system.info', {})",
        )
        expect(info.ok).toBe(true)
        expect(info.result.host).toBe('electron')
        // The core answers from the utility process, not the main process.
        const mainPid = await app.evaluate(() => process.pid)
        const metrics = await app.evaluate(({ app: electronApp }) =>
          electronApp.getAppMetrics().map((m) => ({ pid: m.pid, type: m.type, name: m.name })),
        )
        expect(metrics.some((m) => m.type === 'Utility' && m.pid !== mainPid)).toBe(true)
      } finally {
        await app.close()
        temp.cleanup()
      }
    },
  )
})
