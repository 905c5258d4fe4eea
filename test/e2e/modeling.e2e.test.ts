import { readFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import ExcelJS from 'exceljs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readDelimitedText } from '../../src-worker/ml/io/delimited-reader'
import { startBridgeHarness, type BridgeHarness } from '../helpers/bridge-harness'
import { launchBrowser } from '../helpers/browser'
import { cp950 } from '../helpers/legacy-encodings'
import { AnnotatePage } from './pages/annotate-page'
import { AppShell } from './pages/app-shell'
import { ModelsPage } from './pages/models-page'
import { RulesPage } from './pages/rules-page'

const DEMO_RULES = resolve(import.meta.dirname, '..', '..', 'resources', 'demo', 'rules')
const MODEL_NAME = 'NB from the UI'

function parseCsv(text: string): string[][] {
  return readDelimitedText(text, 'download').map((r) => r.fields)
}

describe('modeling from the UI, in Chromium against the bridge', () => {
  let harness: BridgeHarness
  let browser: Browser
  let page: Page
  let shell: AppShell
  let models: ModelsPage
  const pageErrors: string[] = []

  beforeAll(async () => {
    harness = await startBridgeHarness()
    browser = await launchBrowser()
    const context = await browser.newContext({ acceptDownloads: true })
    page = await context.newPage()
    page.on('pageerror', (error) => pageErrors.push(error.message))
    shell = new AppShell(page)
    models = new ModelsPage(page)
    await page.goto(harness.url)
    await shell.heading('Datasets').waitFor()
  })

  afterAll(async () => {
    await browser?.close()
    await harness?.close()
  })

  it('trains a naive Bayes model on the demo dataset and opens its report', async () => {
    await shell.goto('Models')
    await models.chooseDataset('Demo: audience posts')
    await models.chooseModelType('Naive Bayes')
    await models.chooseCalibration('Platt (sigmoid)')
    await models.setName(MODEL_NAME)
    await models.train()
    await models.waitForTraining()
    await models.openTrainedReport()
    expect(await page.getByRole('heading', { level: 2, name: MODEL_NAME }).isVisible()).toBe(true)
    // The calibration chosen in the form is what the version was trained with.
    await expect.poll(() => page.getByText('"calibration":"platt"').count()).toBe(1)

    // The demo's posts carry up to three labels: the report is multi-label and names its accuracy
    // exact-match. That row's support is the number of evaluated rows; labels sum up to at least it.
    const accuracy = await models.reportRow('exact-match accuracy')
    const rows = Number(accuracy.at(-1))
    expect(rows).toBeGreaterThan(0)
    const labels = await models.reportLabels()
    expect(labels.sort()).toEqual(['female', 'male', 'parent', 'student'])

    // Sorting by support orders the label rows by their support.
    await models.sortReportBy('Support')
    const supports = await Promise.all(
      (await models.reportLabels()).map(async (l) => Number((await models.reportRow(l)).at(-1))),
    )
    expect(supports).toEqual([...supports].sort((a, b) => b - a))
  })

  it('clicks a confusion-matrix cell and lists exactly that cell’s rows', async () => {
    let chosen: { gold: string; predicted: string; count: number } | null = null
    for (const gold of ['male', 'female', 'parent', 'student']) {
      for (const predicted of ['male', 'female', 'parent', 'student']) {
        const count = await models.cellCount(gold, predicted)
        if (gold !== predicted && count > 0 && !chosen) chosen = { gold, predicted, count }
      }
    }
    // A perfect model has no off-diagonal cell: take the largest diagonal one then.
    if (!chosen)
      chosen = { gold: 'male', predicted: 'male', count: await models.cellCount('male', 'male') }
    await models.confusionCell(chosen.gold, chosen.predicted).click()
    await expect.poll(() => models.detailsTotal()).toBe(chosen.count)
    const shown = await models.detailsRows()
    expect(shown.length).toBe(Math.min(chosen.count, 50))
    for (const row of shown) {
      expect(row.gold.split(', ')).toContain(chosen.gold)
      expect(row.predicted.split(', ')).toContain(chosen.predicted)
    }
    await models.details.getByRole('button', { name: 'Show all rows' }).click()
    const total = Number((await models.reportRow('exact-match accuracy')).at(-1))
    await expect.poll(() => models.detailsTotal()).toBe(total)
  })

  it('downloads the details as CSV whose rows match the report', async () => {
    const download = await models.download('CSV')
    expect(download.suggestedFilename()).toMatch(/^validation-[0-9a-f]{8}\.csv$/)
    const path = await download.path()
    // Downloads from the screen are for Excel unless Raw is chosen: a byte-order mark first.
    const text = await readFile(path, 'utf8')
    expect(text.startsWith('\uFEFF')).toBe(true)
    const [header, ...rows] = parseCsv(text.slice(1))
    expect(header).toEqual([
      'id',
      'document_id',
      'text',
      'gold',
      'predicted',
      'correct',
      'scores',
      'matches',
    ])
    const total = Number((await models.reportRow('exact-match accuracy')).at(-1))
    expect(rows).toHaveLength(total)
    for (const label of await models.reportLabels()) {
      const support = Number((await models.reportRow(label)).at(-1))
      expect(rows.filter((r) => (r[3] ?? '').split('#').includes(label))).toHaveLength(support)
    }
    // Exact-match accuracy is the share of rows marked correct, as the report says.
    const correct = rows.filter((r) => r[5] === 'true').length
    const accuracy = Number((await models.reportRow('exact-match accuracy'))[2])
    expect(correct / total).toBeCloseTo(accuracy, 2)

    await models.details.getByRole('combobox', { name: 'CSV for' }).selectOption('raw')
    const raw = await readFile(await (await models.download('CSV')).path(), 'utf8')
    expect(parseCsv(raw)).toEqual([header, ...rows])

    const jsonl = await models.download('JSONL')
    const lines = (await readFile(await jsonl.path(), 'utf8')).trim().split('\n')
    expect(lines).toHaveLength(total)

    const book = new ExcelJS.Workbook()
    await book.xlsx.readFile(await (await models.download('xlsx')).path())
    const sheet = book.worksheets[0]!
    expect(sheet.rowCount).toBe(total + 1)
    const names = header ?? []
    expect(names.map((_, i) => sheet.getRow(1).getCell(i + 1).value)).toEqual(names)
    expect(names).toContain('predicted')
  })

  it('lists the version with its metrics', async () => {
    await page.getByRole('button', { name: '← All versions' }).click()
    const row = models.versionRow(MODEL_NAME)
    await row.waitFor()
    expect(await row.textContent()).toContain('Naive Bayes')
  })

  it('opens a validation row on the Annotate screen at that document', async () => {
    await models.openVersion(MODEL_NAME)
    await models.details.waitFor()
    const row = models.detailsTable.locator('tbody tr').nth(3)
    const text = (await row.locator('td').nth(1).textContent()) ?? ''
    await row.getByRole('button', { name: /^Open document .* in Annotate$/ }).click()
    await shell.heading('Annotate').waitFor()
    const annotate = new AnnotatePage(page)
    await expect.poll(() => annotate.text()).toBe(text)
    // The request is used once: the next visit opens the dataset as usual.
    await shell.goto('Models')
  })

  it('imports the demo rule files and sees coverage change as a keyword is edited', async () => {
    await shell.goto('Rules')
    const rules = new RulesPage(page)
    await rules.importRuleFiles(
      ['female.txt', 'male.txt', 'parent.txt', 'student.txt'].map((f) => join(DEMO_RULES, f)),
      'Demo keywords',
    )
    await rules.rulesTable.waitFor()
    await expect
      .poll(async () => (await rules.datasetPicker.locator('option:checked').textContent()) ?? '')
      .toContain('Demo: audience posts')
    // The table can render a moment before the imported set's values fill its inputs.
    await expect.poll(() => rules.ruleLabel(1).inputValue()).not.toBe('')
    const label = await rules.ruleLabel(1).inputValue()
    await expect.poll(() => rules.labelCoverage(label), { timeout: 15_000 }).toBeGreaterThan(0)
    const before = await rules.labelCoverage(label)
    expect(await rules.highlights.count()).toBeGreaterThan(0)

    // A one-letter keyword matches far more posts than the specific one it replaces.
    await rules.ruleKeyword(1).fill('e')
    await expect
      .poll(() => rules.labelCoverage(label), { timeout: 15_000 })
      .toBeGreaterThan(before ?? 0)
    // The workbench measures the labelled documents of the chosen dataset.
    const option = (await rules.datasetPicker.locator('option:checked').textContent()) ?? ''
    const labeled = /\((\d+) labeled\)/.exec(option)?.[1]
    expect(await rules.workbenchStatus()).toMatch(new RegExp(`^${labeled} documents`))
    // Leaving with the edited keyword asks first; Discard drops the edit and goes on.
    await shell.navLink('Models').click()
    await page.getByRole('button', { name: 'Discard' }).click()
    await shell.heading('Models').waitFor()
    expect(pageErrors).toEqual([])
  })

  it('evaluates a Big5 file with Chinese headers picked in the browser: the core decodes it', async () => {
    await shell.goto('Models')
    // The screen may still show the version opened before: go back to the list either way.
    const back = page.getByRole('button', { name: '← All versions' })
    await models.versions.or(back).first().waitFor()
    if (await back.isVisible()) await back.click()
    await models.openVersion(MODEL_NAME)
    await models.details.waitFor()
    await page.getByLabel('Choose labelled file…').setInputFiles({
      name: '評估.csv',
      mimeType: 'text/csv',
      buffer: cp950('標籤,內容\nparent,帶小孩去公園，好累\nstudent,期中考好難「真的」\n'),
    })
    await page.getByRole('textbox', { name: 'Text column' }).fill('內容')
    await page.getByRole('textbox', { name: 'Label column' }).fill('標籤')
    await page.getByRole('button', { name: 'Evaluate file' }).click()
    // Both rows read under their Chinese column names: the bytes were decoded as Big5.
    await page
      .getByRole('option', { name: /^評估\.csv · 2 rows/ })
      .waitFor({ state: 'attached', timeout: 60_000 })
    expect(pageErrors).toEqual([])
  })
})
