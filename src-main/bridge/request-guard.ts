import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http'
import type { Duplex } from 'node:stream'
import type { CallOutcome } from '../api/client'
import type { ApiErrorCode } from '../api/errors'

/** An answer decided deep inside a handler: thrown there, sent by the guard. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message)
  }
}

const INVALID_PATH = 'The request path is not valid.'

/** Sends an error as the contract's JSON; once headers are out, the only honest signal is a cut connection. */
export function sendError(
  res: ServerResponse,
  status: number,
  code: ApiErrorCode,
  message: string,
): void {
  if (res.headersSent) {
    res.destroy()
    return
  }
  const body: CallOutcome = { ok: false, error: { code, message } }
  res
    .writeHead(status, { 'content-type': 'application/json; charset=utf-8' })
    .end(JSON.stringify(body))
}

/**
 * The request target as a URL. Only origin-form targets ("/..." but not "//...") are accepted:
 * `new URL('//x', base)` would read "x" as a host name.
 */
export function requestTarget(req: IncomingMessage): URL {
  const target = req.url ?? ''
  if (!target.startsWith('/') || target.startsWith('//')) {
    throw new HttpError(400, 'VALIDATION', INVALID_PATH)
  }
  try {
    return new URL(`http://127.0.0.1${target}`)
  } catch {
    throw new HttpError(400, 'VALIDATION', INVALID_PATH)
  }
}

/** decodeURIComponent that answers 400 for malformed percent-encoding or a NUL byte. */
export function decodePath(encoded: string): string {
  let decoded: string
  try {
    decoded = decodeURIComponent(encoded)
  } catch {
    throw new HttpError(400, 'VALIDATION', INVALID_PATH)
  }
  if (decoded.includes('\0')) throw new HttpError(400, 'VALIDATION', INVALID_PATH)
  return decoded
}

/**
 * Runs the one request handler so that nothing it throws or rejects can end the process:
 * an HttpError becomes its answer, anything else is logged and answered 500. `onClientError` is the
 * last resort for bytes the HTTP parser rejects before any handler runs.
 */
export function guardRequests(
  handler: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
  log: (error: unknown) => void,
) {
  // Sockets writing a response: a parse error there cuts the socket, so no answer lands inside another.
  const answering = new WeakSet<Duplex>()
  const answerFailure = (res: ServerResponse, error: unknown): void => {
    if (error instanceof HttpError) return sendError(res, error.status, error.code, error.message)
    log(error)
    sendError(res, 500, 'INTERNAL', 'The bridge failed to answer; see its log, then retry.')
  }

  const onRequest: RequestListener = (req, res) => {
    const socket = req.socket
    answering.add(socket)
    res.on('close', () => answering.delete(socket))
    // Aborted uploads and writes to a closed socket surface as 'error' events; unheard, they would throw.
    req.on('error', () => res.destroy())
    res.on('error', () => res.destroy())
    new Promise<void>((resolve) => resolve(handler(req, res)))
      .catch((error: unknown) => answerFailure(res, error))
      .catch((error: unknown) => {
        log(error)
        res.destroy()
      })
  }

  const onClientError = (error: Error & { code?: string }, socket: Duplex): void => {
    if (answering.has(socket) || !socket.writable || error.code === 'ECONNRESET') {
      socket.destroy()
      return
    }
    const tooLarge = error.code === 'HPE_HEADER_OVERFLOW'
    const outcome: CallOutcome = {
      ok: false,
      error: {
        code: 'VALIDATION',
        message: tooLarge ? 'The request headers are too large.' : 'The request is not valid HTTP.',
      },
    }
    const body = JSON.stringify(outcome)
    socket.end(
      `HTTP/1.1 ${tooLarge ? '431 Request Header Fields Too Large' : '400 Bad Request'}\r\n` +
        'content-type: application/json; charset=utf-8\r\n' +
        `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
    )
  }

  return { onRequest, onClientError }
}
