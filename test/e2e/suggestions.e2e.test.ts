import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApiClient, type ApiClient } from '../../src-main/api/client'
import { memoryTransport } from '../../src-main/core/memory-transport'
import { startBridgeHarness, type BridgeHarness } from '../helpers/bridge-harness'
import { launchBrowser } from '../helpers/browser'
import { createBatchGate } from '../helpers/gate'
import { AnnotatePage } from './pages/annotate-page'
import { AppShell } from './pages/app-shell'

const SESSION = 'e2e-prep'

describe('accepting model suggestions in Annotate, in Chromium against the bridge', () => {
  let harness: BridgeHarness
  let api: ApiClient
  let browser: Browser
  let page: Page
  let annotate: AnnotatePage
  let datasetId: string
  let modelVersion: string
  /** Documents the test unlabels: each has a suggestion to accept. */
  const cleared: number[] = []
  const pageErrors: string[] = []
  /** Unlabelled documents when the test starts: the uncertainty queue's length. */
  let queueLength = 0
  /** Holds the background retrain before it saves its model, so the test sees it running. */
  const gate = createBatchGate()

  beforeAll(async () => {
    harness = await startBridgeHarness({ testGates: { trainingSave: gate.hook } })
    api = createApiClient(memoryTransport(harness.core))
    const [demo] = await api.call('datasets.list', {})
    datasetId = demo!.id
    const trained = await api.call('models.startTraining', { datasetId, kind: 'linear-svm' })
    expect((await harness.core.tasks.settled(trained.taskId)).status).toBe('SUCCESS')
    const computed = await api.call('suggestions.compute', { datasetId })
    expect((await harness.core.tasks.settled(computed.taskId)).status).toBe('SUCCESS')
    modelVersion = computed.modelVersionId
    // Every unlabelled document ends up with a suggestion to accept: the ones the test unlabels
    // have one, and unlabelled ones without one get a label here.
    const page0 = await api.call('annotation.listDocuments', { datasetId, limit: 500 })
    for (const row of page0.items) {
      const found = await api.call('suggestions.forDocument', {
        datasetId,
        documentId: row.id,
        modelVersion,
      })
      const has = found.suggestions.length > 0
      const labelIds = row.labelIds.length === 0 && !has ? [demo!.labels[0]!.id] : []
      if (labelIds.length > 0 || (has && row.labelIds.length > 0 && cleared.length < 20)) {
        await api.call('annotation.setLabels', {
          datasetId,
          documentId: row.id,
          labelIds,
          sessionId: SESSION,
        })
        if (labelIds.length === 0) cleared.push(row.id)
      }
    }
    const counts = await api.call('annotation.countDocuments', { datasetId })
    queueLength = counts.unlabeled
    expect(cleared).toHaveLength(20)
    browser = await launchBrowser()
    page = await (await browser.newContext()).newPage()
    page.on('pageerror', (error) => pageErrors.push(error.message))
    annotate = new AnnotatePage(page)
    await page.goto(harness.url)
    await new AppShell(page).goto('Annotate')
    await annotate.documentText.waitFor()
  }, 180_000)

  afterAll(async () => {
    await browser?.close()
    await harness?.close()
  })

  it('labels 20 documents by accepting suggestions from the uncertainty queue, then undoes one', async () => {
    await expect.poll(() => annotate.suggestionsFrom.inputValue()).toBe(modelVersion)
    await annotate.queue.selectOption({ label: 'Most uncertain first' })
    const inQueue = (n: number) => `${n} document${n === 1 ? '' : 's'} in this queue`
    await expect.poll(() => annotate.queueRegion.textContent()).toContain(inQueue(queueLength))
    await annotate.queueItems.first().click()
    const unlabelled = async () =>
      (await api.call('annotation.listDocuments', { datasetId, limit: 500 })).items
        .filter((row) => row.labelIds.length === 0)
        .map((row) => row.id)
    const startUnlabelled = await unlabelled()
    const accepted: number[] = []
    for (let i = 0; i < 20; i++) {
      const id = await annotate.currentId()
      await expect.poll(() => annotate.suggestionChips.count()).toBeGreaterThan(0)
      await annotate.documentText.click()
      await annotate.press('Space')
      await expect.poll(() => annotate.currentId()).not.toBe(id)
      accepted.push(id)
    }
    await expect.poll(() => annotate.queueRegion.textContent()).toContain(inQueue(queueLength - 20))
    for (const documentId of accepted) {
      const [doc, found] = await Promise.all([
        api.call('annotation.getDocument', { datasetId, documentId }),
        api.call('suggestions.forDocument', { datasetId, documentId, modelVersion }),
      ])
      expect(doc.labelIds).toEqual(found.suggestions.map((s) => s.labelId).sort((a, b) => a - b))
    }
    // Undo reverts one acceptance (the journal's last) and opens the document it changed. The
    // documents are compared on the server: the page's current id can lag a fast key press.
    const beforeUndo = await unlabelled()
    expect(beforeUndo).toHaveLength(startUnlabelled.length - 20)
    await annotate.press('Control+z')
    await expect.poll(() => annotate.queueRegion.textContent()).toContain(inQueue(queueLength - 19))
    await expect.poll(async () => (await unlabelled()).length).toBe(beforeUndo.length + 1)
    const [reverted] = (await unlabelled()).filter((id) => !beforeUndo.includes(id))
    expect(startUnlabelled).toContain(reverted)
    await expect.poll(() => annotate.currentId()).toBe(reverted)
    expect(pageErrors).toEqual([])
  })
  it('walks the chosen queue with the arrow keys', async () => {
    const { items } = await api.call('suggestions.queue', {
      datasetId,
      queue: 'uncertain',
      modelVersion,
      limit: 3,
    })
    const ids = items.map((i) => i.documentId)
    await annotate.queueItems.first().click()
    await expect.poll(() => annotate.currentId()).toBe(ids[0])
    await annotate.documentText.click()
    await annotate.press('ArrowRight')
    await expect.poll(() => annotate.currentId()).toBe(ids[1])
    await annotate.press('ArrowRight')
    await expect.poll(() => annotate.currentId()).toBe(ids[2])
    await expect.poll(() => annotate.queueRegion.textContent()).toMatch(/^.*3 of \d+ documents/)
    await annotate.press('ArrowLeft')
    await expect.poll(() => annotate.currentId()).toBe(ids[1])
    expect(pageErrors).toEqual([])
  })

  it('keeps the model fresh: a held retrain does not stop labelling, then the queue follows it', async () => {
    await annotate.freshToggle.check()
    await annotate.freshEvery.fill('2')
    await annotate.queueItems.first().click()
    gate.close(0)
    for (let i = 0; i < 2; i++) {
      const id = await annotate.currentId()
      await expect.poll(() => annotate.suggestionChips.count()).toBeGreaterThan(0)
      await annotate.documentText.click()
      await annotate.press('Space')
      await expect.poll(() => annotate.currentId()).not.toBe(id)
    }
    await gate.reached()
    await expect
      .poll(() => annotate.freshRegion.textContent())
      .toContain('Retraining in the background')
    // Held at the gate: accepting goes on, and the label is saved.
    const held = await annotate.currentId()
    await expect.poll(() => annotate.suggestionChips.count()).toBeGreaterThan(0)
    await annotate.press('Space')
    await expect.poll(() => annotate.currentId()).not.toBe(held)
    await expect
      .poll(
        async () =>
          (await api.call('annotation.getDocument', { datasetId, documentId: held })).labelIds
            .length,
      )
      .toBeGreaterThan(0)
    gate.open()
    await expect
      .poll(() => annotate.learningCurve.textContent())
      .toMatch(/macro-F1 by labels: \d+ → 0\.\d\d/)
    // The fresh model's suggestions are chosen, and the queue is that model's order. They come
    // once the retrain's suggestions task is done, which under load takes longer than the
    // default second of polling after the curve's point.
    await expect
      .poll(() => annotate.suggestionsFrom.inputValue(), { timeout: 30_000 })
      .not.toBe(modelVersion)
    const fresh = await annotate.suggestionsFrom.inputValue()
    const [point] = await api.call('suggestions.learningCurve', { datasetId })
    expect(point!.modelVersion).toBe(fresh)
    const { items } = await api.call('suggestions.queue', {
      datasetId,
      queue: 'uncertain',
      modelVersion: fresh,
      limit: 20,
    })
    await expect
      .poll(async () => (await annotate.queueItems.allTextContents()).join(' '))
      .toBe(items.map((i) => `#${i.documentId}`).join(' '))
    expect(pageErrors).toEqual([])
  })
})
