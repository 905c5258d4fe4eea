import type { Locator, Page } from 'playwright-core'

/** The Annotate screen: document pane, label buttons, filters and the windowed list. */
export class AnnotatePage {
  constructor(readonly page: Page) {}

  get documentText(): Locator {
    return this.page.getByRole('document', { name: 'Document text' })
  }

  /** The id of the document shown in the pane. */
  async currentId(): Promise<number> {
    return Number(await this.documentText.getAttribute('data-document-id'))
  }

  async text(): Promise<string> {
    return (await this.documentText.textContent()) ?? ''
  }

  labelButton(name: string): Locator {
    return this.page
      .getByRole('group', { name: /^Label/ })
      .getByRole('button', { name, exact: true })
  }

  get list(): Locator {
    return this.page.getByRole('listbox', { name: 'Documents' })
  }

  get options(): Locator {
    return this.list.getByRole('option')
  }

  statusFilter(name: 'All' | 'Unlabeled' | 'Labeled'): Locator {
    return this.page
      .getByRole('group', { name: 'Status filter' })
      .getByRole('button', { name: new RegExp(`^${name}`) })
  }

  get search(): Locator {
    return this.page.getByRole('searchbox', { name: 'Search documents' })
  }

  get progress(): Locator {
    return this.page.getByRole('region', { name: 'Progress' })
  }

  get notice(): Locator {
    return this.page.locator('.annotate-notice')
  }

  get suggestionChips(): Locator {
    return this.page.getByRole('list', { name: 'Suggested labels' }).getByRole('listitem')
  }

  get suggestionsFrom(): Locator {
    return this.page.getByRole('combobox', { name: 'Suggestions from' })
  }

  get queue(): Locator {
    return this.page.getByRole('combobox', { name: 'Queue' })
  }

  get queueItems(): Locator {
    return this.page.getByRole('list', { name: 'Queue head' }).getByRole('button')
  }

  get queueRegion(): Locator {
    return this.page.getByRole('region', { name: 'Queue' })
  }

  get freshRegion(): Locator {
    return this.page.getByRole('region', { name: 'Keep the model fresh' })
  }

  get freshToggle(): Locator {
    return this.freshRegion.getByRole('checkbox', { name: 'Keep the model fresh' })
  }

  get freshEvery(): Locator {
    return this.freshRegion.getByRole('spinbutton', { name: 'Label changes between retrains' })
  }

  /** The learning curve's text (the chart itself is hidden from assistive technology). */
  get learningCurve(): Locator {
    return this.freshRegion.locator('figcaption')
  }

  /** The search and rule matches marked in the open document. */
  get marks(): Locator {
    return this.documentText.locator('mark')
  }

  get bulkActions(): Locator {
    return this.page.getByRole('group', { name: 'Bulk actions' })
  }

  get bulkLabel(): Locator {
    return this.bulkActions.getByRole('combobox', { name: 'Bulk label' })
  }

  /** A bulk action button ("Label all 40 matching…", "Label 3 selected…"). */
  bulkButton(name: string | RegExp): Locator {
    return this.bulkActions.getByRole('button', { name })
  }

  /** A listed document, by id. */
  option(documentId: number): Locator {
    return this.list.locator(`[role="option"][id="doc-row-${documentId}"]`)
  }

  /** A row's tick box (for the mouse; the option's aria-selected says whether it is ticked). */
  rowCheckbox(documentId: number): Locator {
    return this.option(documentId).locator('input[type="checkbox"]')
  }

  /** The open modal dialog (the bulk confirmation). */
  get dialog(): Locator {
    return this.page.getByRole('dialog')
  }

  /** An information toast whose text includes `text`. */
  toast(text: string): Locator {
    return this.page
      .getByRole('region', { name: 'Notifications' })
      .getByRole('status')
      .filter({ hasText: text })
  }

  /** Presses a key with the focus on the page body (no field focused). */
  async press(key: string): Promise<void> {
    await this.page.keyboard.press(key)
  }
}
