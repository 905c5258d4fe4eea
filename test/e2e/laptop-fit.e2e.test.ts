import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openAppSession, type AppSession } from '../helpers/app-session'
import type { AppShell, Section } from './pages/app-shell'
import { contrastViolations, horizontalOverflow, setTheme } from './pages/layout-probe'

const MAIN_SCREENS: Section[] = [
  'Datasets',
  'Annotate',
  'Rules',
  'Models',
  'Predict',
  'Connections',
  'Settings',
]

describe('the main screens fit a laptop and are readable, in both themes', () => {
  let app: AppSession
  let page: Page
  let shell: AppShell

  beforeAll(async () => {
    app = await openAppSession({ context: { viewport: { width: 1366, height: 768 } } })
    page = app.page
    shell = app.shell
  })

  afterAll(() => app?.close())

  for (const size of [
    { width: 1366, height: 768 },
    { width: 1280, height: 720 },
  ]) {
    it(`nothing overflows the page horizontally at ${size.width}×${size.height}`, async () => {
      await page.setViewportSize(size)
      const problems: string[] = []
      for (const screen of MAIN_SCREENS) {
        await shell.goto(screen)
        problems.push(...(await horizontalOverflow(page)).map((p) => `${screen}: ${p}`))
      }
      await shell.tasksToggle.click()
      problems.push(...(await horizontalOverflow(page)).map((p) => `Tasks drawer: ${p}`))
      await shell.tasksToggle.click()
      expect(problems).toEqual([])
    })
  }

  for (const theme of ['light', 'dark'] as const) {
    it(`text contrast passes axe-core on the main screens (${theme})`, async () => {
      await page.setViewportSize({ width: 1366, height: 768 })
      await setTheme(page, theme)
      const problems: string[] = []
      for (const screen of MAIN_SCREENS) {
        await shell.goto(screen)
        await setTheme(page, theme)
        problems.push(...(await contrastViolations(page)).map((p) => `${screen}: ${p}`))
      }
      expect(problems).toEqual([])
    })
  }
})
