import { X509Certificate } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { connect as connectTcp, isIP, type Socket } from 'node:net'
import tls from 'node:tls'
import type { ConnectionOptions } from 'mysql2/promise'
import type { ServerCertificate, UntrustedCertificateDetails } from '../../api/contract/connections'
import { ApiError } from '../../api/errors'

/**
 * TLS of one MariaDB connection. `verify` checks the chain against Node's CA list, the system store
 * (where the runtime offers it) and an optional CA file, and the host name. `pinned` accepts exactly
 * one self-signed certificate, named by its SHA-256 fingerprint, whatever names it carries.
 */
export type MariaDbTls =
  { mode: 'verify'; caFile?: string } | { mode: 'pinned'; fingerprint256: string }

/** The part of a MariaDB target TLS needs. */
export interface TlsTarget {
  host: string
  port: number
  tls?: MariaDbTls | undefined
  connectTimeoutMs?: number | undefined
}

const at = (t: TlsTarget) => `${t.host}:${t.port}`

type SslOptions = Exclude<ConnectionOptions['ssl'], string | undefined>

/** Node 22.15+/23.5+ (Electron's Node) can read the operating system's store; Node 20 cannot. */
function systemCertificates(): readonly string[] {
  const read = (tls as { getCACertificates?: (type: 'system') => string[] }).getCACertificates
  if (typeof read !== 'function') return []
  try {
    return read('system')
  } catch {
    return []
  }
}

/** Reads a CA file, saying what to do when it cannot be used. */
export function readCaFile(path: string): string {
  let pem: string
  try {
    pem = readFileSync(path, 'utf8')
  } catch (error) {
    const code = (error as { code?: string }).code ?? String(error)
    throw new ApiError(
      'UNAVAILABLE',
      `The CA file "${path}" cannot be read (${code}). Pick the file again in the connection's TLS settings.`,
    )
  }
  try {
    new X509Certificate(pem)
  } catch {
    throw new ApiError(
      'UNAVAILABLE',
      `The CA file "${path}" holds no PEM certificate ("-----BEGIN CERTIFICATE-----"). Pick the CA's certificate file.`,
    )
  }
  return pem
}

/** The CAs `verify` trusts; undefined leaves Node's own list in place (passing `ca` replaces it). */
function trustedCas(caFile: string | undefined): string[] | undefined {
  const system = systemCertificates()
  if (!caFile && system.length === 0) return undefined
  return [...tls.rootCertificates, ...system, ...(caFile ? [readCaFile(caFile)] : [])]
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)

const describeName = (name: string) => name.split('\n').filter(Boolean).join(', ')

function certificateOf(x: X509Certificate): ServerCertificate {
  return {
    fingerprint256: x.fingerprint256,
    subject: describeName(x.subject),
    issuer: describeName(x.issuer),
    validFrom: x.validFrom,
    validTo: x.validTo,
    selfSigned: x.checkIssued(x) && x.verify(x.publicKey),
  }
}

/** What the server presented during a probe, and whether `verify` would accept it. */
interface Probe {
  leaf: X509Certificate
  /** Chain error as Node reports it (e.g. DEPTH_ZERO_SELF_SIGNED_CERT), null when the chain is trusted. */
  chainError: string | null
  /** Host-name mismatch, null when the certificate names the host. */
  identityError: string | null
}

const CLIENT_PROTOCOL_41 = 0x200
const CLIENT_SSL = 0x800
const CLIENT_SECURE_CONNECTION = 0x8000

/** The SSLRequest packet: capabilities, max packet size, charset, 23 zero bytes; sequence 1. */
function sslRequest(): Buffer {
  const packet = Buffer.alloc(4 + 32)
  packet.writeUIntLE(32, 0, 3)
  packet[3] = 1
  packet.writeUInt32LE(CLIENT_PROTOCOL_41 | CLIENT_SSL | CLIENT_SECURE_CONNECTION, 4)
  packet.writeUInt32LE(0x1000000, 8)
  packet[12] = 45 // utf8mb4_general_ci
  return packet
}

