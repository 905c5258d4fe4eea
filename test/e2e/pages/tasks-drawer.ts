import type { Locator, Page } from 'playwright-core'
import { expect } from 'vitest'
import { AppShell } from './app-shell'

/** The Tasks drawer, opened from the header. */
export class TasksDrawer {
  private readonly shell: AppShell

  constructor(readonly page: Page) {
    this.shell = new AppShell(page)
  }

  get root(): Locator {
    return this.page.getByRole('complementary', { name: 'Tasks' })
  }

  /** Waits for the drawer that starting a task opens by itself (clicking the toggle then would race it). */
  async shown(): Promise<void> {
    await this.root.waitFor()
    expect(await this.shell.tasksToggle.getAttribute('aria-expanded')).toBe('true')
  }

  async close(): Promise<void> {
    await this.root.getByRole('button', { name: 'Close tasks' }).click()
    await this.root.waitFor({ state: 'detached' })
  }

  task(title: string): Locator {
    return this.root.getByRole('listitem', { name: title, exact: true })
  }

  progressBar(title: string): Locator {
    return this.task(title).getByRole('progressbar')
  }

  /** aria-valuenow of the task's progress bar, as a number (null while indeterminate). */
  async percent(title: string): Promise<number | null> {
    const value = await this.progressBar(title).getAttribute('aria-valuenow')
    return value === null ? null : Number(value)
  }

  status(title: string, status: string): Locator {
    return this.task(title).getByText(status, { exact: true })
  }

  abortButton(title: string): Locator {
    return this.task(title).getByRole('button', { name: /^Abort/ })
  }
}
