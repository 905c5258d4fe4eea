import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startBridgeHarness, type BridgeHarness } from '../helpers/bridge-harness'
import { launchBrowser } from '../helpers/browser'
import { makeCertificate, startFakeMariaDb } from '../helpers/fake-mariadb-tls'
import { AppShell } from './pages/app-shell'
import { ConnectionsPage } from './pages/connections-page'

const PASSWORD = 'pw-e2e-Never-In-Clear'

describe('a TLS connection whose certificate is not trusted, in Chromium', () => {
  let harness: BridgeHarness
  let browser: Browser
  let page: Page
  let fake: Awaited<ReturnType<typeof startFakeMariaDb>>
  let fingerprint: string

  beforeAll(async () => {
    const cert = await makeCertificate('db.test', [{ type: 7, ip: '127.0.0.1' }])
    fingerprint = cert.fingerprint256
    fake = await startFakeMariaDb(cert)
    harness = await startBridgeHarness()
    browser = await launchBrowser()
    page = await (await browser.newContext({ colorScheme: 'light' })).newPage()
    await page.goto(harness.url)
    await new AppShell(page).heading('Datasets').waitFor()
  })

  afterAll(async () => {
    await browser?.close()
    await harness?.close()
    await fake?.close()
  })

  it('shows the fingerprint after a failed Test, and "Trust this certificate" pins it', async () => {
    await new AppShell(page).goto('Connections')
    const connections = new ConnectionsPage(page)
    await connections.add({
      name: 'Self-signed',
      host: '127.0.0.1',
      port: fake.port,
      user: 'app',
      password: PASSWORD,
      tls: "Verify the server's certificate",
    })
    expect(await connections.profile('Self-signed').textContent()).toContain('TLS verified')

    expect(await connections.test('Self-signed')).toContain('not trusted: it is self-signed')
    const certificate = connections.certificate('Self-signed')
    expect(await certificate.textContent()).toContain(fingerprint)
    expect(fake.received().includes(Buffer.from(PASSWORD))).toBe(false)

    await certificate.getByRole('button', { name: 'Trust this certificate' }).click()
    const status = connections.profile('Self-signed').getByRole('status').locator('p')
    await expect.poll(() => status.textContent(), { timeout: 15_000 }).toMatch(/^Connected: /)
    expect(await certificate.count()).toBe(0)
    expect(await connections.profile('Self-signed').textContent()).toContain('TLS pinned')
    // Only now, with the certificate pinned, did the login reach the server, inside TLS.
    expect(fake.sessions.at(-1)?.events.slice(0, 4)).toEqual([
      'ssl-request',
      'tls',
      'auth',
      'password',
    ])
  })
})