/** Reads the server's first packet (its greeting), leaving any later bytes unread. */
function readGreeting(socket: Socket): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    let buffered = Buffer.alloc(0)
    const onData = (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk])
      if (buffered.length < 4) return
      const length = buffered.readUIntLE(0, 3)
      if (buffered.length < 4 + length) return
      socket.off('data', onData)
      socket.pause()
      resolve(buffered.subarray(4, 4 + length))
    }
    socket.on('data', onData)
    socket.once('error', reject)
    socket.once('close', () =>
      reject(Object.assign(new Error('connection lost'), { code: 'PROTOCOL_CONNECTION_LOST' })),
    )
  })
}

/** A greeting that is an ERR packet (e.g. too many connections, host blocked) becomes that error. */
function greetingError(payload: Buffer): Error | null {
  if (payload[0] !== 0xff) return null
  const errno = payload.readUInt16LE(1)
  const message = payload.subarray(payload[3] === 0x23 ? 9 : 3).toString('utf8')
  return Object.assign(new Error(message), { errno })
}

/** Whether a protocol-10 greeting announces TLS (CLIENT_SSL in the lower capability bytes). */
function offersTls(payload: Buffer): boolean {
  const versionEnd = payload.indexOf(0, 1)
  const capabilities = versionEnd < 0 ? -1 : versionEnd + 1 + 4 + 8 + 1
  if (payload[0] !== 10 || capabilities + 2 > payload.length) return false
  return (payload.readUInt16LE(capabilities) & CLIENT_SSL) !== 0
}

/**
 * Asks for TLS the way a MariaDB client does, completes the TLS handshake and hangs up: the server
 * sees no user name and no password, only the certificate exchange. `verify`'s checks are run on
 * what it presented without refusing it, so a refusal can say why and show the certificate.
 */
export async function probeCertificate(t: TlsTarget, caFile?: string): Promise<Probe> {
  const socket = connectTcp({ host: t.host, port: t.port })
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(Object.assign(new Error('connect timeout'), { code: 'ETIMEDOUT' })),
      t.connectTimeoutMs ?? 5000,
    )
  })
  const probing = (async () => {
    const greeting = await readGreeting(socket)
    const refused = greetingError(greeting)
    if (refused) throw refused
    if (!offersTls(greeting)) {
      throw Object.assign(new Error('no TLS'), { code: 'HANDSHAKE_NO_SSL_SUPPORT' })
    }
    socket.write(sslRequest())
    const ca = trustedCas(caFile)
    const secure = tls.connect({
      socket,
      ...(isIP(t.host) ? {} : { servername: t.host }),
      ...(ca ? { ca } : {}),
      rejectUnauthorized: false,
      checkServerIdentity: () => undefined,
    })
    try {
      await new Promise<void>((resolve, reject) => {
        secure.once('secureConnect', resolve)
        secure.once('error', reject)
      })
      const peer = secure.getPeerCertificate(true)
      if (!peer.raw) throw new Error('the server presented no certificate')
      const identity = tls.checkServerIdentity(t.host, peer)
      return {
        leaf: new X509Certificate(peer.raw),
        chainError: secure.authorized ? null : String(secure.authorizationError),
        identityError: identity ? identity.message : null,
      }
    } finally {
      secure.destroy()
    }
  })()
  try {
    return await Promise.race([probing, timeout])
  } finally {
    clearTimeout(timer)
    socket.destroy()
    probing.catch(() => undefined)
  }
}

function chainReason(code: string, leaf: ServerCertificate): string {
  switch (code) {
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
      return 'it is self-signed'
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'UNABLE_TO_GET_ISSUER_CERT':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
      return `it is issued by "${leaf.issuer}", a CA this computer does not trust`
    case 'CERT_HAS_EXPIRED':
      return `it expired on ${leaf.validTo}`
    case 'CERT_NOT_YET_VALID':
      return `it is not valid before ${leaf.validFrom}`
    default:
      return `its verification failed (${code})`
  }
}

function untrusted(
  message: string,
  reason: string,
  certificate: ServerCertificate,
  pinned?: string,
): ApiError {
  const details: UntrustedCertificateDetails = {
    reason,
    certificate,
    ...(pinned ? { pinned } : {}),
  }
  return new ApiError('UNAVAILABLE', message, details)
}

