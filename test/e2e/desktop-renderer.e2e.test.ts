import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApiClient } from '../../src-main/api/client'
import { memoryTransport } from '../../src-main/core/memory-transport'
import { openAppSession, type AppSession } from '../helpers/app-session'
import { startBridgeHarness, type BridgeHarness } from '../helpers/bridge-harness'
import { launchBrowser } from '../helpers/browser'
import { AppShell } from './pages/app-shell'
import { DatasetsPage } from './pages/datasets-page'
import { PredictPage } from './pages/predict-page'

/** What the fake preload recorded: dialogs asked for, files revealed. */
interface DesktopLog {
  picks: { purpose: string; options?: { defaultName?: string } }[]
  revealed: string[]
}

/**
 * The renderer as the desktop window runs it, in Chromium without Electron: `window.desktop` is a
 * stand-in for the preload whose calls go to the bridge, whose dialogs answer with the path the
 * test sets, and whose menu the test clicks. Electron's own side is tested in the Electron smoke test.
 */
function fakePreload({ token }: { token: string }) {
  const listeners = new Set<(command: string) => void>()
  const log: DesktopLog & { next: string | null } = { picks: [], revealed: [], next: null }
  Object.assign(globalThis, {
    __desktop: {
      log,
      pickNext: (path: string | null) => (log.next = path),
      menu: (command: string) => listeners.forEach((l) => l(command)),
    },
    desktop: {
      call: async (method: string, params: unknown) => {
        const response = await fetch(`/api/call/${encodeURIComponent(method)}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ params: params ?? {} }),
        })
        return response.json()
      },
      subscribe: () => () => {},
      pickPath: async (purpose: string, options?: { defaultName?: string }) => {
        log.picks.push(options ? { purpose, options } : { purpose })
        return log.next
      },
      showInFolder: async (path: string) => {
        log.revealed.push(path)
      },
      onMenuCommand: (listener: (command: string) => void) => {
        listeners.add(listener)
        return () => listeners.delete(listener)
      },
    },
  })
}

describe('renderer in the desktop window (native dialogs give paths, menu commands)', () => {
  let app: AppSession
  let harness: BridgeHarness
  let page: Page
  let shell: AppShell

  const pickNext = (path: string | null) =>
    page.evaluate(
      (p) =>
        (
          globalThis as unknown as { __desktop: { pickNext(p: string | null): void } }
        ).__desktop.pickNext(p),
      path,
    )
  const menu = (command: string) =>
    page.evaluate(
      (c) => (globalThis as unknown as { __desktop: { menu(c: string): void } }).__desktop.menu(c),
      command,
    )
  const desktopLog = () =>
    page.evaluate(() => (globalThis as unknown as { __desktop: { log: DesktopLog } }).__desktop.log)

  beforeAll(async () => {
    app = await openAppSession({
      prepare: (context, bridge) => context.addInitScript(fakePreload, { token: bridge.token }),
    })
    harness = app.harness
    page = app.page
    shell = app.shell
    page.on('download', () => app.pageErrors.push('a download started in the desktop window'))
  })

  afterAll(() => app?.close())

  it('exports a dataset to the path chosen in the Save dialog, then reveals it', async () => {
    const datasets = new DatasetsPage(page)
    await datasets.item('Demo: audience posts').click()
    const target = join(harness.dataDir, '..', `${harness.port}-demo export.jsonl`)
    await pickNext(target)
    const section = datasets.exportSection('Demo: audience posts')
    await section.getByRole('button', { name: 'Export', exact: true }).click()
    const result = page.getByRole('status', { name: 'Export result' })
    await result.getByText(target).waitFor()
    expect(readFileSync(target, 'utf8').split('\n').filter(Boolean)).toHaveLength(400)
    await result.getByRole('button', { name: 'Show in folder' }).click()
    const log = await desktopLog()
    expect(log.picks.at(-1)).toMatchObject({
      purpose: 'dataset-export',
      options: { defaultName: expect.stringMatching(/^demo-audience-posts-\d{8}-\d{6}\.jsonl$/) },
    })
    expect(log.revealed).toEqual([target])
  })

  it('imports a model file by path and saves one where the user chose', async () => {
    // A model to work with, trained through the same core.
    const api = createApiClient(memoryTransport(harness.core))
    const [dataset] = await api.call('datasets.list', {})
    const { taskId } = await api.call('models.startTraining', {
      datasetId: dataset!.id,
      kind: 'nb',
      name: 'e2e source',
    })
    await harness.core.tasks.settled(taskId)
    const [version] = await api.call('models.list', {})
    const source = join(harness.dataDir, '..', `${harness.port}-shared model.audmodel`)
    await api.call('models.exportFile', { id: version!.id, path: source })

    await shell.goto('Models')
    await pickNext(source)
    await page.getByRole('button', { name: 'Import model file…' }).click()
    await page.getByRole('button', { name: `Rename ${harness.port}-shared model` }).waitFor()
    // No file input exists in the desktop window: the core read the file from its path.
    expect(await page.locator('input[type=file]').count()).toBe(0)

    const saved = join(harness.dataDir, '..', `${harness.port}-saved.audmodel`)
    await pickNext(saved)
    await page.getByRole('button', { name: 'Export model file of e2e source' }).click()
    await page.getByText(`Model file written to ${saved}`).waitFor()
    expect(existsSync(saved)).toBe(true)
    await page.getByRole('button', { name: 'Show in folder' }).click()
    expect((await desktopLog()).revealed).toContain(saved)

    // Cancelling the Save dialog writes nothing.
    await pickNext(null)
    await page.getByRole('button', { name: 'Export model file of e2e source' }).click()
    expect((await desktopLog()).picks.at(-1)).toMatchObject({ purpose: 'model-export' })
  })

  it('predict paths get a Browse… button that fills in the chosen path', async () => {
    await shell.goto('Predict')
    await page.getByRole('button', { name: /New task/ }).click()
    await page.getByRole('radio', { name: 'File' }).first().check()
    await pickNext('/data/posts 2024.csv')
    await page.getByRole('button', { name: 'Browse…' }).first().click()
    const field = page.getByRole('textbox', { name: 'File path', exact: true })
    await page.waitForFunction(
      (input) => (input as { value?: string } | null)?.value === '/data/posts 2024.csv',
      await field.elementHandle(),
    )
    expect((await desktopLog()).picks.at(-1)).toEqual({ purpose: 'predict-source' })
    // The form now holds an unsaved draft: leaving asks first, and this test discards it.
    const predict = new PredictPage(page)
    await predict.form.getByRole('button', { name: 'Close form' }).click()
    await predict.discardDialog.getByRole('button', { name: 'Discard draft' }).click()
    await predict.discardDialog.waitFor({ state: 'detached' })
  })

  it('carries out the menu: New dataset from another screen, shortcuts, theme', async () => {
    await shell.goto('Settings')
    await menu('datasets.new')
    await shell.heading('Datasets').waitFor()
    await page.getByRole('dialog', { name: 'New dataset' }).waitFor()
    await page.keyboard.press('Escape')

    await menu('help.shortcuts')
    const shortcuts = page.getByRole('dialog', { name: 'Keyboard shortcuts' })
    await shortcuts.waitFor()
    expect(await shortcuts.getByText('Toggle the dark theme').count()).toBe(1)
    await page.keyboard.press('Escape')

    const before = await shell.theme()
    await menu('view.toggleTheme')
    expect(await shell.theme()).not.toBe(before)
    expect(app.pageErrors).toEqual([])
  })
})

describe('a screen that fails to render (bridge, in Chromium)', () => {
  let harness: BridgeHarness
  let browser: Browser

  beforeAll(async () => {
    harness = await startBridgeHarness()
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    await harness?.close()
  })

  it('shows an error id and "Reload this screen" instead of a blank window, then recovers', async () => {
    const page = await browser.newPage()
    const shell = new AppShell(page)
    const consoleErrors: string[] = []
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()))
    // A malformed answer makes the Datasets screen throw while rendering.
    const broken = '**/api/call/datasets.list'
    await page.route(broken, (route) =>
      route.fulfill({ contentType: 'application/json', body: '{"ok":true,"result":[null]}' }),
    )
    await page.goto(harness.url)
    const alert = page.getByRole('alert').filter({ hasText: 'This screen stopped working' })
    await alert.waitFor()
    const errorId = await alert.locator('strong.mono').textContent()
    expect(errorId).toMatch(/^[0-9a-f]{8}$/)
    expect(consoleErrors.some((e) => e.includes(`[screen-error ${errorId}] Datasets`))).toBe(true)
    // The rest of the window still works.
    await shell.goto('Settings')
    await shell.goto('Datasets')
    await alert.waitFor()

    await page.unroute(broken)
    await alert.getByRole('button', { name: 'Reload this screen' }).click()
    await new DatasetsPage(page).item('Demo: audience posts').waitFor()
    expect(await alert.count()).toBe(0)
  })
})
