import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApiClient, type ApiClient } from '../../src-main/api/client'
import { memoryTransport } from '../../src-main/core/memory-transport'
import { startBridgeHarness, type BridgeHarness } from '../helpers/bridge-harness'
import { launchBrowser } from '../helpers/browser'
import { AnnotatePage } from './pages/annotate-page'
import { AppShell } from './pages/app-shell'

const TITLE = 'Demo posts for review'

describe('sending predictions to review and accepting them, in Chromium against the bridge', () => {
  let harness: BridgeHarness
  let api: ApiClient
  let browser: Browser
  let page: Page
  const pageErrors: string[] = []

  beforeAll(async () => {
    harness = await startBridgeHarness()
    api = createApiClient(memoryTransport(harness.core))
    const overview = await api.call('workspace.getOverview', {})
    const trained = await api.call('models.startTraining', {
      datasetId: overview.demoDatasetId ?? '',
      kind: 'linear-svm',
    })
    expect((await harness.core.tasks.settled(trained.taskId)).status).toBe('SUCCESS')
    const { modelId } = (await api.call('tasks.show', { id: trained.taskId })).stats as {
      modelId: string
    }
    const { taskId } = await api.call('predict.start', {
      title: TITLE,
      sources: [
        {
          kind: 'file',
          path: overview.demoSourcePath ?? '',
          format: 'csv',
          columns: { id: 'id', content: 'content', author: 'author' },
        },
      ],
      models: [{ model: { kind: 'version', id: modelId } }],
      sink: { kind: 'sqlite', table: 'results' },
    })
    expect((await harness.core.tasks.settled(taskId)).status).toBe('SUCCESS')
    browser = await launchBrowser()
    page = await (await browser.newContext()).newPage()
    page.on('pageerror', (error) => pageErrors.push(error.message))
    await page.goto(harness.url)
  }, 180_000)

  afterAll(async () => {
    await browser?.close()
    await harness?.close()
  })

  it('sends a sample to a new dataset, opens it in Annotate and accepts suggestions with Space', async () => {
    await new AppShell(page).goto('Predict')
    await page.getByRole('button', { name: `Open ${TITLE}` }).click()
    await page.getByRole('button', { name: 'Send to review' }).click()
    const dialog = page.getByRole('dialog', { name: 'Send to review' })
    await dialog.getByLabel('Rows per label').fill('3')
    await dialog.getByLabel('Dataset name').fill('Reviewed demo posts')
    const note = dialog.getByRole('status', { name: 'Rows to send' })
    await expect.poll(() => note.textContent()).toMatch(/^\d+ rows will be sent/)
    const rows = Number(/^(\d+)/.exec((await note.textContent()) ?? '')![1])
    expect(rows).toBeGreaterThan(0)
    expect(rows).toBeLessThanOrEqual(3 * 4)
    await dialog.getByRole('button', { name: `Send ${rows} rows` }).click()
    const open = dialog.getByRole('button', { name: 'Open in Annotate' })
    await open.waitFor({ timeout: 60_000 })
    expect(await dialog.getByRole('status').textContent()).toMatch(/Sent \d+ documents/)
    await open.click()

    const [dataset] = await api.call('datasets.list', { query: 'Reviewed demo posts' })
    const docs = await api.call('annotation.listDocuments', { datasetId: dataset!.id, limit: 50 })
    expect(docs.items.length).toBeGreaterThan(0)
    expect(docs.items.every((d) => d.labelIds.length === 0)).toBe(true)

    const annotate = new AnnotatePage(page)
    await annotate.documentText.waitFor()
    // The dataset's only suggestions are the model's labels it came with.
    await expect.poll(() => annotate.suggestionsFrom.inputValue()).toBe('imported')
    await expect.poll(() => annotate.suggestionChips.count()).toBeGreaterThan(0)
    const accepted: number[] = []
    for (let i = 0; i < 2; i++) {
      const id = await annotate.currentId()
      accepted.push(id)
      await annotate.press('Space')
      await expect.poll(() => annotate.currentId()).not.toBe(id)
    }
    // On the server: each accepted document now holds the model's suggestion as its gold label.
    for (const documentId of accepted) {
      const doc = await api.call('annotation.getDocument', {
        datasetId: dataset!.id,
        documentId,
      })
      expect(doc.labelIds.length).toBeGreaterThan(0)
      expect(doc.suggestions.map((s) => s.labelId)).toEqual(expect.arrayContaining(doc.labelIds))
      expect(doc.meta).toMatchObject({ review_table: 'results' })
    }
    expect(pageErrors).toEqual([])
  })
})
