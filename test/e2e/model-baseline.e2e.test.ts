import { readFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApiClient } from '../../src-main/api/client'
import { memoryTransport } from '../../src-main/core/memory-transport'
import { startBridgeHarness, type BridgeHarness } from '../helpers/bridge-harness'
import { launchBrowser } from '../helpers/browser'
import { AppShell } from './pages/app-shell'
import { ModelsPage } from './pages/models-page'
import { PredictPage } from './pages/predict-page'

const DEMO_RULES = resolve(import.meta.dirname, '..', '..', 'resources', 'demo', 'rules')
const MODEL_NAME = 'Swapped keywords'

describe('a model no better than a constant guess is flagged, in Chromium against the bridge', () => {
  let harness: BridgeHarness
  let browser: Browser
  let page: Page
  let shell: AppShell
  let models: ModelsPage
  const pageErrors: string[] = []
  /** Trains a keyword model named MODEL_NAME from the swapped rules; resolves to its version id. */
  let trainSwapped: () => Promise<string>

  beforeAll(async () => {
    harness = await startBridgeHarness()
    const api = createApiClient(memoryTransport(harness.core))
    // A few demo rules under the wrong labels: every match gives a wrong label, and most posts
    // match none (they get no label: the (none) column).
    const rule = async (label: string) =>
      (await readFile(join(DEMO_RULES, `${label}.txt`), 'utf8'))
        .split('\n')
        .filter((line) => line.trim() && !line.startsWith('#'))
        .slice(0, 2)
        .join('\n')
    const swapped = { male: 'female', female: 'male', parent: 'student', student: 'parent' }
    const ruleSet = await api.call('rules.importFiles', {
      name: 'swapped',
      files: await Promise.all(
        Object.entries(swapped).map(async ([label, from]) => ({
          fileName: `${label}.txt`,
          content: await rule(from),
        })),
      ),
    })
    const demo = (await api.call('datasets.list', {})).find((d) => d.name.startsWith('Demo'))!
    trainSwapped = async () => {
      const { taskId } = await api.call('models.startTraining', {
        name: MODEL_NAME,
        datasetId: demo.id,
        kind: 'keyword',
        ruleSetId: ruleSet.id,
      })
      expect((await harness.core.tasks.settled(taskId)).status).toBe('SUCCESS')
      // models.list answers newest first.
      const [newest] = await api.call('models.list', {})
      return newest?.id ?? ''
    }
    const first = await trainSwapped()
    expect(first).toMatch(/^[0-9a-f]{32}$/)

    browser = await launchBrowser()
    page = await (await browser.newContext()).newPage()
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

  it('shows a below-baseline badge in the versions list and a warning in the report', async () => {
    await shell.goto('Models')
    const row = models.versionRow(MODEL_NAME)
    await row.waitFor()
    const badge = row.getByText('below baseline')
    expect(await badge.getAttribute('title')).toMatch(/^No better than /)

    await models.openVersion(MODEL_NAME)
    await models.reportTable.waitFor()
    const warning = page.getByRole('note').filter({ hasText: 'No better than' })
    expect(await warning.textContent()).toMatch(/do not label data with this model/)
    // Rows without a matching rule get no label: the report is multi-label and says so.
    expect((await models.reportRow('exact-match accuracy')).length).toBeGreaterThan(0)
    expect((await models.reportRow('hamming loss')).length).toBeGreaterThan(0)
    const header = await models.reportTable.getByRole('columnheader').allTextContents()
    expect(header.map((h) => h.trim())).toEqual([
      'Label',
      'Precision',
      'Recall',
      'F1',
      'TP',
      'FP',
      'FN',
      'TN',
      'Support',
    ])
    // Posts no rule matched get no label: the (none) column shows them, and a cell lists exactly them.
    let missed: { gold: string; count: number } | null = null
    for (const gold of ['female', 'male', 'parent', 'student']) {
      const count = await models.cellCount(gold, '\\(none\\)')
      if (count > 0 && !missed) missed = { gold, count }
    }
    expect(missed).not.toBeNull()
    await models.confusionCell(missed!.gold, '\\(none\\)').click()
    await expect.poll(() => models.detailsTotal()).toBe(missed!.count)
    for (const shown of await models.detailsRows()) {
      expect(shown.gold.split(', ')).toContain(missed!.gold)
      expect(shown.predicted).toBe('(none)')
    }
    expect(pageErrors).toEqual([])
  })

  it('says so in the Predict screen’s model picker', async () => {
    await shell.goto('Predict')
    const predict = new PredictPage(page)
    await predict.openForm()
    await predict.choose(predict.model(1), 'Model kind', 'Saved model version')
    const option = predict
      .model(1)
      .getByLabel('Model version', { exact: true })
      .locator('option', { hasText: MODEL_NAME })
    await option.waitFor({ state: 'attached' })
    expect(await option.textContent()).toMatch(/⚠ no better than /)
    expect(pageErrors).toEqual([])
  })

  it('tells two versions of the same name apart in the Compare picker', async () => {
    const predict = new PredictPage(page)
    // The picker test above changed the form: leave it without keeping the draft.
    await predict.form.getByRole('button', { name: 'Close form' }).click()
    await predict.discardDialog.getByRole('button', { name: 'Discard draft' }).click()
    const second = await trainSwapped()
    await shell.goto('Models')
    // The screen is still on the report the first test opened.
    await page.getByRole('button', { name: '← All versions' }).click()
    await models.versionRow(`${MODEL_NAME} v2`).waitFor()
    await page.getByRole('button', { name: 'Compare versions' }).click()
    const pickerA = page.getByLabel('Version A')
    const options = pickerA.locator('option', { hasText: MODEL_NAME })
    expect(await options.allTextContents()).toEqual([`${MODEL_NAME} v2`, `${MODEL_NAME} v1`])
    expect(await options.first().getAttribute('title')).toBe(`Version id ${second}`)
    expect(await page.getByLabel('Version B').inputValue()).toBe(second)
    await page.getByRole('button', { name: 'Compare', exact: true }).click()
    const headline = page.getByRole('region', { name: 'Headline metrics' })
    await headline.waitFor()
    expect(await headline.getByRole('columnheader').allTextContents()).toEqual([
      'Metric',
      `A: ${MODEL_NAME} v1`,
      `B: ${MODEL_NAME} v2`,
      'B − A',
    ])
    expect(pageErrors).toEqual([])
  })
})
