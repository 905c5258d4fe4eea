import { execFileSync } from 'node:child_process'
import type * as Fs from 'node:fs'
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import type * as FsPromises from 'node:fs/promises'
import { basename, isAbsolute, join, relative } from 'node:path'
import { setImmediate as nextTurn } from 'node:timers/promises'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { startBridge, type Bridge } from '../../src-main/bridge/bridge-server'
import { createCore, type Core } from '../../src-main/core/create-core'
import { testCoreConfig } from '../helpers/core-harness'
import { openStream, rawBytes, rawRequest, type RawStream } from '../helpers/raw-http'
import { makeTempDir } from '../helpers/temp-dir'

/**
 * The hook that makes "removed between the check and the open" deterministic: whichever way the
 * bridge opens a file named vanishing.csv, the file is deleted just before the real open runs.
 */
vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof Fs>()
  const vanish = (path: unknown) => {
    if (typeof path === 'string' && path.endsWith('vanishing.csv')) real.rmSync(path)
  }
  return {
    ...real,
    createReadStream: (...args: Parameters<typeof real.createReadStream>) => {
      vanish(args[0])
      return real.createReadStream(...args)
    },
  }
})
vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof FsPromises>()
  return {
    ...real,
    open: async (...args: Parameters<typeof real.open>) => {
      if (typeof args[0] === 'string' && args[0].endsWith('vanishing.csv')) await real.rm(args[0])
      return real.open(...args)
    },
  }
})

interface Setup {
  bridge: Bridge
  events: Core['events']
  dataDir: string
  rendererDir: string
  logged: unknown[]
}

const stops: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop()
})

/** A real core (no demo data) and bridge; the renderer is a one-page stand-in, so no build is needed. */
async function setup(options: { relativeDataDir?: boolean } = {}): Promise<Setup> {
  const renderer = makeTempDir('audience-renderer-')
  stops.push(renderer.cleanup)
  writeFileSync(join(renderer.dir, 'index.html'), '<!doctype html><title>Audience</title>')
  const workspace = makeTempDir()
  stops.push(workspace.cleanup)
  const dataDir = options.relativeDataDir
    ? relative(process.cwd(), join(workspace.dir, 'relative-workspace'))
    : workspace.dir
  const core = await createCore(testCoreConfig(dataDir, { seedDemo: false }))
  stops.push(() => core.close())
  const logged: unknown[] = []
  const bridge = await startBridge({
    core,
    rendererDir: renderer.dir,
    log: (error) => logged.push(error),
  })
  stops.push(() => bridge.close())
  return {
    bridge,
    events: core.events,
    dataDir: core.config.dataDir,
    rendererDir: renderer.dir,
    logged,
  }
}

const auth = (bridge: Bridge) => ({ authorization: `Bearer ${bridge.token}` })

async function expectStillServing(bridge: Bridge): Promise<void> {
  const body = JSON.stringify({ params: {} })
  const answer = await rawRequest(
    bridge.port,
    'POST /api/call/system.info HTTP/1.1',
    { ...auth(bridge), 'content-type': 'application/json' },
    body,
  )
  expect(answer.status).toBe(200)
  expect(answer.json?.ok).toBe(true)
}

const download = (bridge: Bridge, path: string) =>
  rawRequest(
    bridge.port,
    `GET /api/download?path=${encodeURIComponent(path)} HTTP/1.1`,
    auth(bridge),
  )

