import { readFile } from 'node:fs/promises'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openAppSession, type AppSession } from '../helpers/app-session'
import type { AppShell } from './pages/app-shell'
import { ModelsPage } from './pages/models-page'

const AUTO_NAME = 'Auto from the UI'
const TERMS_NAME = 'Terms from the UI'

describe('automatic selection and term tables from the UI, in Chromium against the bridge', () => {
  let app: AppSession
  let page: Page
  let shell: AppShell
  let models: ModelsPage

  beforeAll(async () => {
    app = await openAppSession({ context: { acceptDownloads: true } })
    page = app.page
    shell = app.shell
    models = new ModelsPage(page)
  })

  afterAll(() => app?.close())

  it('trains "Automatic (recommended)" on the demo and shows its CV table and decision rule', async () => {
    await shell.goto('Models')
    await models.chooseDataset('Demo: audience posts')
    await models.chooseModelType('Automatic (recommended)')
    // A small budget of work units: the same few candidates however busy the machine is.
    await models.setParam('Time budget (seconds)', 3)
    await models.setName(AUTO_NAME)
    await models.train()
    await models.waitForTraining(240_000)
    await models.openTrainedReport()
    await page.getByRole('heading', { level: 2, name: AUTO_NAME }).waitFor()

    const rows = models.selectionRows()
    expect(await rows.count()).toBeGreaterThan(1)
    const titles = await rows.getByRole('cell').allTextContents()
    expect(titles.join('\n')).toMatch(/(nb|cnb|linear-svm|logreg)( per label)? (C|alpha)=/)
    const chosen = page.locator('tr[aria-current="true"]')
    expect(await chosen.count()).toBe(1)
    expect(await chosen.textContent()).toContain('(chosen)')
    const scores = (await chosen.getByRole('cell').nth(1).textContent()) ?? ''
    expect(Number(scores.split('±')[0])).toBeGreaterThan(0.5)

    const rule = models.panel('How it decides')
    expect(await rule.textContent()).toMatch(/Multi-label: every label/)
  })

  it('opens the term-table panel of a term-weight version and exports its table', async () => {
    await models.backToVersions()
    await models.chooseDataset('Demo: audience posts')
    await models.chooseModelType('Term weights')
    await models.setName(TERMS_NAME)
    await models.train()
    await models.waitForTraining()
    await models.openTrainedReport()
    await page.getByRole('heading', { level: 2, name: TERMS_NAME }).waitFor()

    const panel = models.panel('Term table')
    expect(
      await panel.getByRole('button', { name: 'Import edited table…' }).first().isVisible(),
    ).toBe(true)
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      panel.getByRole('button', { name: 'Export term table' }).click(),
    ])
    const csv = await readFile(await download.path(), 'utf8')
    const lines = csv.trimEnd().split('\n')
    expect(lines[0]).toBe('label,term,weight')
    expect(lines.some((line) => line.startsWith('male,'))).toBe(true)
    await panel.getByText(/rows written to/).waitFor()
    expect(await models.panel('How it decides').textContent()).toMatch(/\(bias\) weight plus/)
    expect(app.pageErrors).toEqual([])
  })
})
