import { request } from 'node:http'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startBridgeHarness, type BridgeHarness } from '../helpers/bridge-harness'
import { launchBrowser } from '../helpers/browser'

interface RawAnswer {
  status: number
  body: { ok?: boolean; error?: { code?: string; message?: string } } | null
}

/** A plain HTTP request, so that Host and Origin can be anything (fetch forbids setting Host). */
function rawRequest(
  port: number,
  options: {
    path: string
    method?: string
    headers?: Record<string, string>
    body?: string | Buffer
  },
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: options.path,
        method: options.method ?? 'POST',
        headers: options.headers,
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8')
          let body: RawAnswer['body'] = null
          try {
            body = JSON.parse(text) as RawAnswer['body']
          } catch {
            body = null
          }
          resolve({ status: res.statusCode ?? 0, body })
        })
      },
    )
    // The server may answer 413 and stop reading before the whole body is sent.
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') reject(error)
    })
    req.end(options.body)
  })
}

describe('bridge security', () => {
  let harness: BridgeHarness
  let browser: Browser
  const call = '/api/call/system.info'
  const json = { 'content-type': 'application/json' }
  const body = JSON.stringify({ params: {} })
  const auth = () => ({ authorization: `Bearer ${harness.token}` })

  beforeAll(async () => {
    harness = await startBridgeHarness()
    browser = await launchBrowser()
  })

  afterAll(async () => {
    await browser?.close()
    await harness?.close()
  })

  it('answers a call that carries the token', async () => {
    const answer = await rawRequest(harness.port, {
      path: call,
      headers: { ...json, ...auth() },
      body,
    })
    expect(answer.status).toBe(200)
    expect(answer.body?.ok).toBe(true)
  })

  it('refuses a call without the token: 401 UNAUTHORIZED', async () => {
    const answer = await rawRequest(harness.port, { path: call, headers: json, body })
    expect(answer.status).toBe(401)
    expect(answer.body?.error?.code).toBe('UNAUTHORIZED')
  })

  it('refuses a wrong token, including one of the right length: 401', async () => {
    const wrong = harness.token.replace(/^./, (c) => (c === 'a' ? 'b' : 'a'))
    for (const token of ['nope', wrong]) {
      const answer = await rawRequest(harness.port, {
        path: call,
        headers: { ...json, authorization: `Bearer ${token}` },
        body,
      })
      expect(answer.status).toBe(401)
      expect(answer.body?.error?.code).toBe('UNAUTHORIZED')
    }
  })

  it('refuses the event stream without the token', async () => {
    const answer = await rawRequest(harness.port, { path: '/api/events', method: 'GET' })
    expect(answer.status).toBe(401)
  })

  it('refuses a foreign Origin even with the token: 403', async () => {
    const answer = await rawRequest(harness.port, {
      path: call,
      headers: { ...json, ...auth(), origin: 'http://evil.example' },
      body,
    })
    expect(answer.status).toBe(403)
    expect(answer.body?.error?.code).toBe('FORBIDDEN')
  })

  it('refuses a foreign Host (DNS rebinding) even with the token: 403', async () => {
    const answer = await rawRequest(harness.port, {
      path: call,
      headers: { ...json, ...auth(), host: `evil.example:${harness.port}` },
      body,
    })
    expect(answer.status).toBe(403)
    expect(answer.body?.error?.code).toBe('FORBIDDEN')
    // The page itself is not served to a rebound name either.
    const page = await rawRequest(harness.port, {
      path: '/',
      method: 'GET',
      headers: { host: `evil.example:${harness.port}` },
    })
    expect(page.status).toBe(403)
  })

  it('refuses a body over the limit: 413', async () => {
    const big = JSON.stringify({ params: { pad: 'x'.repeat(2 * 1024 * 1024) } })
    const answer = await rawRequest(harness.port, {
      path: call,
      headers: { ...json, ...auth() },
      body: big,
    })
    expect(answer.status).toBe(413)
  })

  it('refuses a fetch from the served page itself when it leaves the token out', async () => {
    const page = await browser.newPage()
    try {
      await page.goto(`${harness.origin}/`)
      const post = (withToken: boolean) =>
        page.evaluate(
          async ({ token, withToken }) => {
            const response = await fetch('/api/call/system.info', {
              method: 'POST',
              headers: {
                'content-type': 'application/json',
                ...(withToken ? { authorization: `Bearer ${token}` } : {}),
              },
              body: JSON.stringify({ params: {} }),
            })
            return { status: response.status, body: (await response.json()) as RawAnswer['body'] }
          },
          { token: harness.token, withToken },
        )
      const refused = await post(false)
      expect(refused.status).toBe(401)
      expect(refused.body?.error?.code).toBe('UNAUTHORIZED')
      const allowed = await post(true)
      expect(allowed.status).toBe(200)
    } finally {
      await page.close()
    }
  })

  it('serves the page with a strict Content-Security-Policy', async () => {
    const page = await browser.newPage()
    try {
      const response = await page.goto(`${harness.origin}/`)
      const csp = (await response?.allHeaders())?.['content-security-policy'] ?? ''
      expect(csp).toContain("script-src 'self'")
      expect(csp).toContain("connect-src 'self'")
    } finally {
      await page.close()
    }
  })
})
