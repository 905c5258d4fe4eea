import { spawn } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { UntrustedCertificateDetails } from '../../src-main/api/contract/connections'
import { ApiError } from '../../src-main/api/errors'
import { openMariaDb, type MariaDbTls } from '../../src-main/core/db/mariadb'
import { repoRoot, startTestCore } from '../helpers/core-harness'
import {
  makeCertificate,
  startFakeMariaDb,
  type TestCertificate,
} from '../helpers/fake-mariadb-tls'
import { makeTempDir } from '../helpers/temp-dir'

const PASSWORD = 'pw-Never-In-Clear-7781'
const LOCAL_NAMES = [
  { type: 2 as const, value: 'localhost' },
  { type: 7 as const, ip: '127.0.0.1' },
]

function audience(dataDir: string, ...args: string[]) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((done) => {
    const child = spawn(process.execPath, [join(repoRoot, 'bin', 'audience.js'), ...args], {
      env: { ...process.env, AUDIENCE_DATA_DIR: dataDir },
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()))
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()))
    child.on('close', (code) => done({ code, stdout, stderr }))
  })
}

const failure = (call: Promise<unknown>) =>
  call.then(
    (value) => {
      if (value && typeof value === 'object' && 'destroy' in value)
        (value as { destroy: () => void }).destroy()
      return null
    },
    (error: unknown) => (error instanceof ApiError ? error : null),
  )

const detailsOf = (error: ApiError | null) =>
  error?.details as UntrustedCertificateDetails | undefined

