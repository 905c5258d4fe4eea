import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApiClient, type ApiClient } from '../../src-main/api/client'
import type { DocumentFilter } from '../../src-main/api/dto'
import { memoryTransport } from '../../src-main/core/memory-transport'
import { openAppSession, type AppSession } from '../helpers/app-session'
import { AnnotatePage } from './pages/annotate-page'

const SETUP = 'e2e-setup'

describe('bulk labelling and search highlighting in Annotate, in Chromium against the bridge', () => {
  let session: AppSession
  let api: ApiClient
  let annotate: AnnotatePage
  let datasetId: string
  let student: number
  /** The demo posts mentioning coffee (any case): the search's result. */
  let coffee: number[] = []

  /** Ids of the documents matching a filter, straight from the core. */
  const idsOf = async (filter: DocumentFilter) =>
    (await api.call('annotation.listDocuments', { datasetId, filter, limit: 500 })).items
      .map((r) => r.id)
      .sort((a, b) => a - b)
  const withStudent = () => idsOf({ labelId: student })

  beforeAll(async () => {
    session = await openAppSession()
    api = createApiClient(memoryTransport(session.harness.core))
    const [demo] = await api.call('datasets.list', {})
    datasetId = demo!.id
    student = demo!.labels.find((l) => l.name === 'student')!.id
    // No coffee post is a student's yet, so the bulk action changes every one of them.
    const rows = await api.call('annotation.listDocuments', {
      datasetId,
      filter: { query: 'coffee' },
      limit: 500,
    })
    for (const row of rows.items) {
      if (!row.labelIds.includes(student)) continue
      const labelIds = row.labelIds.filter((id) => id !== student)
      await api.call('annotation.setLabels', {
        datasetId,
        documentId: row.id,
        labelIds,
        sessionId: SETUP,
      })
    }
    coffee = rows.items.map((r) => r.id).sort((a, b) => a - b)
    expect(coffee.length).toBeGreaterThan(10)
    annotate = new AnnotatePage(session.page)
    await session.shell.goto('Annotate')
    await annotate.documentText.waitFor()
  }, 120_000)

  afterAll(async () => {
    await session?.close()
  })

  it('labels every document a search matches after a confirmation with the count, and the toast undoes it as one step', async () => {
    const { page } = session
    const n = coffee.length
    const before = await withStudent()
    await annotate.search.fill('COFFEE')
    const labelAll = annotate.bulkButton(`Label all ${n} matching…`)
    await labelAll.waitFor()
    // The search term is marked in the open document, whatever its case there.
    await expect.poll(() => annotate.marks.count()).toBeGreaterThan(0)
    for (const mark of await annotate.marks.allTextContents())
      expect(mark.toLowerCase()).toBe('coffee')

    await annotate.bulkLabel.selectOption({ label: 'student' })
    await labelAll.click()
    await annotate.dialog.waitFor()
    expect(await annotate.dialog.textContent()).toContain(
      `Add the label ‘student’ to the ${n} documents in the list (all documents · search “COFFEE”).`,
    )
    // Esc cancels and nothing changes.
    await page.keyboard.press('Escape')
    await annotate.dialog.waitFor({ state: 'hidden' })
    expect(await withStudent()).toEqual(before)

    // Enter confirms: the confirm button has the focus.
    await labelAll.click()
    await annotate.dialog.waitFor()
    await expect
      .poll(() => session.shell.evaluate<string | null>('document.activeElement?.textContent'))
      .toBe(`Add to ${n} documents`)
    await page.keyboard.press('Enter')
    const toast = annotate.toast(`Added ‘student’ to ${n} documents`)
    await toast.waitFor()
    expect(await withStudent()).toEqual([...before, ...coffee].sort((a, b) => a - b))
    expect(await idsOf({ query: 'coffee', labelId: student })).toEqual(coffee)
    // The open document and the list show the label.
    await expect
      .poll(() => annotate.labelButton('student').getAttribute('aria-pressed'))
      .toBe('true')
    await expect.poll(() => annotate.options.first().textContent()).toContain('student')

    await toast.getByRole('button', { name: 'Undo' }).click()
    await expect
      .poll(() => annotate.notice.textContent())
      .toBe(`Undid the bulk change to ${n} documents.`)
    expect(await idsOf({ query: 'coffee', labelId: student })).toEqual([])
    expect(await withStudent()).toEqual(before)
    await expect
      .poll(() => annotate.labelButton('student').getAttribute('aria-pressed'))
      .toBe('false')
    expect(await session.shell.errorToasts.count()).toBe(0)
  })

  it('asks again with the new count when the matching documents changed before confirming', async () => {
    const { page } = session
    await annotate.statusFilter('Unlabeled').click()
    const unlabeled = await idsOf({ status: 'unlabeled', query: 'COFFEE' })
    // Two unlabelled coffee posts at least, so one can be labelled behind the dialog's back.
    expect(unlabeled.length).toBeGreaterThan(1)
    await annotate.bulkLabel.selectOption({ label: 'student' })
    await annotate.bulkButton(`Label all ${unlabeled.length} matching…`).click()
    await annotate.dialog.waitFor()
    await api.call('annotation.setLabels', {
      datasetId,
      documentId: unlabeled[0]!,
      labelIds: [student],
      sessionId: SETUP,
    })
    await page.keyboard.press('Enter')
    const now = unlabeled.length - 1
    const docs = `${now} document${now === 1 ? '' : 's'}`
    await annotate.dialog
      .getByRole('alert')
      .filter({ hasText: `now matches ${now} documents, not the ${unlabeled.length}` })
      .waitFor()
    expect(await idsOf({ status: 'unlabeled', query: 'COFFEE' })).toEqual(unlabeled.slice(1))
    await annotate.dialog.getByRole('button', { name: `Add to ${docs}` }).waitFor()
    await page.keyboard.press('Enter')
    await annotate.toast(`Added ‘student’ to ${docs}`).waitFor()
    expect(await idsOf({ status: 'unlabeled', query: 'COFFEE' })).toEqual([])
  })

  it('labels the documents ticked in the list (click, Shift-click, Shift+Space) and marks a CJK search', async () => {
    await annotate.statusFilter('All').click()
    await annotate.search.fill('咖啡')
    const tea = await idsOf({ query: '咖啡' })
    expect(tea.length).toBeGreaterThan(3)
    await annotate.rowCheckbox(tea[0]!).waitFor()
    await expect.poll(() => annotate.marks.allTextContents()).toContain('咖啡')
    const parent = (await api.call('datasets.get', { id: datasetId })).labels.find(
      (l) => l.name === 'parent',
    )!.id
    const hadParent = new Set(await idsOf({ query: '咖啡', labelId: parent }))

    await annotate.rowCheckbox(tea[0]!).click()
    await annotate.rowCheckbox(tea[2]!).click({ modifiers: ['Shift'] })
    const ticked = () =>
      Promise.all(tea.slice(0, 4).map((id) => annotate.option(id).getAttribute('aria-selected')))
    await expect.poll(ticked).toEqual(['true', 'true', 'true', 'false'])
    // From the keyboard: Shift+Space in the list ticks or unticks the open document (the first).
    expect(await annotate.currentId()).toBe(tea[0])
    await annotate.list.focus()
    await annotate.press('Shift+Space')
    await expect.poll(ticked).toEqual(['false', 'true', 'true', 'false'])
    await annotate.press('Shift+Space')
    await expect.poll(ticked).toEqual(['true', 'true', 'true', 'false'])
    await annotate.bulkLabel.selectOption({ label: 'parent' })
    await annotate.bulkButton('Label 3 selected…').click()
    await annotate.dialog.waitFor()
    expect(await annotate.dialog.textContent()).toContain(
      'Add the label ‘parent’ to the 3 selected documents.',
    )
    await session.page.keyboard.press('Enter')
    const changed = tea.slice(0, 3).filter((id) => !hadParent.has(id)).length
    await annotate.toast(`Added ‘parent’ to ${changed} document`).waitFor()
    const nowParent = await idsOf({ query: '咖啡', labelId: parent })
    expect(nowParent).toEqual(
      [...new Set([...hadParent, ...tea.slice(0, 3)])].sort((a, b) => a - b),
    )
    expect(session.pageErrors).toEqual([])
  })
})
