import type { Locator, Page } from 'playwright-core'

/** The Rules screen: rule sets with the live workbench, and exclusion sets. */
export class RulesPage {
  constructor(readonly page: Page) {}

  get datasetPicker(): Locator {
    return this.page.getByRole('combobox', { name: 'Dataset' })
  }

  async importRuleFiles(paths: string[], name: string): Promise<void> {
    const form = this.page.getByRole('form', { name: 'Import rule files' })
    await form.getByLabel('Rule files').setInputFiles(paths)
    await form.getByRole('textbox', { name: 'Name of the imported set' }).fill(name)
    await form.getByRole('button', { name: /^Import \d+ files$/ }).click()
  }

  get rulesTable(): Locator {
    return this.page.getByRole('table', { name: /^Rules \(\d+\)$/ })
  }

  /** A combobox (the input suggests the set's labels), so found by its label. */
  ruleLabel(n: number): Locator {
    return this.page.getByLabel(`Label of rule ${n}`, { exact: true })
  }

  ruleKeyword(n: number): Locator {
    return this.page.getByRole('textbox', { name: `Keyword of rule ${n}`, exact: true })
  }

  get coverageTable(): Locator {
    return this.page.getByRole('table', { name: 'Per-label coverage' })
  }

  /** The Coverage column of one label in the per-label table, or null while it is not shown. */
  async labelCoverage(label: string): Promise<number | null> {
    const row = this.coverageTable
      .getByRole('row')
      .filter({ has: this.page.getByRole('rowheader', { name: label, exact: true }) })
    if ((await row.count()) === 0) return null
    const cells = await row.getByRole('cell').allTextContents()
    return cells[0] === undefined ? null : Number(cells[0])
  }

  /** Text of the workbench's status line ("400 documents · 3 ms" or "Updating…"). */
  async workbenchStatus(): Promise<string> {
    return (
      (await this.page
        .getByRole('region', { name: 'Per-label coverage' })
        .getByRole('status')
        .textContent()) ?? ''
    )
  }

  get highlights(): Locator {
    return this.page.locator('.rl-matches mark')
  }
}