describe('MariaDB over TLS checks the server before it authenticates', () => {
  let selfSigned: TestCertificate
  let ca: TestCertificate
  let caIssued: TestCertificate
  let otherHost: TestCertificate
  let expired: TestCertificate
  const temp = makeTempDir()
  const pem = (name: string, cert: TestCertificate) => {
    const path = join(temp.dir, `${name}.pem`)
    writeFileSync(path, cert.cert)
    return path
  }
  const fakes: Awaited<ReturnType<typeof startFakeMariaDb>>[] = []
  const fake = async (cert: TestCertificate) => {
    const started = await startFakeMariaDb(cert)
    fakes.push(started)
    return started
  }
  const open = (port: number, tls: MariaDbTls, host = '127.0.0.1') =>
    openMariaDb({ host, port, user: 'app', password: PASSWORD, tls, connectTimeoutMs: 5000 })

  beforeAll(async () => {
    selfSigned = await makeCertificate('db.test', LOCAL_NAMES)
    ca = await makeCertificate('Test CA', [{ type: 2, value: 'ca.test' }], { isCa: true })
    caIssued = await makeCertificate('db.test', LOCAL_NAMES, { ca })
    otherHost = await makeCertificate('other.test', [{ type: 2, value: 'other.test' }])
    expired = await makeCertificate('db.test', LOCAL_NAMES, {
      notBefore: new Date(Date.UTC(2020, 0, 1)),
      notAfter: new Date(Date.UTC(2021, 0, 1)),
    })
  })
  afterEach(async () => {
    await Promise.all(fakes.splice(0).map((f) => f.close()))
  })
  afterAll(() => temp.cleanup())

  /** Nothing of the login reached the server: no auth packet, no password in any form. */
  const expectNothingSent = (server: Awaited<ReturnType<typeof fake>>) => {
    expect(server.sessions.length).toBeGreaterThan(0)
    for (const session of server.sessions) {
      expect(session.events).not.toContain('auth')
      expect(session.secured.length).toBe(0)
    }
    expect(server.received().includes(Buffer.from(PASSWORD))).toBe(false)
    expect(server.received().includes(Buffer.from('app'))).toBe(false)
  }

  it('refuses a self-signed certificate by default and offers its fingerprint', async () => {
    const server = await fake(selfSigned)
    const error = await failure(open(server.port, { mode: 'verify' }))
    expect(error?.code).toBe('UNAVAILABLE')
    expect(error?.message).toMatch(/not trusted: it is self-signed/)
    expect(error?.message).toContain(selfSigned.fingerprint256)
    expect(detailsOf(error)).toMatchObject({
      reason: 'it is self-signed',
      certificate: {
        fingerprint256: selfSigned.fingerprint256,
        subject: 'CN=db.test',
        issuer: 'CN=db.test',
        selfSigned: true,
        validTo: expect.stringMatching(/\d{4}/),
      },
    })
    expectNothingSent(server)
  })

  it('verifies with the CA file and logs in only after the TLS handshake', async () => {
    for (const [cert, caFile] of [
      [selfSigned, pem('self', selfSigned)],
      [caIssued, pem('ca', ca)],
    ] as const) {
      for (const host of ['127.0.0.1', 'localhost']) {
        const server = await fake(cert)
        const conn = await open(server.port, { mode: 'verify', caFile }, host)
        conn.destroy()
        // Same server, and the password did reach it: inside TLS, after the handshake.
        expect(server.sessions.map((s) => s.events)).toEqual([
          ['ssl-request', 'tls', 'auth', 'password'],
        ])
        expect(server.sessions[0]!.plain.includes(Buffer.from(PASSWORD))).toBe(false)
        expect(server.sessions[0]!.secured.includes(Buffer.from(PASSWORD))).toBe(true)
      }
    }
  })

  it('refuses a CA-issued certificate without its CA, saying which CA to add', async () => {
    const server = await fake(caIssued)
    const error = await failure(open(server.port, { mode: 'verify' }))
    expect(error?.message).toMatch(/issued by "CN=Test CA".*as its CA file/)
    expect(detailsOf(error)?.certificate).toMatchObject({ selfSigned: false, issuer: 'CN=Test CA' })
    expectNothingSent(server)
  })

  it('refuses a certificate made out to another host name, even with its CA file', async () => {
    const caFile = pem('other', otherHost)
    for (const host of ['127.0.0.1', 'localhost']) {
      const server = await fake(otherHost)
      const error = await failure(open(server.port, { mode: 'verify', caFile }, host))
      expect(error?.message).toContain(`made out to DNS:other.test, not to ${host}`)
      expect(detailsOf(error)?.certificate.fingerprint256).toBe(otherHost.fingerprint256)
      expectNothingSent(server)
    }
  })

  it('accepts exactly the pinned certificate, and nothing else', async () => {
    const server = await fake(selfSigned)
    const conn = await open(server.port, {
      mode: 'pinned',
      fingerprint256: selfSigned.fingerprint256,
    })
    conn.destroy()
    // A probe that stops after the certificate, then the login inside TLS.
    expect(server.sessions.map((s) => s.events)).toEqual([
      ['ssl-request'],
      ['ssl-request', 'tls', 'auth', 'password'],
    ])

    const impostor = await fake(otherHost)
    const error = await failure(
      open(impostor.port, { mode: 'pinned', fingerprint256: selfSigned.fingerprint256 }),
    )
    expect(error?.message).toMatch(/not the one this connection trusts/)
    expect(detailsOf(error)).toMatchObject({
      pinned: selfSigned.fingerprint256,
      certificate: { fingerprint256: otherHost.fingerprint256 },
    })
    expectNothingSent(impostor)
  })

  it('refuses to pin a CA-issued certificate or an expired one, before logging in', async () => {
    const issued = await fake(caIssued)
    const notAlone = await failure(
      open(issued.port, { mode: 'pinned', fingerprint256: caIssued.fingerprint256 }),
    )
    expect(notAlone?.message).toMatch(/issued by "CN=Test CA", so it cannot be checked on its own/)
    expectNothingSent(issued)

    const old = await fake(expired)
    const stale = await failure(
      open(old.port, { mode: 'pinned', fingerprint256: expired.fingerprint256 }),
    )
    expect(stale?.message).toMatch(/pinned certificate .* was refused .* valid .* to .*2021/)
    expectNothingSent(old)
  })

  it('saves TLS settings through the service and offers the fingerprint on a failed test', async () => {
    const harness = await startTestCore({ seedDemo: false })
    try {
      const server = await fake(selfSigned)
      const base = { name: 'fake', host: '127.0.0.1', port: server.port, user: 'app' }
      const saved = await harness.api.call('connections.save', {
        ...base,
        password: PASSWORD,
        tls: true,
      })
      expect(saved).toMatchObject({ tls: true, tlsMode: 'verify', tlsFingerprint: null })
      const refused = await failure(harness.api.call('connections.test', { id: saved.id }))
      expect(detailsOf(refused)?.certificate.fingerprint256).toBe(selfSigned.fingerprint256)
      expectNothingSent(server)

      // "Trust this certificate": typed as a user may, lower case and without colons.
      const typed = selfSigned.fingerprint256.replaceAll(':', '').toLowerCase()
      const pinned = await harness.api.call('connections.trustCertificate', {
        id: saved.id,
        fingerprint256: typed,
      })
      expect(pinned).toMatchObject({
        tlsMode: 'pinned',
        tlsFingerprint: selfSigned.fingerprint256,
        tlsCaFile: null,
        passwordSource: 'stored',
      })
      const listed = await harness.api.call('connections.list', {})
      expect(listed.find((c) => c.id === saved.id)).toEqual(pinned)
      // TLS and login pass; the fake server answers each query with an empty OK.
      const tested = await harness.api.call('connections.test', { id: saved.id })
      expect(tested.serverVersion).toBe('unknown')
      expect(server.sessions.at(-1)?.events).toEqual([
        'ssl-request',
        'tls',
        'auth',
        'password',
        'query',
        'query',
      ])
      const workspace = readFileSync(join(harness.dataDir, 'workspace.sqlite'))
      expect(workspace.includes(Buffer.from(PASSWORD))).toBe(false)
    } finally {
      await harness.close()
    }
  })

  it('rejects TLS settings that cannot work, saying what to change', async () => {
    const harness = await startTestCore({ seedDemo: false })
    try {
      const base = { name: 'bad', host: '127.0.0.1', user: 'app' }
      const cases = [
        [{ tls: false, tlsFingerprint: selfSigned.fingerprint256 }, /turn TLS on/],
        [{ tls: true, tlsFingerprint: 'AB:CD' }, /SHA-256 fingerprint: 64 hex digits/],
        [
          { tls: true, tlsFingerprint: selfSigned.fingerprint256, tlsCaFile: pem('x', ca) },
          /either a CA file or a fingerprint/,
        ],
        [{ tls: true, tlsCaFile: 'relative/ca.pem' }, /not an absolute path/],
        [{ tls: true, tlsCaFile: join(temp.dir, 'missing.pem') }, /cannot be read \(ENOENT\)/],
      ] as const
      for (const [fields, message] of cases) {
        const error = await failure(harness.api.call('connections.save', { ...base, ...fields }))
        expect(error?.code, JSON.stringify(fields)).toBe('VALIDATION')
        expect(error?.message).toMatch(message)
      }
      const notPem = join(temp.dir, 'not.pem')
      writeFileSync(notPem, 'hello')
      const error = await failure(
        harness.api.call('connections.save', { ...base, tls: true, tlsCaFile: notPem }),
      )
      expect(error?.message).toMatch(/holds no PEM certificate/)
      expect(await harness.api.call('connections.list', {})).toEqual([])
    } finally {
      await harness.close()
    }
  })

  // Six CLI runs of a few seconds each under tsx: more room than the default test timeout.
  it('CLI: a failed test prints the fingerprint, `connection trust` pins it, add takes --tls-ca and --tls-trust-fingerprint', async () => {
    const server = await fake(selfSigned)
    const dir = makeTempDir()
    try {
      const url = `mysql://app@127.0.0.1:${server.port}`
      const added = await audience(dir.dir, 'connection', 'add', 'fake', url, '--tls')
      expect(added.code, added.stderr).toBe(0)
      const refused = await audience(dir.dir, 'connection', 'test', 'fake')
      expect(refused.code).toBe(1)
      expect(refused.stderr).toContain('not trusted: it is self-signed')
      expect(refused.stderr).toContain(`SHA-256      ${selfSigned.fingerprint256}`)
      expect(refused.stderr).toContain(
        `audience connection trust "fake" ${selfSigned.fingerprint256}`,
      )
      expectNothingSent(server)

      const trusted = await audience(
        dir.dir,
        'connection',
        'trust',
        'fake',
        selfSigned.fingerprint256,
      )
      expect(trusted.code, trusted.stderr).toBe(0)
      const tested = await audience(dir.dir, 'connection', 'test', 'fake', '--json')
      expect(tested.code, tested.stderr).toBe(0)

      // The flags only set the profile; connecting with it is what the tests above cover.
      const caFile = pem('cli-ca', selfSigned)
      const byCa = await audience(
        dir.dir,
        'connection',
        'add',
        'by-ca',
        url,
        '--tls-ca',
        caFile,
        '--json',
      )
      expect(byCa.code, byCa.stderr).toBe(0)
      expect(JSON.parse(byCa.stdout)).toMatchObject({ tlsMode: 'verify', tlsCaFile: caFile })
      const typed = selfSigned.fingerprint256.replaceAll(':', '')
      const byPin = await audience(
        dir.dir,
        'connection',
        'add',
        'by-pin',
        url,
        '--tls-trust-fingerprint',
        typed,
        '--query-timeout',
        '30000',
        '--json',
      )
      expect(byPin.code, byPin.stderr).toBe(0)
      expect(JSON.parse(byPin.stdout)).toMatchObject({
        tlsMode: 'pinned',
        tlsFingerprint: selfSigned.fingerprint256,
        queryTimeoutMs: 30000,
      })
    } finally {
      dir.cleanup()
    }
  }, 180_000)
})
