import type { Locator, Page } from 'playwright-core'

export interface KeywordLabel {
  label: string
  /** Typed into the keywords box as is: one keyword per line, or a pasted rules file. */
  keywords: string
}

/** Predict: the task list, the new-task form and a task's page. */
export class PredictPage {
  constructor(readonly page: Page) {}

  get form(): Locator {
    return this.page.getByRole('region', { name: 'New predicting task' })
  }

  async openForm(): Promise<void> {
    await this.page.getByRole('button', { name: 'New task', exact: true }).click()
    await this.form.waitFor()
  }

  source(n: number): Locator {
    return this.form.getByRole('group', { name: `Source ${n}`, exact: true })
  }

  model(n: number): Locator {
    return this.form.getByRole('group', { name: `Model ${n}`, exact: true })
  }

  get output(): Locator {
    return this.form.getByRole('group', { name: 'Output destination' })
  }

  /** Picks from a labelled select by the option's visible text. */
  async choose(scope: Locator, label: string, option: string): Promise<void> {
    const select = scope.getByLabel(label, { exact: true })
    // Options arrive from the catalog; wait for the one we want.
    await select.locator('option', { hasText: option }).first().waitFor({ state: 'attached' })
    const value = await select.locator('option', { hasText: option }).first().getAttribute('value')
    await select.selectOption(value ?? option)
  }

  async mapColumns(n: number, mapping: Record<string, string>, asText: boolean): Promise<void> {
    const source = this.source(n)
    for (const [label, column] of Object.entries(mapping)) {
      if (asText) await source.getByLabel(label, { exact: true }).fill(column)
      else await this.choose(source, label, column)
    }
  }

  async setKeywordLabels(n: number, labels: KeywordLabel[]): Promise<void> {
    const model = this.model(n)
    for (const [i, l] of labels.entries()) {
      if (i > 0) await model.getByRole('button', { name: `Add a label to Model ${n}` }).click()
      const group = model.getByRole('group', { name: `Model ${n} label ${i + 1}` })
      await group.getByLabel('Label', { exact: true }).fill(l.label)
      await group.getByLabel('Keywords', { exact: true }).fill(l.keywords)
    }
  }

  async preview(n: number): Promise<Locator> {
    await this.source(n)
      .getByRole('button', { name: `Preview Source ${n}` })
      .click()
    return this.source(n).getByRole('table', { name: `Preview of Source ${n}` })
  }

  get fieldErrors(): Locator {
    return this.form.locator('.pc-field-error')
  }

  async start(): Promise<void> {
    await this.form.getByRole('button', { name: 'Start predicting' }).click()
  }

  // The task page

  get progressBar(): Locator {
    return this.page.getByRole('main').getByRole('progressbar', { name: /^Progress of / })
  }

  async percent(): Promise<number | null> {
    const value = await this.progressBar.getAttribute('aria-valuenow')
    return value === null ? null : Number(value)
  }

  status(text: string): Locator {
    return this.page
      .getByRole('main')
      .locator('.pc-task-page .panel-header')
      .getByText(text, { exact: true })
  }

  metric(term: string): Locator {
    return this.page
      .locator('dl[aria-label="Live numbers"]')
      .locator('dt', { hasText: term })
      .locator('xpath=following-sibling::dd[1]')
  }

  get abortButton(): Locator {
    return this.page.getByRole('main').getByRole('button', { name: 'Abort', exact: true })
  }

  get resumeButton(): Locator {
    return this.page.getByRole('main').getByRole('button', { name: 'Resume', exact: true })
  }

  get errorPanel(): Locator {
    return this.page.getByRole('alert', { name: 'Task error' })
  }

  get samples(): Locator {
    return this.page.getByRole('region', { name: 'Samples' })
  }

  get sampleStatus(): Locator {
    return this.samples.getByRole('status', { name: 'Sample status' })
  }

  get sampleRows(): Locator {
    return this.samples.getByRole('table', { name: 'Sampled rows' }).locator('tbody tr')
  }

  /** Rows per label as the page's table lists them. */
  async perLabel(): Promise<Record<string, number>> {
    const rows = this.page.getByRole('table', { name: 'Rows per label' }).locator('tbody tr')
    const out: Record<string, number> = {}
    for (const row of await rows.all()) {
      const label = (await row.locator('th').textContent()) ?? ''
      const count = Number(((await row.locator('td').textContent()) ?? '').replace(/\D/g, ''))
      out[label] = count
    }
    return out
  }

  get authorPanel(): Locator {
    return this.page.getByRole('region', { name: 'Author panel' })
  }

  taskRow(title: string): Locator {
    return this.page
      .getByRole('table', { name: 'Predicting tasks' })
      .getByRole('row', { name: title })
  }

  // Reuse: Run again, templates, what a task writes

  get runAgainButton(): Locator {
    return this.page.getByRole('main').getByRole('button', { name: 'Run again', exact: true })
  }

  /** "Save as template" on the task page, named in its dialog. */
  async saveAsTemplate(name: string): Promise<void> {
    await this.page.getByRole('main').getByRole('button', { name: 'Save as template' }).click()
    const dialog = this.page.getByRole('dialog', { name: 'Save as template' })
    await dialog.getByLabel('Template name').fill(name)
    await dialog.getByRole('button', { name: 'Save template' }).click()
    await dialog.waitFor({ state: 'detached' })
  }

  get startFrom(): Locator {
    return this.page.getByRole('combobox', { name: 'Start from…' })
  }

  /** The files and tables the task page says it writes, as "role location" lines. */
  async writes(): Promise<string[]> {
    const items = this.page.getByRole('main').locator('ul.pc-outputs > li')
    await items.first().waitFor()
    return Promise.all(
      (await items.all()).map(async (li) => {
        const role = (await li.locator('.pc-output-role').textContent()) ?? ''
        return `${role} ${(await li.locator('.mono').textContent()) ?? ''}`
      }),
    )
  }

  get writtenNote(): Locator {
    return this.page.getByLabel('Labels written, explained')
  }

  get discardDialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Discard the draft?' })
  }
}
