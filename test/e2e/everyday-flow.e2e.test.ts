import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApiClient } from '../../src-main/api/client'
import { memoryTransport } from '../../src-main/core/memory-transport'
import { openAppSession, type AppSession } from '../helpers/app-session'
import type { AppShell } from './pages/app-shell'
import { shownTheme, THEMES } from './pages/layout-probe'
import { PredictPage } from './pages/predict-page'
import { RulesPage } from './pages/rules-page'

/** Each journey runs in both themes: a step that works only in light is a bug too. */
for (const theme of THEMES)
  describe(`the everyday flow at 1366×768 (${theme} theme)`, () => {
    let app: AppSession
    let page: Page
    let shell: AppShell

    beforeAll(async () => {
      app = await openAppSession({ theme, context: { viewport: { width: 1366, height: 768 } } })
      page = app.page
      shell = app.shell
    })

    afterAll(() => app?.close())

    /** The core behind the page, to check what the UI did. */
    const api = () => createApiClient(memoryTransport(app.harness.core))

    it('welcomes a first run with the three steps, and the label step opens the demo', async () => {
      const welcome = page.getByRole('region', { name: /^Welcome/ })
      await welcome.waitFor()
      for (const step of ['Label the demo posts', 'Train a model', 'Predict new posts']) {
        expect(await welcome.getByRole('button', { name: step }).isVisible()).toBe(true)
      }
      await welcome.getByRole('button', { name: 'Label the demo posts' }).click()
      await shell.heading('Annotate').waitFor()
      await expect
        .poll(() => page.getByRole('combobox', { name: 'Dataset' }).inputValue())
        .toMatch(/^[0-9a-f]{32}$/)
      // The document has the focus, not the title: the label keys work at once.
      await expect.poll(() => page.evaluate('document.activeElement?.className')).toBe('doc-text')
    })

    it('remembers the chosen screen and dataset across a reload', async () => {
      const chosen = await page.getByRole('combobox', { name: 'Dataset' }).inputValue()
      await page.reload()
      await shell.heading('Annotate').waitFor()
      expect(await shownTheme(page)).toBe(theme)
      await expect
        .poll(() => page.getByRole('combobox', { name: 'Dataset' }).inputValue())
        .toBe(chosen)
    })

    it('asks Save / Discard / Cancel before an unsaved rule set is left, and Cancel keeps it', async () => {
      const rules = new RulesPage(page)
      await shell.goto('Rules')
      await rules.ruleLabel(1).fill('parent')
      await rules.ruleKeyword(1).fill('媽媽')
      await expect.poll(() => page.getByRole('heading', { name: /\(unsaved\)$/ }).count()).toBe(1)

      await shell.navLink('Models').click()
      const dialog = page.getByRole('dialog', { name: 'Unsaved changes' })
      await dialog.waitFor()
      await dialog.getByRole('button', { name: 'Cancel' }).click()
      await shell.heading('Rules').waitFor()
      expect(await rules.ruleKeyword(1).inputValue()).toBe('媽媽')

      // Switching to another set asks too; Discard drops the edits and opens it.
      await page.getByRole('button', { name: /^Demo: audience keywords/ }).click()
      await dialog.waitFor()
      await dialog.getByRole('button', { name: 'Discard' }).click()
      // The set opens once the core has sent it: its rules, not the dropped draft's, are read below.
      await page.getByRole('heading', { name: /^Demo: audience keywords/ }).waitFor()
      await expect.poll(() => page.getByRole('heading', { name: /\(unsaved\)$/ }).count()).toBe(0)

      // An edit undone by hand is no change.
      const first = await rules.ruleKeyword(1).inputValue()
      await rules.ruleKeyword(1).fill(`${first}x`)
      await expect.poll(() => page.getByRole('heading', { name: /\(unsaved\)$/ }).count()).toBe(1)
      await rules.ruleKeyword(1).fill(first)
      await expect.poll(() => page.getByRole('heading', { name: /\(unsaved\)$/ }).count()).toBe(0)
      await shell.goto('Models')
    })

    it('predicts from the demo source with its columns mapped automatically', async () => {
      const predict = new PredictPage(page)
      await shell.goto('Predict')
      await predict.openForm()
      const source = predict.source(1)
      await source.getByRole('button', { name: 'Use the demo posts' }).click()
      await expect
        .poll(() => source.getByLabel('Id column', { exact: true }).inputValue())
        .toBe('id')
      expect(await source.getByLabel('Content column', { exact: true }).inputValue()).toBe(
        'content',
      )
      expect(await source.getByLabel('Author column', { exact: true }).inputValue()).toBe('author')
      expect(await source.getByLabel('Post time column', { exact: true }).inputValue()).toBe(
        'post_time',
      )
      expect(await source.getByLabel('Source id column', { exact: true }).inputValue()).toBe(
        'source_id',
      )
      expect(await source.getByLabel('From (inclusive)').getAttribute('placeholder')).toBe(
        'YYYY-MM-DD',
      )
      expect(app.pageErrors).toEqual([])
    })

    it('shows a field error when the user leaves it invalid, without pressing Start', async () => {
      const predict = new PredictPage(page)
      const idColumn = predict.source(1).getByLabel('Id column', { exact: true })
      await idColumn.focus()
      await idColumn.selectOption('')
      // Still in the field: no error yet.
      expect(await predict.fieldErrors.count()).toBe(0)
      await page.keyboard.press('Tab')
      await expect
        .poll(() => predict.fieldErrors.allTextContents())
        .toEqual(['Pick the id column.'])
      expect(await predict.form.getByRole('alert').textContent()).toMatch(
        /^One field needs attention/,
      )
      // Fields not edited stay quiet (the output path is empty too); fixing it clears the error.
      await idColumn.selectOption('id')
      await expect.poll(() => predict.fieldErrors.count()).toBe(0)
      expect(await predict.form.getByRole('alert').count()).toBe(0)
    })

    it('clears a form error the moment its field is fixed', async () => {
      const predict = new PredictPage(page)
      const source = predict.source(1)
      await source.getByLabel('Id column', { exact: true }).selectOption('')
      await predict.start()
      const alert = predict.form.getByRole('alert')
      await expect.poll(() => alert.textContent()).toMatch(/fields? needs? attention/)
      await expect
        .poll(() => predict.fieldErrors.allTextContents())
        .toContain('Pick the id column.')
      const before = await predict.fieldErrors.count()
      await source.getByLabel('Id column', { exact: true }).selectOption('id')
      await expect.poll(() => predict.fieldErrors.count()).toBe(before - 1)
      expect(await predict.fieldErrors.allTextContents()).not.toContain('Pick the id column.')
    })

    it('runs, lists every file it writes, explains the counts, and runs again filled in', async () => {
      const predict = new PredictPage(page)
      await predict.setKeywordLabels(1, [
        { label: 'food', keywords: 'tofu\ntea' },
        { label: 'coffee', keywords: 'coffee' },
      ])
      const out = join(app.harness.dataDir, 'X.csv')
      await predict.output.getByLabel('Output file path').fill(out)
      await predict.form.getByLabel('Task title').fill('Demo food')
      await predict.start()
      await predict.status('SUCCESS').waitFor({ timeout: 90_000 })
      expect(await predict.writes()).toEqual([
        `Results ${out}`,
        `Author panel ${join(app.harness.dataDir, 'X_authors.csv')}`,
        `Staging file ${out}.sqlite`,
      ])
      await expect
        .poll(() => predict.writtenNote.textContent())
        .toMatch(/^[\d,]+ labels? on [\d,]+ rows?: /)
      // Sample rows name the keyword model briefly, not as name@version.
      await expect.poll(() => predict.sampleRows.count()).toBeGreaterThan(0)
      expect(await predict.sampleRows.first().locator('td').nth(5).textContent()).toBe(
        'keywords v1',
      )

      await predict.runAgainButton.click()
      await predict.form.waitFor()
      expect(await predict.form.getByLabel('Task title').inputValue()).toBe('Demo food')
      expect(await predict.output.getByLabel('Output file path').inputValue()).toBe(out)
      expect(
        await predict.source(1).getByLabel('Content column', { exact: true }).inputValue(),
      ).toBe('content')
    })

    it('asks before a changed form is left, and Keep editing keeps it', async () => {
      const predict = new PredictPage(page)
      await predict.form.getByLabel('Task title').fill('Demo food, edited')
      await predict.form.getByRole('button', { name: 'Close form' }).click()
      await predict.discardDialog.waitFor()
      await predict.discardDialog.getByRole('button', { name: 'Keep editing' }).click()
      expect(await predict.form.getByLabel('Task title').inputValue()).toBe('Demo food, edited')
      // Another screen asks the same; Discard leaves.
      await shell.navLink('Models').click()
      await predict.discardDialog.getByRole('button', { name: 'Discard draft' }).click()
      await shell.heading('Models').waitFor()
      await shell.goto('Predict')
    })

    it('saves a task as a template, starts a new task from it, and deletes it', async () => {
      const predict = new PredictPage(page)
      await page.getByRole('button', { name: 'Open Demo food', exact: true }).click()
      await predict.status('SUCCESS').waitFor()
      await predict.saveAsTemplate('Weekly food')
      await predict.openForm()
      await predict.startFrom.selectOption({ label: 'Weekly food' })
      await expect.poll(() => predict.form.getByLabel('Task title').inputValue()).toBe('Demo food')
      expect(await predict.form.textContent()).toContain('Filled in from template "Weekly food"')
      // Deleting asks first; Cancel keeps the template.
      const templateNames = async () =>
        (await api().call('predict.listTemplates', {})).map((t) => t.name)
      const deleteTemplate = predict.form.getByRole('button', {
        name: 'Delete template Weekly food',
      })
      const confirm = page.getByRole('dialog', { name: 'Delete "Weekly food"?' })
      await deleteTemplate.click()
      await confirm.getByRole('button', { name: 'Cancel' }).click()
      await confirm.waitFor({ state: 'detached' })
      expect(await templateNames()).toEqual(['Weekly food'])
      await deleteTemplate.click()
      await confirm.getByRole('button', { name: 'Delete template' }).click()
      await expect.poll(() => predict.startFrom.count()).toBe(0)
      expect(await templateNames()).toEqual([])
      expect(await shownTheme(page)).toBe(theme)
      expect(app.pageErrors).toEqual([])
    })
  })
