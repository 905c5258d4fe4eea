import Database from 'better-sqlite3'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createConnectionService } from '../../src-main/core/connections/connections.service'
import { migrations } from '../../src-main/core/db/migrations'
import { migrate, schemaVersion } from '../../src-main/core/db/sqlite'
import { createKeyFileSecretStore } from '../../src-main/core/secrets/key-file-secret-store'
import { makeTempDir } from '../helpers/temp-dir'

const TLS_VERSION = migrations.findIndex((m) => m.name === '0006-connection-tls') + 1
const temps: (() => void)[] = []
afterEach(() => temps.splice(0).forEach((cleanup) => cleanup()))

const FINGERPRINT = Array.from({ length: 32 }, (_, i) => (i * 7).toString(16).padStart(2, '0'))
  .join(':')
  .toUpperCase()

describe('migration 0006-connection-tls', () => {
  it('upgrades N-1 → N keeping saved connections; TLS on becomes verify with no CA file', async () => {
    expect(TLS_VERSION).toBeGreaterThan(0)
    const temp = makeTempDir()
    temps.push(temp.cleanup)
    const db = new Database(join(temp.dir, 'workspace.sqlite'))
    migrate(db, migrations, TLS_VERSION - 1)
    const insert = db.prepare(
      `INSERT INTO connections (id, name, host, port, user, tls, connect_timeout_ms, query_timeout_ms,
         created_at, updated_at) VALUES (?, ?, 'db.example', 3306, 'app', ?, 5000, 1000, 1, 1)`,
    )
    insert.run('a'.repeat(32), 'with-tls', 1)
    insert.run('b'.repeat(32), 'plain', 0)
    migrate(db, migrations, TLS_VERSION)
    expect(schemaVersion(db)).toBe(TLS_VERSION)

    const service = createConnectionService({ db, secrets: createKeyFileSecretStore(temp.dir) })
    expect(service.list().map((p) => [p.name, p.tlsMode, p.tlsCaFile, p.tlsFingerprint])).toEqual([
      ['plain', 'off', null, null],
      ['with-tls', 'verify', null, null],
    ])
    expect((await service.targetOf({ connectionId: 'a'.repeat(32) })).tls).toEqual({
      mode: 'verify',
    })
    expect((await service.targetOf({ connectionId: 'b'.repeat(32) })).tls).toBeUndefined()

    const pinned = await service.save({
      id: 'a'.repeat(32),
      name: 'with-tls',
      host: 'db.example',
      port: 3306,
      user: 'app',
      tls: true,
      tlsFingerprint: FINGERPRINT,
      connectTimeoutMs: 5000,
      queryTimeoutMs: 1000,
    })
    expect(pinned).toMatchObject({ tlsMode: 'pinned', tlsFingerprint: FINGERPRINT })
    await expect(service.targetOf({ connectionId: pinned.id })).resolves.toMatchObject({
      tls: { mode: 'pinned', fingerprint256: FINGERPRINT },
      queryTimeoutMs: 1000,
    })
    // Only a fingerprint of Node's form fits the column.
    expect(() =>
      db.prepare(`UPDATE connections SET tls_fingerprint = 'AB:CD' WHERE id = ?`).run(pinned.id),
    ).toThrow(/CHECK constraint failed/)
    db.close()
  })
})
