import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import ExcelJS from 'exceljs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../../src-main/cli/program'
import { startBridgeHarness, type BridgeHarness } from '../helpers/bridge-harness'
import { launchBrowser } from '../helpers/browser'
import { repoRoot } from '../helpers/core-harness'
import { BIG5_POSTS, cp950 } from '../helpers/legacy-encodings'
import { makeTempDir } from '../helpers/temp-dir'
import { AppShell } from './pages/app-shell'
import { DatasetsPage } from './pages/datasets-page'

/** Files Excel wrote in Taiwan, imported without editing them: from the UI and from the CLI. */
describe('importing real-world files through the UI and the CLI', () => {
  let harness: BridgeHarness
  let browser: Browser
  let page: Page
  let datasets: DatasetsPage
  const pageErrors: string[] = []
  const big5 = cp950(BIG5_POSTS)

  beforeAll(async () => {
    harness = await startBridgeHarness()
    browser = await launchBrowser()
    page = await (await browser.newContext({ colorScheme: 'light' })).newPage()
    page.on('pageerror', (error) => pageErrors.push(error.message))
    datasets = new DatasetsPage(page)
    await page.goto(harness.url)
    await new AppShell(page).heading('Datasets').waitFor()
  })

  afterAll(async () => {
    await browser?.close()
    await harness?.close()
  })

  it('imports a Big5 CSV with Chinese headers and ; labels: encoding, columns and separator detected', async () => {
    const dialog = await datasets.importFile({
      name: '貼文.csv',
      mimeType: 'text/csv',
      buffer: big5,
    })
    const preview = dialog.getByRole('region', { name: 'Preview' })
    await expect.poll(() => datasets.fact(preview, 'Encoding')).toBe('Big5 (cp950) (detected)')
    expect(await datasets.chosen(preview, 'Text column')).toBe('內容')
    expect(await datasets.chosen(preview, 'Label column')).toBe('標籤')
    expect(await datasets.chosen(preview, 'Id column')).toBe('post_id')
    expect(await datasets.chosen(preview, 'Author column')).toBe('作者')
    expect(await datasets.fact(preview, 'Label separator')).toBe('; (semicolon)')
    expect(await datasets.chips(preview, 2)).toEqual(['male', 'parent'])
    expect(await datasets.chips(preview, 5)).toEqual(['student', 'male'])
    const rows = await preview.getByRole('table', { name: 'First rows' }).textContent()
    expect(rows).toContain('「期中考」好難……還有報告要交。')

    // Another encoding re-reads the preview: GB18030 turns the Big5 text into other characters.
    await preview.getByRole('combobox', { name: 'Text encoding' }).selectOption('gb18030')
    await expect.poll(() => datasets.fact(preview, 'Encoding')).toBe('GB18030 / GBK')
    await preview.getByRole('combobox', { name: 'Text encoding' }).selectOption('auto')
    await expect.poll(() => datasets.fact(preview, 'Encoding')).toBe('Big5 (cp950) (detected)')

    await preview.getByRole('textbox', { name: 'Dataset name' }).fill('貼文 Big5')
    await dialog.getByRole('button', { name: 'Start import' }).click()
    const report = dialog.getByRole('status', { name: 'Import report' })
    await report.waitFor({ timeout: 30_000 })
    expect(await report.textContent()).toContain('Imported 4 of 4 rows into "貼文 Big5"')
    expect(await report.locator('dt', { hasText: 'Encoding' }).locator('+ dd').textContent()).toBe(
      'Big5 (cp950)',
    )
    await dialog.getByRole('button', { name: 'Done' }).click()
    await expect
      .poll(() => datasets.item('貼文 Big5').textContent())
      .toContain('4 documents · 4 labeled')
    expect(pageErrors).toEqual([])
  })

  it('imports an .xlsx workbook, choosing the text column when its name is not recognised', async () => {
    const book = new ExcelJS.Workbook()
    book.addWorksheet('工作表1').addRows([
      ['流水號', '貼文內容說明', '類別'],
      [1, '週末去九份看夕陽', '旅遊'],
      [2, '珍奶太甜了', '食物|飲料'],
    ])
    const buffer = Buffer.from(await book.xlsx.writeBuffer())
    const dialog = await datasets.importFile({
      name: 'posts.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer,
    })
    const preview = dialog.getByRole('region', { name: 'Preview' })
    await expect
      .poll(() => datasets.fact(preview, 'Detected format'))
      .toBe('Excel workbook (.xlsx)')
    await preview.getByRole('alert').filter({ hasText: 'Choose the text column' }).waitFor()
    expect(await dialog.getByRole('button', { name: 'Start import' }).isDisabled()).toBe(true)
    await preview.getByRole('combobox', { name: 'Text column' }).selectOption('貼文內容說明')
    await expect.poll(() => datasets.chips(preview, 3)).toEqual(['食物', '飲料'])
    await preview.getByRole('textbox', { name: 'Dataset name' }).fill('Workbook')
    await dialog.getByRole('button', { name: 'Start import' }).click()
    const report = dialog.getByRole('status', { name: 'Import report' })
    await report.waitFor({ timeout: 30_000 })
    expect(await report.textContent()).toContain('Imported 2 of 2 rows into "Workbook"')
    await dialog.getByRole('button', { name: 'Done' }).click()
    expect(pageErrors).toEqual([])
  })

  it('imports the same Big5 file with `audience dataset import`, unedited', async () => {
    const temp = makeTempDir()
    try {
      const file = join(temp.dir, '貼文.csv')
      const { writeFileSync } = await import('node:fs')
      writeFileSync(file, big5)
      let stdout = ''
      let stderr = ''
      const code = await runCli(
        ['--data-dir', temp.dir, '--json', 'dataset', 'import', file, '--name', '貼文'],
        {
          stdout: { write: (t: string) => (stdout += t) },
          stderr: { write: (t: string) => (stderr += t) },
        },
        pathToFileURL(join(repoRoot, 'src-main', 'cli', 'main.ts')).href,
      )
      expect(code, stderr).toBe(0)
      expect(JSON.parse(stdout)).toMatchObject({
        encoding: 'big5',
        imported: 4,
        problemCounts: {},
      })
    } finally {
      temp.cleanup()
    }
  })
})
