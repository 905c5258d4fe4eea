import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  APP_ENTRY_URL,
  appUrlToFile,
  originOf,
  rendererSource,
} from '../../../src-main/electron/app-url'

const dir = resolve('/opt/audience/resources/app.asar/out/renderer')

describe('app:// URLs', () => {
  it('map to files inside the renderer folder and nowhere else', () => {
    expect(appUrlToFile('app://audience/index.html', dir)).toBe(join(dir, 'index.html'))
    expect(appUrlToFile('app://audience/', dir)).toBe(join(dir, 'index.html'))
    expect(appUrlToFile('app://audience/assets/index-1.js?x=1#y', dir)).toBe(
      join(dir, 'assets', 'index-1.js'),
    )
    // The URL parser resolves dot segments at the root; what remains stays inside the folder.
    expect(appUrlToFile('app://audience/%2e%2e/%2e%2e/main/main.js', dir)).toBe(
      join(dir, 'main', 'main.js'),
    )
    expect(appUrlToFile('app://audience/..%2F..%2Fpackage.json', dir)).toBeNull()
    expect(appUrlToFile('app://audience/a%00.js', dir)).toBeNull()
    expect(appUrlToFile('app://other/index.html', dir)).toBeNull()
    expect(appUrlToFile('file:///etc/passwd', dir)).toBeNull()
    expect(appUrlToFile('app://audience/%E0%A4%A', dir)).toBeNull()
  })

  it('have an origin even though WHATWG gives custom schemes an opaque one', () => {
    expect(originOf('app://audience/x')).toBe('app://audience')
    expect(originOf('http://localhost:5173/src/main.tsx')).toBe('http://localhost:5173')
    expect(originOf('file:///x')).toBeNull()
    expect(originOf('not a url')).toBeNull()
  })
})

describe('renderer source', () => {
  it('a packaged app loads app:// and ignores ELECTRON_RENDERER_URL', () => {
    const source = rendererSource({ packaged: true, devServerUrl: 'http://localhost:5173' })
    expect(source.url).toBe(APP_ENTRY_URL)
    expect(source.isTrusted('http://localhost:5173/')).toBe(false)
    expect(source.isTrusted('app://audience/index.html')).toBe(true)
    expect(source.ignoredDevServer).toMatch(/ignored in a packaged app/)
  })

  it('development trusts exactly the dev server origin, never a prefix of it', () => {
    const source = rendererSource({ packaged: false, devServerUrl: 'http://localhost:5173' })
    expect(source.url).toBe('http://localhost:5173')
    expect(source.isTrusted('http://localhost:5173/src/App.tsx')).toBe(true)
    expect(source.isTrusted('http://localhost:5173.evil.example/')).toBe(false)
    expect(source.isTrusted('http://localhost:51730/')).toBe(false)
    expect(source.isTrusted('https://localhost:5173/')).toBe(false)
    expect(source.isTrusted('file:///home/me/out/renderer/index.html')).toBe(false)
  })

  it('refuses a dev server that is not loopback http', () => {
    for (const url of ['https://example.com', 'http://192.168.1.5:5173', 'file:///x']) {
      const source = rendererSource({ packaged: false, devServerUrl: url })
      expect(source.url).toBe(APP_ENTRY_URL)
      expect(source.ignoredDevServer).toMatch(/not a loopback http URL/)
    }
    expect(rendererSource({ packaged: false, devServerUrl: undefined }).url).toBe(APP_ENTRY_URL)
  })
})
