import { spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import type { CallOutcome } from '../../src-main/api/client'
import { repoRoot } from '../helpers/core-harness'
import { rawRequest } from '../helpers/raw-http'
import { makeTempDir } from '../helpers/temp-dir'

let child: ChildProcess | undefined
let cleanup: (() => void) | undefined
afterEach(() => {
  child?.kill('SIGTERM')
  cleanup?.()
})

// Absolute, so that serve can run from any working directory.
const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href

/**
 * Starts `serve` the way `npm run serve` does (from source here) and reads the URL it prints.
 * With `relativeDataDir`, it runs inside the temp dir and is given `--data-dir workspace`.
 */
async function serve(
  options: { relativeDataDir?: boolean } = {},
): Promise<{ origin: string; token: string; dataDir: string }> {
  const temp = makeTempDir()
  cleanup = temp.cleanup
  const dataDir = options.relativeDataDir ? join(temp.dir, 'workspace') : temp.dir
  child = spawn(
    process.execPath,
    [
      '--import',
      tsxLoader,
      join(repoRoot, 'src-main/bridge/serve.ts'),
      '--data-dir',
      options.relativeDataDir ? 'workspace' : temp.dir,
    ],
    // Only then in another directory: workers under tsx resolve their loader from the cwd.
    options.relativeDataDir ? { cwd: temp.dir } : {},
  )
  return new Promise((resolve, reject) => {
    let text = ''
    child!.stdout!.on('data', (chunk: Buffer) => {
      text += chunk.toString()
      const match = /Open (http:\/\/127\.0\.0\.1:\d+)\/#token=([\w-]+)/.exec(text)
      if (match?.[1] && match[2]) resolve({ origin: match[1], token: match[2], dataDir })
    })
    child!.once('exit', (code) => reject(new Error(`serve exited with ${code}`)))
  })
}

const call = async (origin: string, token: string, method: string, params: unknown) => {
  const res = await fetch(`${origin}/api/call/${method}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ params }),
  })
  return (await res.json()) as CallOutcome
}

describe('browser bridge over loopback HTTP', () => {
  it('prints a URL carrying the token, answers calls and streams task events over SSE', async () => {
    const { origin, token } = await serve()
    const info = await call(origin, token, 'system.info', {})
    expect(info).toMatchObject({ ok: true, result: { host: 'bridge' } })

    const events = await fetch(`${origin}/api/events`, {
      headers: { authorization: `Bearer ${token}` },
    })
    expect(events.headers.get('content-type')).toContain('text/event-stream')
    const reader = events.body!.pipeThrough(new TextDecoderStream()).getReader()

    const started = await call(origin, token, 'system.startSelfTest', { steps: 3, stepMs: 10 })
    expect(started.ok).toBe(true)
    let stream = ''
    while (!/"status":"SUCCESS"/.test(stream)) {
      const { value, done } = await reader.read()
      if (done) break
      stream += value
    }
    expect(stream).toContain('event: task.updated')
    expect(stream).toMatch(/"status":"SUCCESS"/)
    await reader.cancel()

    const invalid = await call(origin, token, 'tasks.show', { id: 'nope' })
    expect(invalid).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
  })

  it('answers requests that used to end the process with 400 and keeps serving', async () => {
    const { origin, token } = await serve()
    const port = Number(new URL(origin).port)
    const auth = { authorization: `Bearer ${token}` }
    for (const [requestLine, headers] of [
      ['GET /%E0%A4%A HTTP/1.1', {}],
      ['GET //[ HTTP/1.1', {}],
      ['GET //%zz/ HTTP/1.1', {}],
      ['POST /api/call/%E0%A4%A HTTP/1.1', auth],
    ] as const) {
      const answer = await rawRequest(port, requestLine, headers, '{}')
      expect(answer.status, requestLine).toBe(400)
      expect(answer.json?.error?.code).toBe('VALIDATION')
    }
    expect(child?.exitCode).toBeNull()
    expect(await call(origin, token, 'system.info', {})).toMatchObject({ ok: true })
  })

  it('serves downloads when started with a relative --data-dir', async () => {
    const { origin, token, dataDir } = await serve({ relativeDataDir: true })
    mkdirSync(join(dataDir, 'exports'), { recursive: true })
    writeFileSync(join(dataDir, 'exports', 'labels.csv'), 'text,label\n')
    const answer = await fetch(`${origin}/api/download?path=exports/labels.csv`, {
      headers: { authorization: `Bearer ${token}` },
    })
    expect(answer.status).toBe(200)
    expect(await answer.text()).toBe('text,label\n')
  })

  it('lets the browser download exports and nothing else from the workspace', async () => {
    const { origin, token, dataDir } = await serve()
    mkdirSync(join(dataDir, 'exports'), { recursive: true })
    writeFileSync(join(dataDir, 'exports', 'labels.csv'), 'text,label\nhi,x\n')
    const auth = { authorization: `Bearer ${token}` }
    const ok = await fetch(`${origin}/api/download?path=exports/labels.csv`, { headers: auth })
    expect(ok.status).toBe(200)
    expect(ok.headers.get('content-disposition')).toContain('labels.csv')
    expect(await ok.text()).toBe('text,label\nhi,x\n')
    for (const path of [
      'workspace.sqlite',
      'exports/../workspace.sqlite',
      '/etc/passwd',
      'exports',
    ]) {
      const refused = await fetch(`${origin}/api/download?path=${encodeURIComponent(path)}`, {
        headers: auth,
      })
      expect(refused.status).toBe(404)
    }
    const anonymous = await fetch(`${origin}/api/download?path=exports/labels.csv`)
    expect(anonymous.status).toBe(401)
  })
})
