import type { Locator, Page } from 'playwright-core'

export interface ConnectionInput {
  name: string
  host: string
  port: number
  user: string
  /** Omit for a profile without a password. */
  password?: string
  defaultSchema?: string
  connectTimeoutMs?: number
  /** TLS mode as the form's select names it; off when omitted. */
  tls?: "Verify the server's certificate" | 'Trust one certificate (pinned)'
  tlsCaFile?: string
}

/** Connections: saved profiles, the add/edit form, Test, the schema browser, remove. */
export class ConnectionsPage {
  constructor(readonly page: Page) {}

  get list(): Locator {
    return this.page.getByRole('list', { name: 'Saved connections' })
  }

  profile(name: string): Locator {
    return this.list.getByRole('listitem', { name, exact: true })
  }

  async add(input: ConnectionInput): Promise<void> {
    await this.page.getByRole('button', { name: 'New connection', exact: true }).click()
    const form = this.page.getByRole('region', { name: 'New connection' })
    await form.getByLabel('Name', { exact: true }).fill(input.name)
    await form.getByLabel('Host', { exact: true }).fill(input.host)
    await form.getByLabel('Port', { exact: true }).fill(String(input.port))
    await form.getByLabel('User', { exact: true }).fill(input.user)
    if (input.password === undefined) {
      await form.getByRole('radio', { name: 'No password' }).check()
    } else {
      await form.getByLabel('Password', { exact: true }).fill(input.password)
    }
    if (input.defaultSchema) await form.getByLabel('Default schema').fill(input.defaultSchema)
    if (input.connectTimeoutMs)
      await form.getByLabel('Connect timeout (ms)').fill(String(input.connectTimeoutMs))
    if (input.tls) await form.getByLabel('TLS', { exact: true }).selectOption({ label: input.tls })
    if (input.tlsCaFile) await form.getByLabel('CA file').fill(input.tlsCaFile)
    await form.getByRole('button', { name: 'Save connection' }).click()
    await this.profile(input.name).waitFor()
  }

  /** Clicks Test and returns the line that reports the outcome once it is there. */
  async test(name: string): Promise<string> {
    const item = this.profile(name)
    await item.getByRole('button', { name: `Test ${name}` }).click()
    const result = item.getByRole('status').locator('p')
    await result.waitFor({ timeout: 15_000 })
    return (await result.textContent()) ?? ''
  }

  /** The certificate a failed Test refused, with its "Trust this certificate" button. */
  certificate(name: string): Locator {
    return this.profile(name).getByRole('group', { name: `Server certificate of ${name}` })
  }

  async browse(name: string): Promise<Locator> {
    await this.profile(name)
      .getByRole('button', { name: `Browse ${name}` })
      .click()
    const browser = this.page.getByRole('region', { name: `Browse ${name}` })
    await browser.waitFor()
    return browser
  }

  /** Opens schema → table in the browser and returns the columns table. */
  async columnsOf(name: string, schema: string, table: string): Promise<Locator> {
    const browser = await this.browse(name)
    await browser.getByRole('button', { name: new RegExp(`^${schema}\\b`) }).click()
    await browser.getByRole('button', { name: new RegExp(`^${table}\\b`) }).click()
    const columns = browser.getByRole('table', { name: `Columns of ${schema}.${table}` })
    await columns.waitFor()
    return columns
  }

  async remove(name: string): Promise<void> {
    const item = this.profile(name)
    await item.getByRole('button', { name: `Remove ${name}` }).click()
    await item
      .getByRole('group', { name: `Confirm removing ${name}` })
      .getByRole('button', { name: 'Yes, remove' })
      .click()
    await item.waitFor({ state: 'detached' })
  }
}
