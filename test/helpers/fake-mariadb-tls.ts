import { X509Certificate } from 'node:crypto'
import { createServer, type AddressInfo, type Socket } from 'node:net'
import tls from 'node:tls'
import { generate } from 'selfsigned'

/** A key and certificate made for one test; `fingerprint256` as Node reports it. */
export interface TestCertificate {
  key: string
  cert: string
  fingerprint256: string
}

type AltName = { type: 2; value: string } | { type: 7; ip: string }

/** A certificate for these names (DNS names or IPs), self-signed or issued by `ca`. */
export async function makeCertificate(
  commonName: string,
  names: AltName[],
  options: { ca?: TestCertificate; isCa?: boolean; notBefore?: Date; notAfter?: Date } = {},
): Promise<TestCertificate> {
  const made = await generate([{ name: 'commonName', value: commonName }], {
    keyType: 'ec',
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: options.isCa === true },
      ...(options.isCa
        ? [{ name: 'keyUsage' as const, keyCertSign: true, cRLSign: true, digitalSignature: true }]
        : []),
      { name: 'subjectAltName', altNames: names },
    ],
    ...(options.ca ? { ca: { key: options.ca.key, cert: options.ca.cert } } : {}),
    ...(options.notBefore ? { notBeforeDate: options.notBefore } : {}),
    ...(options.notAfter ? { notAfterDate: options.notAfter } : {}),
  })
  return {
    key: made.private,
    cert: made.cert,
    fingerprint256: new X509Certificate(made.cert).fingerprint256,
  }
}

/** What one client connection did, in order. */
export interface FakeSession {
  /** 'ssl-request', 'tls', 'auth', 'password', 'query' in the order they happened. */
  events: string[]
  /** Every byte the client sent before TLS (the SSLRequest). */
  plain: Buffer
  /** Every byte the client sent inside TLS (decrypted): its auth packet and what followed. */
  secured: Buffer
}

const CAPABILITIES =
  0x1 | 0x4 | 0x8 | 0x200 | 0x800 | 0x2000 | 0x8000 | 0x20000 | 0x80000 | 0x200000

function packet(seq: number, payload: Buffer): Buffer {
  const header = Buffer.alloc(4)
  header.writeUIntLE(payload.length, 0, 3)
  header[3] = seq
  return Buffer.concat([header, payload])
}

/** A protocol-10 greeting offering TLS and caching_sha2_password, like a MariaDB/MySQL server. */
function greeting(threadId: number): Buffer {
  const fixed = Buffer.alloc(4 + 8 + 1 + 2 + 1 + 2 + 2 + 1 + 10)
  let o = 0
  fixed.writeUInt32LE(threadId, o)
  o += 4
  Buffer.from('abcdefgh').copy(fixed, o)
  o += 8 + 1
  fixed.writeUInt16LE(CAPABILITIES & 0xffff, o)
  o += 2
  fixed[o] = 45
  o += 1
  fixed.writeUInt16LE(0x2, o)
  o += 2
  fixed.writeUInt16LE(CAPABILITIES >>> 16, o)
  o += 2
  fixed[o] = 21
  return Buffer.concat([
    Buffer.from([10]),
    Buffer.from('10.11.0-fake\0'),
    fixed,
    Buffer.from('ijklmnopqrst\0'),
    Buffer.from('caching_sha2_password\0'),
  ])
}

const OK = Buffer.from([0, 0, 0, 2, 0, 0, 0])

/** Splits a byte stream into MySQL packets: [sequence id, payload]. */
function packets(onPacket: (seq: number, payload: Buffer) => void) {
  let buffered = Buffer.alloc(0)
  return (chunk: Buffer) => {
    buffered = Buffer.concat([buffered, chunk])
    while (buffered.length >= 4) {
      const length = buffered.readUIntLE(0, 3)
      if (buffered.length < 4 + length) return
      const seq = buffered[3]!
      const payload = buffered.subarray(4, 4 + length)
      buffered = buffered.subarray(4 + length)
      onPacket(seq, payload)
    }
  }
}

/**
 * Speaks just enough of the MySQL protocol to switch to TLS: greeting with CLIENT_SSL, SSLRequest,
 * then a real TLS handshake with the given certificate. Inside TLS it plays a hostile server: it asks
 * caching_sha2_password for "full authentication", which makes a client send its password in clear,
 * and records every byte. It answers every query with an empty OK.
 */
export async function startFakeMariaDb(certificate: { key: string; cert: string }) {
  const sessions: FakeSession[] = []
  const sockets = new Set<Socket>()
  const context = tls.createSecureContext({ key: certificate.key, cert: certificate.cert })

  const server = createServer((socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => undefined)
    const session: FakeSession = { events: [], plain: Buffer.alloc(0), secured: Buffer.alloc(0) }
    sessions.push(session)
    socket.write(packet(0, greeting(sessions.length)))

    const onPlain = (chunk: Buffer) => {
      session.plain = Buffer.concat([session.plain, chunk])
      if (session.plain.length < 4 + 32) return
      socket.off('data', onPlain)
      socket.pause()
      session.events.push('ssl-request')
      // The TLS ClientHello may share a read with the SSLRequest: hand it back before wrapping.
      const rest = session.plain.subarray(4 + 32)
      session.plain = session.plain.subarray(0, 4 + 32)
      if (rest.length > 0) socket.unshift(rest)
      upgrade()
    }
    socket.on('data', onPlain)

    const upgrade = () => {
      const secure = new tls.TLSSocket(socket, { isServer: true, secureContext: context })
      sockets.add(secure)
      secure.on('error', () => undefined)
      secure.on('secure', () => session.events.push('tls'))
      let step = 0
      secure.on(
        'data',
        packets((seq, payload) => {
          session.secured = Buffer.concat([session.secured, packet(seq, payload)])
          if (step === 0) {
            step = 1
            session.events.push('auth')
            secure.write(packet(seq + 1, Buffer.from([0x01, 0x04])))
          } else if (step === 1) {
            step = 2
            session.events.push('password')
            secure.write(packet(seq + 1, OK))
          } else if (payload[0] === 0x01) {
            secure.end()
          } else {
            session.events.push('query')
            secure.write(packet(1, OK))
          }
        }),
      )
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    port: (server.address() as AddressInfo).port,
    sessions,
    /** Every byte any client sent, plain or decrypted. */
    received: () => Buffer.concat(sessions.flatMap((s) => [s.plain, s.secured])),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy()
        server.close(() => resolve())
      }),
  }
}
