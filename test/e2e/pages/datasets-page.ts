import type { Locator, Page } from 'playwright-core'

/** The Datasets screen: list, detail panel, dialogs. */
export class DatasetsPage {
  constructor(readonly page: Page) {}

  get list(): Locator {
    return this.page.getByRole('list', { name: 'Datasets' })
  }

  /** One entry per dataset (label bars inside an entry are lists of their own). */
  get items(): Locator {
    return this.list.locator(':scope > li')
  }

  item(name: string): Locator {
    return this.list.getByRole('button', { name: new RegExp(`^${escape(name)}\\b`) })
  }

  async search(text: string): Promise<void> {
    await this.page.getByRole('searchbox', { name: 'Search datasets' }).fill(text)
  }

  detail(name: string): Locator {
    return this.page.getByRole('region', { name: `Dataset ${name}`, exact: true })
  }

  dialog(title: string | RegExp): Locator {
    return this.page.getByRole('dialog', { name: title })
  }

  async create(name: string, labels: string[]): Promise<void> {
    await this.page.getByRole('button', { name: 'New dataset' }).click()
    const dialog = this.dialog('New dataset')
    await dialog.getByRole('textbox', { name: 'Name' }).fill(name)
    await dialog.getByRole('textbox', { name: /^Labels/ }).fill(labels.join(', '))
    await dialog.getByRole('button', { name: 'Create dataset' }).click()
    await dialog.waitFor({ state: 'detached' })
    await this.detail(name).waitFor()
  }

  async rename(from: string, to: string): Promise<void> {
    const detail = this.detail(from)
    await detail.getByRole('textbox', { name: 'Dataset name' }).fill(to)
    await detail.getByRole('button', { name: 'Save details' }).click()
    await this.detail(to).waitFor()
  }

  async delete(name: string): Promise<void> {
    await this.detail(name).getByRole('button', { name: 'Delete', exact: true }).click()
    const dialog = this.dialog(`Delete "${name}"?`)
    await dialog.getByRole('button', { name: 'Delete dataset' }).click()
    await dialog.waitFor({ state: 'detached' })
  }

  get undoDelete(): Locator {
    return this.page.getByRole('button', { name: 'Undo delete' })
  }

  /** Opens the import dialog, picks a file and waits for its preview. */
  async importFile(file: { name: string; mimeType: string; buffer: Buffer }): Promise<Locator> {
    await this.page.getByRole('button', { name: 'Import file…' }).click()
    const dialog = this.dialog('Import documents')
    await dialog.getByLabel('File to import').setInputFiles(file)
    await dialog.getByRole('region', { name: 'Preview' }).waitFor()
    return dialog
  }

  /** The label shown by a select (combobox) of the import preview. */
  async chosen(preview: Locator, name: string): Promise<string> {
    const select = preview.getByRole('combobox', { name, exact: true })
    return (await select.locator('option:checked').textContent()) ?? ''
  }

  /** A fact of the import preview ("Encoding", "Label separator", …). */
  async fact(preview: Locator, term: string): Promise<string> {
    return (await preview.locator('dt', { hasText: term }).locator('+ dd').textContent()) ?? ''
  }

  /** The label chips of one preview row. */
  async chips(preview: Locator, line: number): Promise<string[]> {
    return preview
      .getByRole('list', { name: `Labels on line ${line}` })
      .getByRole('listitem')
      .allTextContents()
  }

  exportSection(name: string): Locator {
    return this.detail(name).getByRole('region', { name: 'Export' })
  }
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
