import { createReadStream, existsSync, statSync } from 'node:fs'
import type { ServerResponse } from 'node:http'
import { basename, extname, join, normalize, resolve, sep } from 'node:path'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
}

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ')

/** Serves the built renderer; unknown paths fall back to index.html (client-side routes). */
export function serveStatic(rootDir: string, urlPath: string, res: ServerResponse): void {
  const relative = normalize(decodeURIComponent(urlPath)).replace(/^([/\\])+/, '')
  let file = join(rootDir, relative)
  if (!file.startsWith(rootDir + sep) && file !== rootDir) {
    res.writeHead(403).end()
    return
  }
  if (!existsSync(file) || statSync(file).isDirectory()) file = join(rootDir, 'index.html')
  if (!existsSync(file)) {
    res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' })
    res.end('The renderer is not built. Run "npm run build", then start the bridge again.')
    return
  }
  res.writeHead(200, {
    'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-cache',
  })
  createReadStream(file).pipe(res)
}

/** Folders of the workspace a browser may download from (exports, validation details). */
const DOWNLOADABLE = ['exports', 'evaluations']

/**
 * Sends a file the app wrote into the workspace, as an attachment. The browser cannot read local paths,
 * so this is how exports and validation details reach the user in bridge mode.
 */
export function serveDownload(dataDir: string, relativePath: string, res: ServerResponse): void {
  const file = resolve(dataDir, relativePath)
  const allowed = DOWNLOADABLE.some((folder) => file.startsWith(join(dataDir, folder) + sep))
  if (!allowed || !existsSync(file) || !statSync(file).isFile()) {
    res.writeHead(404, { 'content-type': 'application/json; charset=utf-8' })
    res.end(JSON.stringify({ ok: false, error: { code: 'NOT_FOUND', message: 'No such export.' } }))
    return
  }
  res.writeHead(200, {
    'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    'content-length': statSync(file).size,
    'content-disposition': `attachment; filename="${encodeURIComponent(basename(file))}"`,
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
  })
  createReadStream(file).pipe(res)
}
