import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openAppSession, type AppSession } from '../helpers/app-session'
import type { AppShell, Section } from './pages/app-shell'
import { join } from 'node:path'
import { createApiClient } from '../../src-main/api/client'
import { memoryTransport } from '../../src-main/core/memory-transport'
import { AnnotatePage } from './pages/annotate-page'
import {
  contrastViolations,
  fitProblems,
  horizontalOverflow,
  LAPTOP_SIZES,
  setTheme,
  THEMES,
} from './pages/layout-probe'
import { ModelsPage } from './pages/models-page'
import { PredictPage } from './pages/predict-page'

const MAIN_SCREENS: Section[] = [
  'Datasets',
  'Annotate',
  'Rules',
  'Models',
  'Predict',
  'Connections',
  'Settings',
]

describe('the main screens fit a laptop and are readable, in both themes', () => {
  let app: AppSession
  let page: Page
  let shell: AppShell

  beforeAll(async () => {
    app = await openAppSession({ context: { viewport: { width: 1366, height: 768 } } })
    page = app.page
    shell = app.shell
  })

  afterAll(() => app?.close())

  for (const size of LAPTOP_SIZES) {
    it(`nothing overflows the page horizontally at ${size.width}×${size.height}`, async () => {
      await page.setViewportSize(size)
      const problems: string[] = []
      for (const screen of MAIN_SCREENS) {
        await shell.goto(screen)
        problems.push(...(await horizontalOverflow(page)).map((p) => `${screen}: ${p}`))
      }
      await shell.tasksToggle.click()
      problems.push(...(await horizontalOverflow(page)).map((p) => `Tasks drawer: ${p}`))
      await shell.tasksToggle.click()
      expect(problems).toEqual([])
    })
  }

  describe('the working views, at both laptop sizes and in both themes', () => {
    const predict = () => new PredictPage(page)
    const models = () => new ModelsPage(page)

    beforeAll(async () => {
      // Work done through the core, so the views below have something to show.
      const { core, dataDir } = app.harness
      const api = createApiClient(memoryTransport(core))
      const finished = async (taskId: string) =>
        expect((await core.tasks.settled(taskId)).status).toBe('SUCCESS')
      const overview = await api.call('workspace.getOverview', {})
      const datasetId = overview.demoDatasetId ?? ''
      await finished(
        (
          await api.call('predict.start', {
            title: 'Fit check',
            sources: [
              {
                kind: 'file',
                path: overview.demoSourcePath ?? '',
                format: 'csv',
                columns: { id: 'id', content: 'content', author: 'author', postTime: 'post_time' },
              },
            ],
            models: [
              { model: { kind: 'keywords', name: 'fit', labels: { food: ['tofu', 'tea'] } } },
            ],
            sink: { kind: 'csv', path: join(dataDir, 'a-rather-long-output-file-name.csv') },
          })
        ).taskId,
      )
      // Two versions that disagree (heavy smoothing), so the comparison lists changed documents.
      for (const [name, alpha] of [
        ['Fit report', 1],
        ['Fit compare', 30],
      ] as const) {
        const params = { alpha }
        const { taskId } = await api.call('models.startTraining', {
          name,
          datasetId,
          kind: 'nb',
          params,
        })
        await finished(taskId)
      }
    }, 120_000)

    it('a finished predict task page', async () => {
      await shell.goto('Predict')
      await page.getByRole('button', { name: 'Open Fit check', exact: true }).click()
      await predict().status('SUCCESS').waitFor()
      await predict().sampleRows.first().waitFor()
      await predict().writes()
      expect(await fitProblems(page, 'Predict task page')).toEqual([])
    })

    it('a model report', async () => {
      await shell.goto('Models')
      await models().openVersion('Fit report')
      await models().reportTable.waitFor()
      await models().details.waitFor()
      expect(await fitProblems(page, 'Model report')).toEqual([])
    })

    it('the comparison of two versions', async () => {
      await models().backToVersions()
      await page.getByRole('button', { name: 'Compare versions' }).click()
      await page.getByRole('button', { name: 'Compare', exact: true }).click()
      const changed = page.getByRole('region', { name: 'Changed documents' })
      await changed.waitFor()
      // Their text is the widest content of the view.
      await changed.locator('tbody tr').first().waitFor()
      expect(await fitProblems(page, 'Compare')).toEqual([])
    })

    it('the open predict form with two sources (one previewed) and two models', async () => {
      const form = predict()
      await shell.goto('Predict')
      await form.openForm()
      await form.form.getByRole('button', { name: 'Add source', exact: true }).click()
      await form.form.getByRole('button', { name: 'Add model', exact: true }).click()
      for (const n of [1, 2]) {
        const source = form.source(n)
        await source.getByRole('button', { name: 'Use the demo posts' }).click()
        // The columns are mapped once the file is read; a preview before that is dropped.
        await expect
          .poll(() => source.getByLabel('Id column', { exact: true }).inputValue())
          .toBe('id')
      }
      await (await form.preview(1)).locator('tbody tr').first().waitFor()
      await form.setKeywordLabels(1, [{ label: 'food', keywords: 'tofu\ntea' }])
      await form.choose(form.model(2), 'Model kind', 'Saved model version')
      await form.choose(form.model(2), 'Model version', 'Fit compare')
      const problems = await fitProblems(page, 'Predict form')
      // Leave the form without keeping the draft, for the screens after this one.
      await form.form.getByRole('button', { name: 'Close form' }).click()
      await form.discardDialog.getByRole('button', { name: 'Discard draft' }).click()
      expect(problems).toEqual([])
    })

    it('Annotate with the bulk actions, ticked rows and the undo toast at 1280×720', async () => {
      const annotate = new AnnotatePage(page)
      await shell.goto('Annotate')
      await annotate.search.fill('coffee')
      await annotate.bulkButton(/^Label all \d+ matching…$/).click()
      await annotate.dialog.waitFor()
      const problems = await fitProblems(page, 'Bulk confirmation', [LAPTOP_SIZES[1]])
      await annotate.dialog.getByRole('button', { name: /^Add to / }).click()
      const toast = annotate.toast('Added ‘')
      await toast.waitFor()
      const [first, , third] = await annotate.options.all()
      await first!.locator('input[type="checkbox"]').click()
      await third!.locator('input[type="checkbox"]').click()
      await annotate.bulkButton('Label 2 selected…').waitFor()
      // Focus inside the toast holds it (it closes on its own 30 s after focus leaves).
      const undo = toast.getByRole('button', { name: 'Undo' })
      await undo.focus()
      problems.push(...(await fitProblems(page, 'Annotate with bulk actions', [LAPTOP_SIZES[1]])))
      // The toast was still there when checked; its Undo puts the labels back.
      await undo.click()
      await annotate.bulkButton('Clear selection').click()
      await annotate.search.fill('')
      expect(problems).toEqual([])
    })
  })

  for (const theme of THEMES) {
    it(`text contrast passes axe-core on the main screens (${theme})`, async () => {
      await page.setViewportSize({ width: 1366, height: 768 })
      await setTheme(page, theme)
      const problems: string[] = []
      for (const screen of MAIN_SCREENS) {
        await shell.goto(screen)
        await setTheme(page, theme)
        problems.push(...(await contrastViolations(page)).map((p) => `${screen}: ${p}`))
      }
      expect(problems).toEqual([])
    })
  }
})
