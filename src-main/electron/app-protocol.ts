import { protocol } from 'electron'
import { readFile } from 'node:fs/promises'
import { extname } from 'node:path'
import { CONTENT_SECURITY_POLICY, CONTENT_TYPES } from '../host/web-content'
import { APP_SCHEME, appUrlToFile } from './app-url'

/**
 * Must run before `app` is ready: app:// behaves like https (standard, secure, fetch allowed).
 * `corsEnabled` lets Chromium load Vite's `<script type="module" crossorigin>` from a custom scheme;
 * no other origin is ever loaded (see hardenSession), so nothing else can read these files.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true },
    },
  ])
}

/** Serves the built renderer (inside app.asar when installed) on app://audience/, nothing else. */
export function serveAppScheme(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = appUrlToFile(request.url, rendererDir)
    if (!file) return new Response('Not found', { status: 404 })
    try {
      const body = await readFile(file)
      return new Response(body, {
        headers: {
          'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
          'content-security-policy': CONTENT_SECURITY_POLICY,
          'x-content-type-options': 'nosniff',
        },
      })
    } catch {
      return new Response('Not found', { status: 404 })
    }
  })
}
