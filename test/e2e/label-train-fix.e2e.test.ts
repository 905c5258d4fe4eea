import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApiClient, type ApiClient } from '../../src-main/api/client'
import { memoryTransport } from '../../src-main/core/memory-transport'
import { openAppSession, type AppSession } from '../helpers/app-session'
import { AnnotatePage } from './pages/annotate-page'
import type { AppShell } from './pages/app-shell'
import { shownTheme, THEMES } from './pages/layout-probe'
import { ModelsPage } from './pages/models-page'

const MODEL = 'Journey NB'

/**
 * The labeller's loop at 1366×768: label 10 documents in Annotate → train → open the report →
 * open a misclassified row → fix its label in Annotate. The demo is fully labelled, so the setup
 * takes the labels off 10 of its training documents; the user puts them back by hand. In both
 * themes.
 */
for (const theme of THEMES)
  describe(`label, train, fix a misclassified row (${theme} theme)`, () => {
    let app: AppSession
    let page: Page
    let shell: AppShell
    let api: ApiClient
    let datasetId: string
    const labelName = new Map<number, string>()
    /** Document id → the label names it had before the setup took them off. */
    const original = new Map<number, string[]>()

    /** Before the page opens: the labels come off 10 training documents of the demo. */
    const takeLabelsOff = async (core: AppSession['harness']['core']) => {
      api = createApiClient(memoryTransport(core))
      datasetId = (await api.call('workspace.getOverview', {})).demoDatasetId ?? ''
      const dataset = await api.call('datasets.get', { id: datasetId })
      for (const l of dataset.labels) labelName.set(l.id, l.name)
      const page10 = await api.call('annotation.listDocuments', {
        datasetId,
        filter: { status: 'labeled', split: 'train' },
        limit: 10,
      })
      for (const d of page10.items) {
        original.set(
          d.id,
          d.labelIds.map((id) => labelName.get(id) ?? ''),
        )
        await api.call('annotation.setLabels', {
          datasetId,
          documentId: d.id,
          labelIds: [],
          sessionId: 'e2e-setup',
        })
      }
    }

    beforeAll(async () => {
      app = await openAppSession({
        theme,
        context: { viewport: { width: 1366, height: 768 } },
        prepare: (_context, harness) => takeLabelsOff(harness.core),
      })
      page = app.page
      shell = app.shell
    })

    afterAll(() => app?.close())

    const unlabeledTotal = async () =>
      (
        await api.call('annotation.listDocuments', {
          datasetId,
          filter: { status: 'unlabeled' },
          limit: 1,
        })
      ).total

    const labelsOf = async (documentId: number) =>
      (await api.call('annotation.getDocument', { datasetId, documentId })).labelIds
        .map((id) => labelName.get(id) ?? '')
        .sort()

    it('labels the 10 unlabeled documents in Annotate', async () => {
      expect(original.size).toBe(10)
      await page.getByRole('button', { name: 'Label the demo posts' }).click()
      await shell.heading('Annotate').waitFor()
      const annotate = new AnnotatePage(page)
      await annotate.statusFilter('Unlabeled').click()
      // The demo keeps a few unlabeled posts of its own: the 10 come on top of them.
      const others = (await unlabeledTotal()) - 10
      await expect
        .poll(() => annotate.statusFilter('Unlabeled').textContent())
        .toBe(`Unlabeled${others + 10}`)
      const done = new Set<number>()
      for (let step = 0; done.size < 10 && step < others + 10; step++) {
        const id = await annotate.currentId()
        const labels = original.get(id)
        if (labels && !done.has(id)) {
          for (const label of labels) {
            await annotate.labelButton(label).click()
            await expect
              .poll(() => annotate.labelButton(label).getAttribute('aria-pressed'))
              .toBe('true')
          }
          await expect.poll(() => labelsOf(id)).toEqual([...labels].sort())
          done.add(id)
        }
        if (done.size < 10) {
          await annotate.press('ArrowDown')
          await expect.poll(() => annotate.currentId()).not.toBe(id)
        }
      }
      expect(done.size).toBe(10)
      await expect.poll(unlabeledTotal).toBe(others)
    })

    it('trains a model and opens its report', async () => {
      const models = new ModelsPage(page)
      await shell.goto('Models')
      await models.chooseDataset('Demo: audience posts')
      await models.chooseModelType('Naive Bayes')
      await models.setName(MODEL)
      await models.train()
      await models.waitForTraining()
      await models.openTrainedReport()
      expect(await page.getByRole('heading', { level: 2, name: MODEL }).isVisible()).toBe(true)
    })

    it('opens a misclassified row in Annotate and fixes its label', async () => {
      const models = new ModelsPage(page)
      const labels = await models.reportLabels()
      let cell: { gold: string; predicted: string } | null = null
      for (const gold of labels)
        for (const predicted of labels)
          if (!cell && gold !== predicted && (await models.cellCount(gold, predicted)) > 0)
            cell = { gold, predicted }
      if (!cell) throw new Error('The demo model made no mistake: nothing to fix')
      await models.confusionCell(cell.gold, cell.predicted).click()
      await expect
        .poll(async () => (await models.detailsRows())[0]?.predicted ?? '')
        .toContain(cell.predicted)
      const row = models.detailsTable.locator('tbody tr').first()
      const text = (await row.locator('td').nth(1).textContent()) ?? ''
      await row.getByRole('button', { name: /^Open document .* in Annotate$/ }).click()
      await shell.heading('Annotate').waitFor()
      const annotate = new AnnotatePage(page)
      await expect.poll(() => annotate.text()).toBe(text)
      const id = await annotate.currentId()
      expect(await labelsOf(id)).toContain(cell.gold)

      // The model was right: the document gets the predicted label instead of the gold one.
      await annotate.labelButton(cell.predicted).click()
      await annotate.labelButton(cell.gold).click()
      await expect.poll(() => labelsOf(id)).toContain(cell.predicted)
      expect(await labelsOf(id)).not.toContain(cell.gold)
      expect(await shownTheme(page)).toBe(theme)
      expect(app.pageErrors).toEqual([])
    })
  })
