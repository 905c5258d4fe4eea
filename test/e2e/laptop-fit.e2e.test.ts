import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openAppSession, type AppSession } from '../helpers/app-session'
import type { AppShell, Section } from './pages/app-shell'
import { join } from 'node:path'
import { createApiClient } from '../../src-main/api/client'
import { memoryTransport } from '../../src-main/core/memory-transport'
import { contrastViolations, horizontalOverflow, setTheme, THEMES } from './pages/layout-probe'
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

  for (const size of [
    { width: 1366, height: 768 },
    { width: 1280, height: 720 },
  ]) {
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

  it('a finished predict task page and a model report fit and pass axe-core, in both themes', async () => {
    // Work done through the core, so the screens below have something to show.
    const { core, dataDir } = app.harness
    const api = createApiClient(memoryTransport(core))
    const finished = (taskId: string) => core.tasks.settled(taskId)
    const overview = await api.call('workspace.getOverview', {})
    const { taskId } = await api.call('predict.start', {
      title: 'Fit check',
      sources: [
        {
          kind: 'file',
          path: overview.demoSourcePath ?? '',
          format: 'csv',
          columns: { id: 'id', content: 'content', author: 'author', postTime: 'post_time' },
        },
      ],
      models: [{ model: { kind: 'keywords', name: 'fit', labels: { food: ['tofu', 'tea'] } } }],
      sink: { kind: 'csv', path: join(dataDir, 'a-rather-long-output-file-name.csv') },
    })
    expect((await finished(taskId)).status).toBe('SUCCESS')
    const trained = await api.call('models.startTraining', {
      name: 'Fit report',
      datasetId: overview.demoDatasetId ?? '',
      kind: 'nb',
    })
    expect((await finished(trained.taskId)).status).toBe('SUCCESS')

    const predict = new PredictPage(page)
    const models = new ModelsPage(page)
    const views: { name: string; open: () => Promise<void> }[] = [
      {
        name: 'Predict task page',
        open: async () => {
          await shell.goto('Predict')
          await page.getByRole('button', { name: 'Open Fit check', exact: true }).click()
          await predict.status('SUCCESS').waitFor()
          await predict.sampleRows.first().waitFor()
          await predict.writes()
        },
      },
      {
        name: 'Model report',
        open: async () => {
          await shell.goto('Models')
          await models.openVersion('Fit report')
          await models.reportTable.waitFor()
          await models.details.waitFor()
        },
      },
    ]
    const problems: string[] = []
    await page.setViewportSize({ width: 1366, height: 768 })
    for (const view of views) {
      await view.open()
      problems.push(...(await horizontalOverflow(page)).map((p) => `${view.name}: ${p}`))
      for (const theme of THEMES) {
        await setTheme(page, theme)
        problems.push(
          ...(await contrastViolations(page)).map((p) => `${view.name} (${theme}): ${p}`),
        )
      }
    }
    expect(problems).toEqual([])
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
