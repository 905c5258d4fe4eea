import { describe, expect, it } from 'vitest'
import type { ApiEventMessage } from '../../../../src-main/api/events'
import type { ConnectionStatus } from '../../../../src-renderer/src/api/connection'
import { createHttpTransport } from '../../../../src-renderer/src/api/http-transport'

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })

describe('createHttpTransport', () => {
  it('posts params with the bearer token and returns the outcome', async () => {
    const seen: { url: string; init: RequestInit | undefined }[] = []
    const transport = createHttpTransport({
      baseUrl: 'http://bridge',
      token: 'tok',
      fetch: async (url, init) => {
        seen.push({
          url: typeof url === 'string' ? url : url instanceof URL ? url.href : url.url,
          init,
        })
        return json(200, { ok: true, result: { taskId: 'x' } })
      },
    })
    expect(await transport.call('system.startSelfTest', { steps: 3 })).toEqual({
      ok: true,
      result: { taskId: 'x' },
    })
    expect(seen[0]?.url).toBe('http://bridge/api/call/system.startSelfTest')
    expect(seen[0]?.init?.headers).toMatchObject({ authorization: 'Bearer tok' })
    expect(seen[0]?.init?.body).toBe('{"params":{"steps":3}}')
  })

  it('passes ApiErrors through and turns network failures into UNAVAILABLE', async () => {
    const refused = createHttpTransport({
      baseUrl: '',
      token: null,
      fetch: async () => json(401, { ok: false, error: { code: 'UNAUTHORIZED', message: 'no' } }),
    })
    expect(await refused.call('system.info', {})).toEqual({
      ok: false,
      error: { code: 'UNAUTHORIZED', message: 'no' },
    })
    const down = createHttpTransport({
      baseUrl: '',
      token: null,
      fetch: async () => {
        throw new TypeError('Failed to fetch')
      },
    })
    const outcome = await down.call('system.info', {})
    expect(outcome.ok === false && outcome.error.code).toBe('UNAVAILABLE')
  })

  it('reads events from the stream and reconnects after it ends', async () => {
    let connections = 0
    const transport = createHttpTransport({
      baseUrl: '',
      token: 't',
      backoff: { initialMs: 1, maxMs: 5 },
      fetch: async (_url, init) => {
        connections++
        const n = connections
        const stream = new ReadableStream<Uint8Array>({
          start(controller) {
            const text = `: connected\n\nevent: tasks.recovered\ndata: {"n":${n}}\n\n`
            controller.enqueue(new TextEncoder().encode(text))
            // The first stream drops; the second stays open until the listener leaves.
            if (n === 1) controller.close()
            else
              init?.signal?.addEventListener('abort', () => controller.error(new Error('aborted')))
          },
        })
        return new Response(stream, { status: 200 })
      },
    })
    const statuses: ConnectionStatus[] = []
    transport.onStatus((s) => statuses.push(s))
    const messages: ApiEventMessage[] = []
    const stop = transport.subscribe((m) => messages.push(m))
    await expect.poll(() => messages.length).toBe(2)
    stop()
    expect(messages.map((m) => m.payload)).toEqual([{ n: 1 }, { n: 2 }])
    expect(statuses).toEqual(['connecting', 'live', 'reconnecting', 'live'])
  })
})