/** Why a pinned connection refuses what the server presented, or null when it is the pinned one. */
function pinnedRefusal(t: TlsTarget, pinned: string, certificate: ServerCertificate) {
  if (certificate.fingerprint256 !== pinned) {
    return untrusted(
      `The TLS certificate of ${at(t)} is not the one this connection trusts: it has SHA-256 ` +
        `fingerprint ${certificate.fingerprint256}, the connection pins ${pinned}. Nothing was sent. ` +
        'If the server got a new certificate, check it and trust the new one.',
      'it is not the pinned certificate',
      certificate,
      pinned,
    )
  }
  if (!certificate.selfSigned) {
    return untrusted(
      `The pinned certificate of ${at(t)} is issued by "${certificate.issuer}", so it cannot be ` +
        "checked on its own. Turn pinning off and give the connection that CA's certificate as its CA file.",
      'it is issued by a CA, not self-signed',
      certificate,
      pinned,
    )
  }
  return null
}

/**
 * The mysql2 options for a TLS target. `pinned` probes first and hands mysql2 the pinned certificate
 * as its only trust anchor: the handshake that carries the password then accepts only a server
 * holding that certificate's key (and `pinnedPeerMismatch` confirms it was that very certificate).
 */
export async function sslOptionsOf(t: TlsTarget & { tls: MariaDbTls }): Promise<SslOptions> {
  if (t.tls.mode === 'verify') {
    const ca = trustedCas(t.tls.caFile)
    return { ...(ca ? { ca } : {}), rejectUnauthorized: true, verifyIdentity: true }
  }
  const probe = await probeCertificate(t)
  const refused = pinnedRefusal(t, t.tls.fingerprint256, certificateOf(probe.leaf))
  if (refused) throw refused
  return { ca: [probe.leaf.toString()], rejectUnauthorized: true, verifyIdentity: false }
}

/**
 * Turns a failed TLS handshake into an error that says why the certificate was refused and carries
 * it, so the user can be asked "trust this certificate?". Null when the probe finds nothing to
 * object to (the failure was not about the certificate).
 */
export async function untrustedCertificateError(
  t: TlsTarget & { tls: MariaDbTls },
): Promise<ApiError | null> {
  const probe = await probeCertificate(t, t.tls.mode === 'verify' ? t.tls.caFile : undefined).catch(
    () => null,
  )
  if (!probe) return null
  const certificate = certificateOf(probe.leaf)
  if (t.tls.mode === 'pinned') {
    const pinned = t.tls.fingerprint256
    return (
      pinnedRefusal(t, pinned, certificate) ??
      untrusted(
        `The pinned certificate of ${at(t)} was refused by the TLS handshake (expired or not yet valid? ` +
          `valid ${certificate.validFrom} to ${certificate.validTo}). Renew it on the server and trust the new one.`,
        'the pinned certificate is not valid now',
        certificate,
        pinned,
      )
    )
  }
  if (!probe.chainError && !probe.identityError) return null
  const trustIt =
    'if this is your server, trust this certificate (it is then pinned by its fingerprint)'
  const names = probe.leaf.subjectAltName ?? certificate.subject
  const [reason, advice] = probe.chainError
    ? [
        chainReason(probe.chainError, certificate),
        certificate.selfSigned
          ? `${capitalize(trustIt)}, or give the connection a CA file that includes it.`
          : `Give the connection the certificate of the CA that issued it ("${certificate.issuer}") as its CA file.`,
      ]
    : [
        `it is made out to ${names}, not to ${t.host}`,
        certificate.selfSigned
          ? `Connect by a name the certificate carries, or, ${trustIt}.`
          : 'Connect by a name the certificate carries.',
      ]
  return untrusted(
    `The TLS certificate of ${at(t)} is not trusted: ${reason}. Nothing was sent. ` +
      `Its SHA-256 fingerprint is ${certificate.fingerprint256}. ${advice}`,
    reason,
    certificate,
  )
}

/** After a pinned connect: the certificate the session was made with must be the pinned one. */
export function pinnedPeerMismatch(stream: unknown, fingerprint256: string): string | null {
  if (!(stream instanceof tls.TLSSocket)) return 'the connection is not using TLS'
  const peer = stream.getPeerCertificate()
  return peer.fingerprint256 === fingerprint256
    ? null
    : `the server presented ${peer.fingerprint256 ?? 'no certificate'}`
}
