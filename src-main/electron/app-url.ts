import { join, resolve, sep } from 'node:path'

/** The renderer is served from this custom scheme: the only origin the window trusts. */
export const APP_SCHEME = 'app'
export const APP_HOST = 'audience'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`

/** `scheme://host[:port]` of a URL the window may see, or null for anything else. */
export function originOf(url: string): string | null {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return null
  }
  if (parsed.protocol === 'http:' || parsed.protocol === 'https:') return parsed.origin
  // WHATWG URLs give custom schemes an opaque ("null") origin, so build it by hand.
  if (parsed.protocol === `${APP_SCHEME}:`) return `${APP_SCHEME}://${parsed.host}`
  return null
}

/** The file under `rendererDir` an `app://audience/…` URL names; null for anything outside it. */
export function appUrlToFile(url: string, rendererDir: string): string | null {
  if (originOf(url) !== APP_ORIGIN) return null
  let path: string
  try {
    path = decodeURIComponent(new URL(url).pathname)
  } catch {
    return null
  }
  if (path.includes('\0')) return null
  const root = resolve(rendererDir)
  if (path === '/' || path === '') return join(root, 'index.html')
  const file = resolve(root, `.${path}`)
  return file.startsWith(root + sep) ? file : null
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]'])

export interface RendererSource {
  /** What the window loads. */
  url: string
  /** Navigation, requests and IPC are allowed only from these URLs. */
  isTrusted: (url: string) => boolean
  /** Why ELECTRON_RENDERER_URL was not used, if it was set. */
  ignoredDevServer: string | null
}

/**
 * Where the page comes from. A packaged app always serves its own files over app://; in development
 * electron-vite's dev server (ELECTRON_RENDERER_URL) is used when it is a loopback http URL, and then
 * only its exact origin is trusted — never a prefix, so `http://localhost:5173.evil.example` is not.
 */
export function rendererSource(options: {
  packaged: boolean
  devServerUrl: string | undefined
}): RendererSource {
  let dev: string | null = null
  let ignoredDevServer: string | null = null
  if (options.devServerUrl) {
    const origin = originOf(options.devServerUrl)
    const host = origin ? new URL(origin).host.replace(/:\d+$/, '') : ''
    if (options.packaged) ignoredDevServer = 'ELECTRON_RENDERER_URL is ignored in a packaged app.'
    else if (!origin?.startsWith('http://') || !LOOPBACK.has(host))
      ignoredDevServer = `ELECTRON_RENDERER_URL ${options.devServerUrl} is not a loopback http URL; ignored.`
    else dev = origin
  }
  const url = dev !== null && options.devServerUrl ? options.devServerUrl : APP_ENTRY_URL
  return {
    url,
    isTrusted: (candidate) => {
      const origin = originOf(candidate)
      return origin === APP_ORIGIN || (dev !== null && origin === dev)
    },
    ignoredDevServer,
  }
}
