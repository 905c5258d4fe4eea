import { connect, type Socket } from 'node:net'

export interface RawAnswer {
  /** 0 when the connection closed without a status line. */
  status: number
  body: string
  /** The body parsed as JSON, or null. */
  json: { ok?: boolean; error?: { code?: string; message?: string } } | null
  /** The connection failed, or closed before a whole answer (head and announced body) arrived. */
  cut: boolean
}

function headerBlock(port: number, headers: Record<string, string>): string {
  const all = { host: `127.0.0.1:${port}`, ...headers }
  return Object.entries(all)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('')
}

/**
 * Sends exactly `requestLine` (e.g. `GET //[ HTTP/1.1`), which fetch and http.request would
 * normalise or refuse, and reads the answer until the server closes the connection.
 */
export function rawRequest(
  port: number,
  requestLine: string,
  headers: Record<string, string> = {},
  body = '',
): Promise<RawAnswer> {
  const withLength = body
    ? { 'content-length': String(Buffer.byteLength(body)), ...headers }
    : headers
  return rawBytes(
    port,
    `${requestLine}\r\n${headerBlock(port, { connection: 'close', ...withLength })}\r\n${body}`,
  )
}

/** Writes `bytes` as they are and parses whatever comes back before the connection closes. */
export function rawBytes(port: number, bytes: string): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = []
    let failed = false
    // No half-close: Node's server treats a client's FIN as an aborted request.
    const socket = connect(port, '127.0.0.1', () => socket.write(bytes))
    socket.on('data', (chunk: Buffer) => chunks.push(chunk))
    socket.on('error', () => {
      failed = true
    })
    socket.on('close', () => resolve(parseAnswer(Buffer.concat(chunks).toString('utf8'), failed)))
  })
}

/** Joins a chunked body; `complete` is false when the terminating empty chunk never came. */
function dechunk(raw: string): { body: string; complete: boolean } {
  let body = ''
  let rest = raw
  for (;;) {
    const line = rest.indexOf('\r\n')
    if (line < 0) return { body, complete: false }
    const size = parseInt(rest.slice(0, line), 16)
    if (Number.isNaN(size)) return { body, complete: false }
    if (size === 0) return { body, complete: true }
    body += rest.slice(line + 2, line + 2 + size)
    rest = rest.slice(line + 2 + size + 2)
  }
}

function parseAnswer(text: string, failed: boolean): RawAnswer {
  const split = text.indexOf('\r\n\r\n')
  const head = split < 0 ? text : text.slice(0, split)
  const raw = split < 0 ? '' : text.slice(split + 4)
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1] ?? 0)
  const length = /\r\ncontent-length: *(\d+)/i.exec(head)?.[1]
  const chunked = /\r\ntransfer-encoding: *chunked/i.test(head)
  const { body, complete } = chunked
    ? dechunk(raw)
    : { body: raw, complete: length === undefined || Buffer.byteLength(raw) >= Number(length) }
  let json: RawAnswer['json'] = null
  try {
    json = JSON.parse(body) as RawAnswer['json']
  } catch {
    json = null
  }
  return { status, body, json, cut: failed || split < 0 || !complete }
}

export interface RawStream {
  status: number
  socket: Socket
  /** Everything received after the headers so far. */
  received(): string
  /** Resolves once `text` has arrived (looking only at new data, so long streams stay cheap). */
  waitFor(text: string): Promise<void>
  /** Resolves when the connection has closed. */
  closed: Promise<void>
}

/** Opens `GET path` and resolves once the status line and headers are in; the socket stays open. */
export function openStream(
  port: number,
  path: string,
  headers: Record<string, string>,
): Promise<RawStream> {
  return new Promise((resolve, reject) => {
    let text = ''
    let start = -1
    const waiting: { text: string; from: number; done: () => void }[] = []
    const check = () => {
      for (const wait of [...waiting]) {
        if (!text.includes(wait.text, wait.from)) {
          wait.from = Math.max(start, text.length - wait.text.length)
          continue
        }
        waiting.splice(waiting.indexOf(wait), 1)
        wait.done()
      }
    }
    const socket = connect(port, '127.0.0.1', () =>
      socket.write(`GET ${path} HTTP/1.1\r\n${headerBlock(port, headers)}\r\n`),
    )
    const closed = new Promise<void>((done) => socket.once('close', () => done()))
    socket.on('error', () => undefined)
    socket.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8')
      if (start >= 0) return check()
      const split = text.indexOf('\r\n\r\n')
      if (split < 0) return
      start = split + 4
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0)
      resolve({
        status,
        socket,
        closed,
        received: () => text.slice(start),
        waitFor: (wanted) =>
          new Promise<void>((done) => {
            waiting.push({ text: wanted, from: start, done })
            check()
          }),
      })
    })
    socket.once('close', () => {
      if (start < 0) reject(new Error(`The server closed ${path} before answering.`))
    })
  })
}