describe('the bridge never exits on a request', () => {
  it.each([
    ['a malformed percent-encoding, without any token', 'GET /%E0%A4%A HTTP/1.1', false],
    ['a path that reads as a bad host name', 'GET //[ HTTP/1.1', false],
    ['a path whose "host" is bad percent-encoding', 'GET //%zz/ HTTP/1.1', false],
    ['a NUL byte in a static path', 'GET /%00.js HTTP/1.1', false],
    ['a malformed method name', 'POST /api/call/%E0%A4%A HTTP/1.1', true],
  ])('answers %s with 400 and keeps serving', async (_name, requestLine, withToken) => {
    const { bridge, logged } = await setup()
    const answer = await rawRequest(bridge.port, requestLine, withToken ? auth(bridge) : {}, '{}')
    expect(answer.status).toBe(400)
    expect(answer.json?.error).toEqual({
      code: 'VALIDATION',
      message: 'The request path is not valid.',
    })
    expect(logged).toEqual([])
    await expectStillServing(bridge)
  })

  it('answers bytes that are not HTTP with 400', async () => {
    const { bridge } = await setup()
    const answer = await rawBytes(bridge.port, 'HELLO THERE\r\n\r\n')
    expect(answer.status).toBe(400)
    expect(answer.json?.error?.code).toBe('VALIDATION')
    await expectStillServing(bridge)
  })

  it('answers 404 for an export removed between the check and the open', async () => {
    const { bridge, dataDir } = await setup()
    mkdirSync(join(dataDir, 'exports'), { recursive: true })
    writeFileSync(join(dataDir, 'exports', 'vanishing.csv'), 'text,label\n')
    const answer = await download(bridge, 'exports/vanishing.csv')
    expect(answer.status).toBe(404)
    expect(answer.json?.error?.code).toBe('NOT_FOUND')
    await expectStillServing(bridge)
  })

  it('cuts a response whose file fails to read after the headers went out', async () => {
    const { bridge, rendererDir, logged } = await setup()
    // sysfs says regular file of 4096 bytes and opens fine, but reading lo's speed fails (EINVAL).
    symlinkSync('/sys/class/net/lo/speed', join(rendererDir, 'unreadable.js'))
    const answer = await rawRequest(bridge.port, 'GET /unreadable.js HTTP/1.1')
    // The 200 head was committed before the read failed, so the only honest signal is a cut.
    expect(answer.cut).toBe(true)
    expect(logged).toEqual([expect.objectContaining({ code: 'EINVAL' })])
    await expectStillServing(bridge)
  })

  it('answers an unexpected failure with 500 INTERNAL and logs it', async () => {
    const { bridge, dataDir, logged } = await setup()
    rmSync(dataDir, { recursive: true, force: true })
    const answer = await download(bridge, 'exports/labels.csv')
    expect(answer.status).toBe(500)
    expect(answer.json?.error?.code).toBe('INTERNAL')
    expect(answer.body).not.toContain(dataDir)
    expect(logged).toEqual([expect.objectContaining({ code: 'ENOENT', syscall: 'realpath' })])
    await expectStillServing(bridge)
  })

  it('does not wait on a FIFO in exports (it is not a file)', async () => {
    const { bridge, dataDir } = await setup()
    mkdirSync(join(dataDir, 'exports'), { recursive: true })
    execFileSync('mkfifo', [join(dataDir, 'exports', 'pipe.csv')])
    const answer = await download(bridge, 'exports/pipe.csv')
    expect(answer.status).toBe(404)
    await expectStillServing(bridge)
  })
})

describe('downloads', () => {
  it('serves only files whose real path is inside exports/ or evaluations/', async () => {
    const { bridge, dataDir } = await setup()
    const outside = makeTempDir('audience-outside-')
    stops.push(outside.cleanup)
    writeFileSync(join(outside.dir, 'secret.txt'), 'not yours')
    mkdirSync(join(dataDir, 'exports'), { recursive: true })
    mkdirSync(join(dataDir, 'evaluations'), { recursive: true })
    writeFileSync(join(dataDir, 'exports', 'labels.csv'), 'text,label\nhi,x\n')
    writeFileSync(join(dataDir, 'evaluations', 'run.json'), '{}')
    symlinkSync(join(outside.dir, 'secret.txt'), join(dataDir, 'exports', 'leak.csv'))
    symlinkSync(outside.dir, join(dataDir, 'exports', 'elsewhere'))
    symlinkSync(join(dataDir, 'workspace.sqlite'), join(dataDir, 'exports', 'db.csv'))
    symlinkSync(join(dataDir, 'exports', 'labels.csv'), join(dataDir, 'exports', 'alias.csv'))

    for (const path of ['exports/leak.csv', 'exports/elsewhere/secret.txt', 'exports/db.csv']) {
      const refused = await download(bridge, path)
      expect(refused.status, path).toBe(404)
      expect(refused.body).not.toContain('not yours')
    }
    const alias = await download(bridge, 'exports/alias.csv')
    expect(alias.status).toBe(200)
    expect(alias.body).toBe('text,label\nhi,x\n')
    expect((await download(bridge, 'evaluations/run.json')).body).toBe('{}')
  })

  it('works for a core created with a relative data dir', async () => {
    const { bridge, dataDir } = await setup({ relativeDataDir: true })
    expect(isAbsolute(dataDir)).toBe(true)
    expect(basename(dataDir)).toBe('relative-workspace')
    mkdirSync(join(dataDir, 'exports'), { recursive: true })
    writeFileSync(join(dataDir, 'exports', 'labels.csv'), 'text,label\n')
    const answer = await download(bridge, 'exports/labels.csv')
    expect(answer.status).toBe(200)
    expect(answer.body).toBe('text,label\n')
  })
})

