import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core'
import { AppShell } from '../e2e/pages/app-shell'
import { setTheme, type Theme } from '../e2e/pages/layout-probe'
import { startBridgeHarness, type BridgeHarness } from './bridge-harness'
import { launchBrowser } from './browser'

export interface AppSession {
  harness: BridgeHarness
  browser: Browser
  page: Page
  shell: AppShell
  /** Uncaught errors of the page, for a test to assert there were none. */
  pageErrors: string[]
  close(): Promise<void>
}

interface AppSessionOptions {
  context?: BrowserContextOptions
  /** Runs on the new context before the page opens (init scripts such as a fake preload). */
  prepare?: (context: BrowserContext, harness: BridgeHarness) => Promise<unknown>
  /**
   * The page's theme: the system preference the app follows (so a reload keeps it), settled
   * with `setTheme` before the first step.
   */
  theme?: Theme
}

/**
 * The app in Debian's Chromium over a fresh bridge (its own data directory), open on the Datasets
 * screen, with the page's uncaught errors collected.
 */
export async function openAppSession(options: AppSessionOptions = {}): Promise<AppSession> {
  const harness = await startBridgeHarness()
  const browser = await launchBrowser()
  const { theme } = options
  const context = await browser.newContext({
    ...options.context,
    ...(theme ? { colorScheme: theme } : {}),
  })
  await options.prepare?.(context, harness)
  const page = await context.newPage()
  const pageErrors: string[] = []
  page.on('pageerror', (error) => pageErrors.push(error.message))
  const shell = new AppShell(page)
  await page.goto(harness.url)
  await shell.heading('Datasets').waitFor()
  if (theme) await setTheme(page, theme)
  return {
    harness,
    browser,
    page,
    shell,
    pageErrors,
    close: async () => {
      await browser.close()
      await harness.close()
    },
  }
}
