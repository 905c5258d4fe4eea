import { timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]']

/** Host must name this loopback server: a rebinding attack arrives with the attacker's host name. */
export function hostAllowed(req: IncomingMessage, port: number): boolean {
  const host = req.headers.host
  return host !== undefined && LOOPBACK_NAMES.some((name) => host === `${name}:${port}`)
}

/** A browser sends Origin on cross-site requests; only our own origin may call. */
export function originAllowed(req: IncomingMessage, port: number): boolean {
  const origin = req.headers.origin
  if (origin === undefined) return true
  return LOOPBACK_NAMES.some((name) => origin === `http://${name}:${port}`)
}

export function tokenMatches(req: IncomingMessage, token: string): boolean {
  const header = req.headers.authorization ?? ''
  const given = header.startsWith('Bearer ') ? header.slice(7) : ''
  const a = Buffer.from(given)
  const b = Buffer.from(token)
  return a.length === b.length && timingSafeEqual(a, b)
}