describe('live-update streams', () => {
  const open = (bridge: Bridge) => openStream(bridge.port, '/api/events', auth(bridge))
  const closeAll = (streams: RawStream[]) => () => {
    for (const stream of streams) stream.socket.destroy()
  }

  it('refuses the 65th subscriber with 503 until one of the 64 closes', async () => {
    const { bridge } = await setup()
    const streams: RawStream[] = []
    stops.push(closeAll(streams))
    for (let i = 0; i < 64; i++) streams.push(await open(bridge))
    expect(streams.map((stream) => stream.status)).toEqual(Array(64).fill(200))

    const refused = await open(bridge)
    streams.push(refused)
    expect(refused.status).toBe(503)
    await refused.waitFor('"code":"UNAVAILABLE"')
    expect(refused.received()).toContain('64 live-update streams are already open')

    streams[0]?.socket.destroy()
    while (bridge.eventStreams.open > 63) await nextTurn()
    const admitted = await open(bridge)
    streams.push(admitted)
    expect(admitted.status).toBe(200)
  })

  it('holds events for a subscriber that is behind and delivers them all, in order', async () => {
    const { bridge, events } = await setup()
    const stream = await open(bridge)
    stops.push(() => void stream.socket.destroy())
    stream.socket.pause()
    // Emit until the socket is full and the bridge has to queue; then 20 more wait in its queue.
    const pad = 'x'.repeat(1024)
    let sent = 0
    const emit = () => events.emit('dataset.changed', { datasetId: `n${sent++}:${pad}` })
    while (bridge.eventStreams.queued === 0) emit()
    for (let i = 0; i < 20; i++) emit()
    expect(bridge.eventStreams.queued).toBe(21)

    stream.socket.resume()
    await stream.waitFor(`"datasetId":"n${sent - 1}:`)
    const seen = [...stream.received().matchAll(/"datasetId":"n(\d+):/g)].map((m) => Number(m[1]))
    expect(seen).toEqual(Array.from({ length: sent }, (_, i) => i))
    expect({ open: bridge.eventStreams.open, queued: bridge.eventStreams.queued }).toEqual({
      open: 1,
      queued: 0,
    })
  })

  it('closes a subscriber that falls too far behind; it can reconnect', async () => {
    const { bridge, events } = await setup()
    const slow = await open(bridge)
    stops.push(() => void slow.socket.destroy())
    slow.socket.pause()
    const pad = 'x'.repeat(16 * 1024)
    let sent = 0
    while (bridge.eventStreams.open > 0) {
      events.emit('dataset.changed', { datasetId: `n${sent++}:${pad}` })
      expect(bridge.eventStreams.queued).toBeLessThanOrEqual(256)
    }
    slow.socket.resume()
    await slow.closed
    const delivered = slow.received().match(/event: dataset\.changed/g)?.length ?? 0
    expect(delivered).toBeLessThan(sent)

    const again = await open(bridge)
    stops.push(() => void again.socket.destroy())
    expect(again.status).toBe(200)
    events.emit('dataset.changed', { datasetId: 'after' })
    await again.waitFor('"datasetId":"after"')
  })
})
