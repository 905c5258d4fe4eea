import type { IncomingMessage, ServerResponse } from 'node:http'
import type { EventBus } from '../core/events'
import { sendError } from './request-guard'

export interface EventStreamLimits {
  /** Streams open at once; the next one is refused with 503 (default 64). */
  maxSubscribers?: number
  /**
   * Events held for a subscriber whose socket is full; one more closes its stream (default 256).
   * The renderer reconnects and reloads what the lost events would have changed.
   */
  maxQueuedEvents?: number
  heartbeatMs?: number
}

/** `GET /api/events`: the core's pushes as server-sent events, a bounded number of streams and backlog. */
export function createEventStreams(
  events: Pick<EventBus, 'subscribe'>,
  limits: EventStreamLimits = {},
) {
  const maxSubscribers = limits.maxSubscribers ?? 64
  const maxQueued = limits.maxQueuedEvents ?? 256
  const heartbeatMs = limits.heartbeatMs ?? 15_000
  const queues = new Set<string[]>()

  function serve(_req: IncomingMessage, res: ServerResponse): void {
    if (queues.size >= maxSubscribers) {
      return sendError(
        res,
        503,
        'UNAVAILABLE',
        `${maxSubscribers} live-update streams are already open. Close other Audience Desktop tabs; this one reconnects by itself.`,
      )
    }
    const queue: string[] = []
    let full = false
    queues.add(queue)
    const unsubscribe = events.subscribe((message) => {
      send(`event: ${message.event}\ndata: ${JSON.stringify(message.payload)}\n\n`)
    })
    // A ping only proves the link is alive; a stream that is behind gets none.
    const heartbeat = setInterval(() => {
      if (!full) send(': ping\n\n')
    }, heartbeatMs)
    const stop = (): void => {
      queues.delete(queue)
      clearInterval(heartbeat)
      unsubscribe()
    }
    res.on('close', stop)

    const send = (chunk: string): void => {
      if (!queues.has(queue)) return
      if (!full) {
        full = !res.write(chunk)
      } else if (queue.length < maxQueued) {
        queue.push(chunk)
      } else {
        // Too far behind: cut it; the client reconnects and reloads what it missed.
        stop()
        res.destroy()
      }
    }
    res.on('drain', () => {
      full = false
      while (!full && queue.length > 0) {
        const next = queue.shift()
        if (next !== undefined) full = !res.write(next)
      }
    })

    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    })
    send(': connected\n\n')
  }

  return {
    serve,
    /** Streams open now. */
    get open() {
      return queues.size
    },
    /** Events waiting for a subscriber's socket to drain, over all streams. */
    get queued() {
      let total = 0
      for (const queue of queues) total += queue.length
      return total
    },
  }
}
