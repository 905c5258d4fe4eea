import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startBridgeHarness, type BridgeHarness } from '../helpers/bridge-harness'
import { launchBrowser } from '../helpers/browser'
import { AnnotatePage } from './pages/annotate-page'
import { AppShell } from './pages/app-shell'
import { DatasetsPage } from './pages/datasets-page'

const DATASET = 'Phone reviews'

/** Columns out of order (text is not first), one CJK row, one exact duplicate, no labels yet. */
const ROWS = [
  'Great battery, lasts two days',
  'Screen cracked after a week',
  '这个手机很好用，拍照清楚',
  'Average phone for the price',
  'Camera is superb in daylight',
  'Speaker died, support was slow',
  'Fast charging works as promised',
  'Too heavy to hold for long',
  'Love the colour options',
  'Software updates broke wifi',
  'Decent, nothing special',
  'Would buy again',
]
const CSV = [
  'id,label,text',
  ...ROWS.map((text, i) => `${i + 1},,"${text}"`),
  `99,,"${ROWS[0] ?? ''}"`,
].join('\n')

interface ExportedLine {
  text: string
  label: string[]
}

describe('Documenting through the UI: datasets, import, keyboard annotation, export', () => {
  let harness: BridgeHarness
  let browser: Browser
  let page: Page
  let shell: AppShell
  let datasets: DatasetsPage
  let annotate: AnnotatePage
  const pageErrors: string[] = []
  /** document id → the label pressed for it, in labeling order. */
  const labeled: { id: number; text: string; label: string }[] = []

  beforeAll(async () => {
    harness = await startBridgeHarness()
    browser = await launchBrowser()
    const context = await browser.newContext({ colorScheme: 'light', acceptDownloads: true })
    page = await context.newPage()
    page.on('pageerror', (error) => pageErrors.push(error.message))
    shell = new AppShell(page)
    datasets = new DatasetsPage(page)
    annotate = new AnnotatePage(page)
    await page.goto(harness.url)
    await shell.heading('Datasets').waitFor()
  })

  afterAll(async () => {
    await browser?.close()
    await harness?.close()
  })

  it('creates, renames, deletes and restores a dataset', async () => {
    await datasets.create('Scratch', ['yes', 'no'])
    await datasets.item('Scratch').waitFor()
    await datasets.rename('Scratch', 'Scratch renamed')
    await datasets.item('Scratch renamed').waitFor()

    await datasets.search('renamed')
    await expect.poll(() => datasets.items.count()).toBe(1)
    await datasets.search('')

    await datasets.delete('Scratch renamed')
    await datasets.item('Scratch renamed').waitFor({ state: 'detached' })
    await datasets.undoDelete.click()
    await datasets.item('Scratch renamed').waitFor()
    await datasets.detail('Scratch renamed').waitFor()
    expect(await datasets.undoDelete.count()).toBe(0)
  })

  it('creates the dataset to label, with default shortcut keys', async () => {
    await datasets.create(DATASET, ['positive', 'negative', 'neutral'])
    const detail = datasets.detail(DATASET)
    expect(
      await detail.getByRole('textbox', { name: 'Shortcut key of positive' }).inputValue(),
    ).toBe('1')
    expect(
      await detail.getByRole('textbox', { name: 'Shortcut key of negative' }).inputValue(),
    ).toBe('2')
  })

  it('imports a CSV through the file picker, choosing the text column and skipping duplicates', async () => {
    const dialog = await datasets.importFile({
      name: 'reviews.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(CSV, 'utf8'),
    })
    const preview = dialog.getByRole('region', { name: 'Preview' })
    expect(await preview.textContent()).toContain('CSV')
    expect(await preview.textContent()).toContain('UTF-8')
    await preview.getByRole('combobox', { name: 'Text column' }).selectOption('text')
    await preview.getByRole('combobox', { name: 'Label column' }).selectOption('label')
    await expect
      .poll(() => preview.getByRole('table', { name: 'First rows' }).textContent())
      .toContain(ROWS[2])
    await preview.getByRole('combobox', { name: 'Import into' }).selectOption({ label: DATASET })
    await preview.getByRole('radio', { name: 'Skip' }).check()
    await dialog.getByRole('button', { name: 'Start import' }).click()

    const report = dialog.getByRole('status', { name: 'Import report' })
    await report.waitFor({ timeout: 30_000 })
    expect(await report.textContent()).toContain(`Imported 12 of 13 rows into "${DATASET}"`)
    expect(
      await report.locator('dt', { hasText: 'Duplicates skipped' }).locator('+ dd').textContent(),
    ).toBe('1')
    await dialog.getByRole('button', { name: 'Done' }).click()
    await dialog.waitFor({ state: 'detached' })
    await expect
      .poll(() => datasets.item(DATASET).textContent())
      .toContain('12 documents · 0 labeled')
  })

  it('labels ten documents with the keyboard only, then undoes two', async () => {
    await datasets.detail(DATASET).getByRole('button', { name: 'Annotate' }).click()
    await shell.heading('Annotate').waitFor()
    await annotate.documentText.waitFor()
    expect(await annotate.text()).toBe(ROWS[0])
    // The list is windowed but 12 rows all fit.
    await expect.poll(() => annotate.options.count()).toBe(12)

    for (let i = 0; i < 10; i++) {
      const id = await annotate.currentId()
      const text = await annotate.text()
      const key = i % 3 === 2 ? '3' : i % 2 === 0 ? '1' : '2'
      const label = key === '1' ? 'positive' : key === '2' ? 'negative' : 'neutral'
      await annotate.press(key)
      await expect.poll(() => annotate.labelButton(label).getAttribute('aria-pressed')).toBe('true')
      await annotate.press('Enter')
      await expect.poll(() => annotate.currentId()).not.toBe(id)
      labeled.push({ id, text, label })
    }
    await expect.poll(() => annotate.progress.textContent()).toContain('10 of 12 labeled')

    // Backspace, then Ctrl+Z: the last two documents lose their labels again.
    await annotate.press('Backspace')
    await expect.poll(() => annotate.currentId()).toBe(labeled[9]?.id)
    await annotate.press('Control+z')
    await expect.poll(() => annotate.currentId()).toBe(labeled[8]?.id)
    await expect.poll(() => annotate.progress.textContent()).toContain('8 of 12 labeled')
    expect(await annotate.labelButton('neutral').getAttribute('aria-pressed')).toBe('false')
    labeled.splice(8, 2)

    // Redo and undo once more: the journal goes both ways.
    await annotate.press('Control+Shift+Z')
    await expect.poll(() => annotate.progress.textContent()).toContain('9 of 12 labeled')
    await annotate.press('Control+z')
    await expect.poll(() => annotate.progress.textContent()).toContain('8 of 12 labeled')
  })

  it('shows the shortcuts with ? and keeps keys out of the search box', async () => {
    await annotate.press('?')
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' })
    await help.waitFor()
    await page.keyboard.press('Escape')
    await help.waitFor({ state: 'detached' })

    const before = await annotate.progress.textContent()
    await annotate.press('/')
    expect(
      await shell.evaluate<string | null>('document.activeElement?.getAttribute("aria-label")'),
    ).toBe('Search documents')
    // "1" and "2" are label keys, but typed into the box they are text.
    await page.keyboard.type('12')
    await expect.poll(() => annotate.search.inputValue()).toBe('12')
    await annotate.search.fill('')
    await page.keyboard.type('手机很')
    await expect.poll(() => annotate.options.count()).toBe(1)
    await expect.poll(() => annotate.text()).toBe(ROWS[2])
    expect(await annotate.progress.textContent()).toBe(before)
    await annotate.search.fill('')
    await page.keyboard.press('Escape')
    await expect.poll(() => annotate.options.count()).toBe(12)
  })

  it('filters by status and label with counts', async () => {
    await expect.poll(() => annotate.statusFilter('Labeled').textContent()).toBe('Labeled8')
    await expect.poll(() => annotate.statusFilter('Unlabeled').textContent()).toBe('Unlabeled4')
    await annotate.statusFilter('Labeled').click()
    await expect.poll(() => annotate.options.count()).toBe(8)
    expect(await annotate.list.textContent()).not.toContain('unlabeled')

    const negatives = labeled.filter((l) => l.label === 'negative').length
    await page
      .getByRole('combobox', { name: 'Label filter' })
      .selectOption({ label: `negative (${negatives})` })
    await expect.poll(() => annotate.options.count()).toBe(negatives)
    await page.getByRole('combobox', { name: 'Label filter' }).selectOption('')
    await expect.poll(() => annotate.options.count()).toBe(8)
  })

  it('exports the filtered documents through the UI and the file holds them', async () => {
    await page.getByRole('button', { name: 'Export filter…' }).click()
    const dialog = page.getByRole('dialog', { name: `Export from ${DATASET}` })
    await dialog.getByRole('combobox', { name: 'Format' }).selectOption('doccano-jsonl')
    expect(await dialog.getByRole('combobox', { name: 'Documents' }).inputValue()).toBe('filter')
    const downloading = page.waitForEvent('download', { timeout: 30_000 })
    await dialog.getByRole('button', { name: 'Export' }).click()
    const download = await downloading
    const file = await download.path()
    const lines = readFileSync(file, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as ExportedLine)

    expect(lines).toHaveLength(8)
    const byText = new Map(lines.map((l) => [l.text, l.label]))
    for (const { text, label } of labeled) expect(byText.get(text)).toEqual([label])

    const result = dialog.getByRole('status', { name: 'Export result' })
    await result.waitFor()
    expect(await result.textContent()).toContain('Exported 8 documents')
    expect(existsSync(join(harness.dataDir, 'exports', download.suggestedFilename()))).toBe(true)
  })

  it('exports CSV for Excel by default and TSV raw when chosen, saying which is which', async () => {
    const dialog = page.getByRole('dialog', { name: `Export from ${DATASET}` })
    if (!(await dialog.isVisible()))
      await page.getByRole('button', { name: 'Export filter…' }).click()
    const exportAs = async (format: 'csv' | 'tsv', flavour?: 'raw') => {
      await dialog.getByRole('combobox', { name: 'Format' }).selectOption(format)
      const choice = dialog.getByRole('combobox', { name: 'CSV for' })
      expect(await choice.inputValue()).toBe('excel')
      if (flavour) await choice.selectOption(flavour)
      const downloading = page.waitForEvent('download', { timeout: 30_000 })
      await dialog.getByRole('button', { name: 'Export' }).click()
      return readFileSync(await (await downloading).path())
    }
    await expect.poll(() => dialog.getByText(/Raw: exact text, for other programs/).count()).toBe(0)
    const excel = await exportAs('csv')
    await dialog.getByText(/Excel: opens correctly in Excel/).waitFor()
    expect([...excel.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect(excel.toString('utf8').split('\n')).toHaveLength(8 + 2)
    const raw = await exportAs('tsv', 'raw')
    expect(raw.toString('utf8').startsWith('text\tlabel\t')).toBe(true)
  })

  it('threw no uncaught errors in the page', () => {
    expect(pageErrors).toEqual([])
  })
})
