import type { CallOutcome, Transport } from '@api/client'
import { isApiErrorData } from '@api/errors'
import type { ApiEventMessage } from '@api/events'
import { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from './backoff'
import type { ConnectionSource, ConnectionStatus } from './connection'
import { createSseParser } from './sse-parser'

export interface HttpTransportOptions {
  /** Origin (and optional path prefix) of the bridge; '' means the page's own origin. */
  baseUrl: string
  token: string | null
  fetch?: typeof fetch
  backoff?: BackoffOptions
}

export type HttpTransport = Transport & ConnectionSource

const unavailable = (message: string): CallOutcome => ({
  ok: false,
  error: { code: 'UNAVAILABLE', message },
})

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms)
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer)
        resolve()
      },
      { once: true },
    )
  })

/**
 * The browser side of the bridge: calls are `POST /api/call/<method>`; events come from one
 * `GET /api/events` stream read with fetch (EventSource cannot send the Authorization header),
 * reconnected with backoff while anyone listens.
 */
export function createHttpTransport(options: HttpTransportOptions): HttpTransport {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis)
  const backoff = options.backoff ?? DEFAULT_BACKOFF
  const headers = (): Record<string, string> =>
    options.token ? { authorization: `Bearer ${options.token}` } : {}

  const listeners = new Set<(message: ApiEventMessage) => void>()
  const statusListeners = new Set<(status: ConnectionStatus) => void>()
  let status: ConnectionStatus = 'connecting'
  let stream: AbortController | null = null

  const setStatus = (next: ConnectionStatus) => {
    if (next === status) return
    status = next
    for (const listener of statusListeners) listener(next)
  }

  const emit = (event: string, data: string) => {
    let payload: unknown
    try {
      payload = JSON.parse(data)
    } catch {
      return
    }
    const message = { event, payload } as ApiEventMessage
    for (const listener of listeners) listener(message)
  }

  async function readStream(signal: AbortSignal): Promise<void> {
    let attempt = 0
    while (!signal.aborted) {
      try {
        const response = await doFetch(`${options.baseUrl}/api/events`, {
          headers: { ...headers(), accept: 'text/event-stream' },
          signal,
        })
        if (response.status === 401) setStatus('unauthorized')
        if (response.ok && response.body) {
          attempt = 0
          setStatus('live')
          const reader = response.body.pipeThrough(new TextDecoderStream()).getReader()
          const parser = createSseParser()
          for (;;) {
            const { done, value } = await reader.read()
            if (done) break
            for (const message of parser.push(value)) emit(message.event, message.data)
          }
        }
      } catch {
        // Network errors and aborts both end up here; the loop condition tells them apart.
      }
      if (signal.aborted) return
      if (status !== 'unauthorized') setStatus('reconnecting')
      await sleep(backoffDelay(attempt, backoff), signal)
      attempt++
    }
  }

  return {
    async call(method, params) {
      let response: Response
      try {
        response = await doFetch(`${options.baseUrl}/api/call/${encodeURIComponent(method)}`, {
          method: 'POST',
          headers: { ...headers(), 'content-type': 'application/json' },
          body: JSON.stringify({ params: params ?? {} }),
        })
      } catch {
        return unavailable(
          'The bridge did not answer. Check that `npm run serve` is still running, then retry.',
        )
      }
      let body: unknown
      try {
        body = await response.json()
      } catch {
        return unavailable(`The bridge sent an unreadable answer (HTTP ${response.status}).`)
      }
      const outcome = body as Partial<CallOutcome> | null
      if (outcome?.ok === true) return { ok: true, result: outcome.result }
      if (outcome?.ok === false && isApiErrorData(outcome.error)) return outcome as CallOutcome
      return unavailable(`The bridge sent an unexpected answer (HTTP ${response.status}).`)
    },

    subscribe(listener) {
      listeners.add(listener)
      if (!stream) {
        const controller = new AbortController()
        stream = controller
        void readStream(controller.signal)
      }
      return () => {
        listeners.delete(listener)
        if (listeners.size === 0 && stream) {
          stream.abort()
          stream = null
        }
      }
    },

    onStatus(listener) {
      statusListeners.add(listener)
      listener(status)
      return () => {
        statusListeners.delete(listener)
      }
    },
  }
}
