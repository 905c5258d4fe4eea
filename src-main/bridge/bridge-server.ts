import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Core } from '../core/create-core'
import { hostAllowed, originAllowed, tokenMatches } from './guards'
import { decodePath, guardRequests, requestTarget, sendError } from './request-guard'
import { createEventStreams, type EventStreamLimits } from './sse'
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
  events?: EventStreamLimits
  /** Where unexpected errors go (default console.error); they never end the process. */
  log?: (error: unknown) => void
}

/** Methods whose params may hold a whole file the user picked in the browser. */
const UPLOAD_METHODS = new Set([
  'datasets.previewImport',
  'datasets.startImport',
  'datasets.uploadFile',
  'models.startEvaluation',
  'models.importFile',
  'models.importTerms',
])

const API_CALL = '/api/call/'

class BodyTooLarge extends Error {}

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

  const log = options.log ?? ((error: unknown) => console.error(error))
  const eventStreams = createEventStreams(options.core.events, options.events)

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!hostAllowed(req, port)) return sendError(res, 403, 'FORBIDDEN', 'Unknown Host header.')
    if (!originAllowed(req, port))
      return sendError(res, 403, 'FORBIDDEN', 'Cross-origin calls are refused.')
    const url = requestTarget(req)
    const path = url.pathname
    if (!path.startsWith('/api/')) {
      if (req.method !== 'GET' && req.method !== 'HEAD')
        return sendError(res, 405, 'VALIDATION', 'GET only.')
      return serveStatic(options.rendererDir, path, req, res, log)
    }
    if (!tokenMatches(req, token)) {
      return sendError(
        res,
        401,
        'UNAUTHORIZED',
        'Missing or wrong token. Open the URL the bridge printed.',
      )
    }
    if (path === '/api/events') return eventStreams.serve(req, res)
    if (path === '/api/download') {
      const wanted = url.searchParams.get('path') ?? ''
      return serveDownload(options.core.config.dataDir, wanted, req, res, log)
    }
    if (path.startsWith(API_CALL))
      return handleCall(req, res, decodePath(path.slice(API_CALL.length)))
    sendError(res, 404, 'UNKNOWN_METHOD', `No route ${path}.`)
  }

  const guard = guardRequests(handle, log)
  const server = createServer(guard.onRequest)
  server.on('clientError', guard.onClientError)

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
  // Accept failures (e.g. out of file descriptors) arrive here; the server keeps listening.
  server.on('error', log)
  port = (server.address() as AddressInfo).port
  const origin = `http://127.0.0.1:${port}`

  return {
    port,
    token,
    origin,
    /** The URL to open: it carries the token once, in the fragment, which never reaches a server log. */
    url: `${origin}/#token=${token}`,
    /** Live-update streams: how many are open and how many events wait for a slow reader. */
    eventStreams: {
      get open() {
        return eventStreams.open
      },
      get queued() {
        return eventStreams.queued
      },
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

export type Bridge = Awaited<ReturnType<typeof startBridge>>
