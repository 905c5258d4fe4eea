import type { Locator, Page } from 'playwright-core'

/** Settings → Diagnostics and the task inspector. */
export class SettingsPage {
  constructor(readonly page: Page) {}

  get diagnostics(): Locator {
    return this.page.getByRole('region', { name: 'Diagnostics' })
  }

  /** The value shown for one Diagnostics fact, e.g. 'Schema version'. */
  fact(term: string): Locator {
    return this.diagnostics
      .locator('dt', { hasText: term })
      .locator('xpath=following-sibling::dd[1]')
  }

  async runSelfTest(): Promise<void> {
    await this.diagnostics.getByRole('button', { name: 'Run worker self-test' }).click()
  }

  async runLongSelfTest(): Promise<void> {
    await this.diagnostics.getByRole('button', { name: 'Run long self-test' }).click()
  }

  async inspectTask(id: string): Promise<void> {
    const inspector = this.page.getByRole('region', { name: 'Inspect a task' })
    await inspector.getByRole('textbox', { name: 'Task id' }).fill(id)
    await inspector.getByRole('button', { name: 'Show task' }).click()
  }
}
