import { describe, expect, it } from 'vitest'
import type { ConnectionProfile } from '../../../../../src-main/api/dto'
import {
  connectionParams,
  emptyConnectionForm,
  formFromProfile,
} from '../../../../../src-renderer/src/features/connections/connection-form'

const FINGERPRINT = Array.from({ length: 32 }, () => 'AB').join(':')
const base = { ...emptyConnectionForm(), name: 'db', user: 'app', passwordMode: 'none' as const }

describe('connectionParams: TLS', () => {
  it('maps off, verify (with an optional CA file) and pinned to the save params', () => {
    const params = (over: Partial<typeof base>) => {
      const checked = connectionParams({ ...base, ...over }, null)
      if (!checked.ok) throw new Error(JSON.stringify(checked.errors))
      const { tls, tlsCaFile, tlsFingerprint } = checked.params
      return { tls, tlsCaFile, tlsFingerprint }
    }
    // Fields of another mode typed earlier are not sent.
    expect(params({ tlsCaFile: '/ca.pem', tlsFingerprint: FINGERPRINT })).toEqual({
      tls: false,
      tlsCaFile: null,
      tlsFingerprint: null,
    })
    expect(params({ tlsMode: 'verify', tlsFingerprint: FINGERPRINT })).toEqual({
      tls: true,
      tlsCaFile: null,
      tlsFingerprint: null,
    })
    expect(params({ tlsMode: 'verify', tlsCaFile: ' /etc/ca.pem ' })).toMatchObject({
      tlsCaFile: '/etc/ca.pem',
    })
    expect(params({ tlsMode: 'pinned', tlsFingerprint: FINGERPRINT.toLowerCase() })).toEqual({
      tls: true,
      tlsCaFile: null,
      tlsFingerprint: FINGERPRINT.toLowerCase(),
    })
  })

  it('asks for a 64-digit fingerprint when pinned', () => {
    const checked = connectionParams({ ...base, tlsMode: 'pinned', tlsFingerprint: 'AB:CD' }, null)
    expect(checked.ok).toBe(false)
    if (!checked.ok) expect(checked.errors.tlsFingerprint).toMatch(/64 hex digits/)
  })

  it('fills the form from a pinned profile', () => {
    const profile: ConnectionProfile = {
      id: 'a'.repeat(32),
      name: 'db',
      host: 'h',
      port: 3306,
      user: 'app',
      passwordSource: 'none',
      passwordEnv: null,
      defaultSchema: null,
      tls: true,
      tlsMode: 'pinned',
      tlsCaFile: null,
      tlsFingerprint: FINGERPRINT,
      connectTimeoutMs: 5000,
      queryTimeoutMs: 1000,
      createdAt: 1,
      updatedAt: 1,
    }
    expect(formFromProfile(profile)).toMatchObject({
      tlsMode: 'pinned',
      tlsFingerprint: FINGERPRINT,
      tlsCaFile: '',
      queryTimeoutMs: '1000',
    })
  })
})
