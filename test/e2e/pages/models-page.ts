import type { Download, Locator, Page } from 'playwright-core'

/** The Models screen: training form, versions, a version's report, details and compare. */
export class ModelsPage {
  constructor(readonly page: Page) {}

  get trainForm(): Locator {
    return this.page.getByRole('region', { name: 'Train a model' })
  }

  async chooseModelType(label: string): Promise<void> {
    await this.trainForm.getByRole('combobox', { name: 'Model type' }).selectOption({ label })
  }

  async chooseDataset(name: RegExp | string): Promise<void> {
    const select = this.trainForm.getByRole('combobox', { name: 'Dataset' })
    const options = await select.locator('option').allTextContents()
    const wanted = options.find((o) => (typeof name === 'string' ? o.includes(name) : name.test(o)))
    if (!wanted) throw new Error(`No dataset option matches ${String(name)}: ${options.join(', ')}`)
    await select.selectOption({ label: wanted })
  }

  async chooseCalibration(label: string): Promise<void> {
    await this.trainForm
      .getByRole('combobox', { name: 'Probability calibration' })
      .selectOption({ label })
  }

  /** A number field of the chosen model type's parameters, by its label. */
  async setParam(label: string, value: number): Promise<void> {
    await this.trainForm.getByRole('spinbutton', { name: label }).fill(String(value))
  }

  /** From a version's page back to the list and the train form. */
  async backToVersions(): Promise<void> {
    await this.page.getByRole('button', { name: '← All versions' }).click()
    await this.trainForm.waitFor()
  }

  /** A panel of the version page by its heading ('How it decides', 'Term table', …). */
  panel(name: string): Locator {
    return this.page.getByRole('region', { name, exact: true })
  }

  /** Candidate rows of a version's cross-validation table (header row excluded). */
  selectionRows(): Locator {
    return this.page
      .getByRole('table', { name: 'Automatic model selection' })
      .locator('tbody')
      .getByRole('row')
  }

  async setName(name: string): Promise<void> {
    await this.trainForm.getByRole('textbox', { name: 'Name (optional)' }).fill(name)
  }

  async train(): Promise<void> {
    await this.trainForm.getByRole('button', { name: 'Train model' }).click()
  }

  get trainingStatus(): Locator {
    return this.trainForm.getByRole('status', { name: 'Training' })
  }

  async waitForTraining(timeout = 90_000): Promise<void> {
    await this.trainingStatus.getByText('SUCCESS', { exact: true }).waitFor({ timeout })
  }

  async openTrainedReport(): Promise<void> {
    await this.trainingStatus.getByRole('button', { name: 'Open report' }).click()
    await this.reportTable.waitFor()
  }

  get versions(): Locator {
    return this.page.getByRole('table', { name: 'Versions' })
  }

  versionRow(name: string): Locator {
    return this.versions
      .getByRole('row')
      .filter({ has: this.page.getByRole('rowheader', { name }) })
  }

  /** Opens a version from the list by its label: the name and its number among same-named ones. */
  async openVersion(name: string, n = 1): Promise<void> {
    await this.versionRow(name)
      .getByRole('button', { name: `${name} v${n}`, exact: true })
      .click()
  }

  get reportTable(): Locator {
    return this.page.getByRole('table', { name: 'Classification report' })
  }

  /** The cells of one report row (label, or 'accuracy' / 'macro avg' …) as text. */
  async reportRow(name: string): Promise<string[]> {
    const row = this.reportTable
      .getByRole('row')
      .filter({ has: this.page.getByRole('rowheader', { name, exact: true }) })
    return row.getByRole('cell').allTextContents()
  }

  async sortReportBy(column: string): Promise<void> {
    await this.reportTable.getByRole('button', { name: column }).click()
  }

  /** Label rows of the report, in the order shown. */
  async reportLabels(): Promise<string[]> {
    const body = this.reportTable.locator('tbody').first()
    return body.getByRole('rowheader').allTextContents()
  }

  confusionCell(gold: string, predicted: string): Locator {
    return this.page.getByRole('button', {
      name: new RegExp(`^Gold ${gold}, predicted ${predicted}: \\d+ rows$`),
    })
  }

  async cellCount(gold: string, predicted: string): Promise<number> {
    const name = await this.confusionCell(gold, predicted).getAttribute('aria-label')
    return Number(/: (\d+) rows$/.exec(name ?? '')?.[1] ?? NaN)
  }

  get details(): Locator {
    return this.page.getByRole('region', { name: 'Validation details' })
  }

  get detailsTable(): Locator {
    return this.details.getByRole('table', { name: 'Validation details' })
  }

  /** "1–50 of 83 rows" → 83. */
  async detailsTotal(): Promise<number> {
    const text = (await this.details.getByRole('status').first().textContent()) ?? ''
    return Number(/of (\d+) rows/.exec(text)?.[1] ?? NaN)
  }

  /** Gold and predicted columns of the rows shown. */
  async detailsRows(): Promise<{ gold: string; predicted: string }[]> {
    const rows = this.detailsTable.locator('tbody tr')
    const count = await rows.count()
    const out: { gold: string; predicted: string }[] = []
    for (let i = 0; i < count; i++) {
      const cells = await rows.nth(i).locator('td').allTextContents()
      out.push({ gold: cells[2] ?? '', predicted: cells[3] ?? '' })
    }
    return out
  }

  async download(format: 'CSV' | 'JSONL' | 'xlsx'): Promise<Download> {
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.details.getByRole('button', { name: `Download ${format}` }).click(),
    ])
    return download
  }
}
