import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { CallOutcome } from '../api/client'
import type { ApiErrorCode } from '../api/errors'
import type { Core } from '../core/create-core'
import { hostAllowed, originAllowed, tokenMatches } from './guards'
import { serveDownload, serveStatic } from './static-files'

export interface BridgeOptions {
  core: Pick<Core, 'dispatch' | 'events'> & { config: { dataDir: string } }
  /** Directory of the built renderer (out/renderer). */
  rendererDir: string
  /** 0 picks a free port. */
  port?: number
  token?: string
  /** Largest accepted request body, bytes. */
  maxBodyBytes?: number
  /** Larger limit for the methods that carry a file's content (imports from the browser). */
  maxUploadBytes?: number
}

/** Methods whose params may hold a whole file the user picked in the browser. */
const UPLOAD_METHODS = new Set([
  'datasets.previewImport',
  'datasets.startImport',
  'models.startEvaluation',
  'models.importFile',
])

const API_CALL = '/api/call/'

class BodyTooLarge extends Error {}

function sendError(res: ServerResponse, status: number, code: ApiErrorCode, message: string): void {
  const body: CallOutcome = { ok: false, error: { code, message } }
  res
    .writeHead(status, { 'content-type': 'application/json; charset=utf-8' })
    .end(JSON.stringify(body))
}

async function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > limit) throw new BodyTooLarge()
    chunks.push(chunk)
  }
  return Buffer.concat(chunks).toString('utf8')
}

/** The core over loopback HTTP: POST /api/call/<method>, GET /api/events (SSE), and the built renderer. */
export async function startBridge(options: BridgeOptions) {
  const token = options.token ?? randomBytes(24).toString('base64url')
  const maxBody = options.maxBodyBytes ?? 1024 * 1024
  const maxUpload = options.maxUploadBytes ?? 96 * 1024 * 1024
  let port = 0

  async function handleCall(
    req: IncomingMessage,
    res: ServerResponse,
    method: string,
  ): Promise<void> {
    if (req.method !== 'POST') return sendError(res, 405, 'VALIDATION', 'Use POST for API calls.')
    let params: unknown
    const limit = UPLOAD_METHODS.has(method) ? maxUpload : maxBody
    try {
      const text = await readBody(req, limit)
      params = text ? (JSON.parse(text) as { params?: unknown }).params : undefined
    } catch (error) {
      if (error instanceof BodyTooLarge) {
        return sendError(res, 413, 'VALIDATION', `The request body is larger than ${limit} bytes.`)
      }
      return sendError(res, 400, 'VALIDATION', 'The request body is not valid JSON.')
    }
    const outcome = await options.core.dispatch(method, params, { host: 'bridge' })
    res.writeHead(200, {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
    })
    res.end(JSON.stringify(outcome))
  }

  function handleEvents(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    })
    res.write(': connected\n\n')
    const unsubscribe = options.core.events.subscribe((message) => {
      res.write(`event: ${message.event}\ndata: ${JSON.stringify(message.payload)}\n\n`)
    })
    const heartbeat = setInterval(() => res.write(': ping\n\n'), 15_000)
    req.on('close', () => {
      clearInterval(heartbeat)
      unsubscribe()
    })
  }

  const server = createServer((req, res) => {
    if (!hostAllowed(req, port)) return sendError(res, 403, 'FORBIDDEN', 'Unknown Host header.')
    if (!originAllowed(req, port))
      return sendError(res, 403, 'FORBIDDEN', 'Cross-origin calls are refused.')
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname
    if (!path.startsWith('/api/')) {
      if (req.method !== 'GET' && req.method !== 'HEAD')
        return sendError(res, 405, 'VALIDATION', 'GET only.')
      return serveStatic(options.rendererDir, path, res)
    }
    if (!tokenMatches(req, token)) {
      return sendError(
        res,
        401,
        'UNAUTHORIZED',
        'Missing or wrong token. Open the URL the bridge printed.',
      )
    }
    if (path === '/api/events') return handleEvents(req, res)
    if (path === '/api/download') {
      const wanted = new URL(req.url ?? '/', 'http://127.0.0.1').searchParams.get('path') ?? ''
      return serveDownload(options.core.config.dataDir, wanted, res)
    }
    if (path.startsWith(API_CALL)) {
      handleCall(req, res, decodeURIComponent(path.slice(API_CALL.length))).catch(
        (error: unknown) => {
          console.error(error)
          if (!res.headersSent) sendError(res, 500, 'INTERNAL', 'The bridge failed to answer.')
        },
      )
      return
    }
    sendError(res, 404, 'UNKNOWN_METHOD', `No route ${path}.`)
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve())
  })
  port = (server.address() as AddressInfo).port
  const origin = `http://127.0.0.1:${port}`

  return {
    port,
    token,
    origin,
    /** The URL to open: it carries the token once, in the fragment, which never reaches a server log. */
    url: `${origin}/#token=${token}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

export type Bridge = Awaited<ReturnType<typeof startBridge>>
