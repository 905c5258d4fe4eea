import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openAppSession, type AppSession } from '../helpers/app-session'
import type { BridgeHarness } from '../helpers/bridge-harness'
import { SECTIONS, type AppShell } from './pages/app-shell'
import { SettingsPage } from './pages/settings-page'
import { TasksDrawer } from './pages/tasks-drawer'

const QUICK = 'Worker self-test (20 steps)'
const LONG = 'Worker self-test (600 steps)'

describe('renderer shell through the bridge, in Chromium', () => {
  let app: AppSession
  let harness: BridgeHarness
  let page: Page
  let shell: AppShell

  beforeAll(async () => {
    app = await openAppSession({ context: { colorScheme: 'light' } })
    harness = app.harness
    page = app.page
    shell = app.shell
  })

  afterAll(() => app?.close())

  it('takes the token out of the address bar and keeps it for the tab', async () => {
    expect(page.url()).not.toContain(harness.token)
    expect(page.url()).toBe(`${harness.origin}/#/datasets`)
    expect(await shell.evaluate('sessionStorage.getItem("audience.bridgeToken")')).toBe(
      harness.token,
    )
    await expect.poll(() => shell.connection.textContent()).toContain('Live')
  })

  it('navigates every section, each with its own h1', async () => {
    for (const section of SECTIONS) {
      await shell.goto(section)
      expect(await shell.heading(section).isVisible()).toBe(true)
      expect(await shell.navLink(section).getAttribute('aria-current')).toBe('page')
      // Every section is built now: none may fall back to a "Coming" placeholder.
      expect(await page.getByText('Coming', { exact: true }).count()).toBe(0)
    }
    expect(page.url()).toBe(`${harness.origin}/#/settings`)
  })

  it('switches the theme and keeps the choice across a reload', async () => {
    expect(await shell.theme()).toBe('light')
    await shell.themeToggle.click()
    expect(await shell.theme()).toBe('dark')
    await page.reload()
    await shell.heading('Settings').waitFor()
    expect(await shell.theme()).toBe('dark')
    // The token survived the reload too: the event stream reconnects.
    await expect.poll(() => shell.connection.textContent()).toContain('Live')
    await shell.themeToggle.click()
    expect(await shell.theme()).toBe('light')
  })

  it('shows system.info under Settings → Diagnostics', async () => {
    await shell.goto('Settings')
    const settings = new SettingsPage(page)
    await expect.poll(() => settings.fact('Data directory').textContent()).toBe(harness.dataDir)
    expect(await settings.fact('Schema version').textContent()).toMatch(/^\d+$/)
    expect(await settings.fact('Worker threads').textContent()).toBe('2')
    expect(await settings.fact('Connected through').textContent()).toContain('bridge')
  })

  it('runs the worker self-test and watches it reach 100 % and SUCCESS in the drawer', async () => {
    await shell.goto('Settings')
    await new SettingsPage(page).runSelfTest()
    const drawer = new TasksDrawer(page)
    await drawer.shown()
    await drawer.task(QUICK).waitFor()
    await expect.poll(() => drawer.percent(QUICK), { timeout: 30_000 }).toBe(100)
    await drawer.status(QUICK, 'SUCCESS').waitFor({ timeout: 10_000 })
    expect(await drawer.abortButton(QUICK).count()).toBe(0)
  })

  it('starts the long self-test, aborts it from the drawer and sees ABORTED', async () => {
    await new SettingsPage(page).runLongSelfTest()
    const drawer = new TasksDrawer(page)
    await drawer.shown()
    await drawer.status(LONG, 'RUNNING').waitFor({ timeout: 20_000 })
    await expect.poll(() => drawer.percent(LONG), { timeout: 20_000 }).toBeGreaterThan(0)
    expect(await shell.tasksToggle.textContent()).toContain('1')

    await drawer.abortButton(LONG).click()
    await drawer.status(LONG, 'ABORTED').waitFor({ timeout: 20_000 })
    expect(await drawer.task(LONG).textContent()).toContain('Aborted by the user')
    expect(await drawer.percent(LONG)).toBeLessThan(100)
    expect(await drawer.abortButton(LONG).count()).toBe(0)

    // The drawer shows what the task registry holds (the demo seed may add tasks of its own).
    const rows = harness.core.tasks.list({ kind: 'system.selftest', limit: 10 })
    expect(rows.map((t) => [t.title, t.status])).toEqual([
      [LONG, 'ABORTED'],
      [QUICK, 'SUCCESS'],
    ])
    await drawer.close()
  })

  it('shows an ApiError from the core as a dismissible toast', async () => {
    await shell.goto('Settings')
    const missing = '0'.repeat(32)
    await new SettingsPage(page).inspectTask(missing)
    const toast = shell.errorToasts.filter({ hasText: missing })
    await toast.waitFor()
    expect(await toast.textContent()).toContain('TASK_NOT_FOUND')
    expect(await toast.textContent()).toContain('does not exist')

    await new SettingsPage(page).inspectTask('not-an-id')
    const invalid = shell.errorToasts.filter({ hasText: 'expected 32 hex digits' })
    await invalid.waitFor()

    await toast.getByRole('button', { name: 'Dismiss notification' }).click()
    await toast.waitFor({ state: 'detached' })
    expect(await invalid.isVisible()).toBe(true)
  })

  it('threw no uncaught errors in the page', () => {
    expect(app.pageErrors).toEqual([])
  })
})
